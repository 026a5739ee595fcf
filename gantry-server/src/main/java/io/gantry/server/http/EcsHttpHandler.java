package io.gantry.server.http;

import io.gantry.api.join.JoinRequest;
import io.gantry.api.sigv4.SigV4Verifier;
import io.gantry.api.sigv4.SignableRequest;
import io.gantry.api.sigv4.VerifiedCaller;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Scope;
import io.gantry.server.auth.KeyRing;
import io.gantry.server.auth.Principal;
import io.gantry.server.dispatch.EcsDispatcher;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.ha.LeaderForwarder;
import io.gantry.server.join.JoinExchange;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The HTTP endpoint of the API: awsJson1_1 ({@code POST /} with {@code X-Amz-Target}), Gantry's
 * admin operations ({@code /admin/v1/...}, {@link AdminRoutes}) and the agent's join exchange
 * ({@code POST /agent/v1/join}, authenticated by its join token instead of a signature). Reads the
 * body, verifies the SigV4 signature, finds the key's principal, dispatches, and writes the JSON
 * answer with {@code x-amzn-RequestId}. Also answers {@code GET /health} without authentication.
 * The body (at most 4 MiB) is read asynchronously; the rest runs on the thread that completes the
 * read.
 */
public final class EcsHttpHandler extends Handler.Abstract {
  private static final int MAX_BODY = 4 * 1024 * 1024;
  private static final String CONTENT_TYPE = "application/x-amz-json-1.1";

  public static final String JOIN_PATH = "/agent/v1/join";

  private final EcsDispatcher dispatcher;
  private final SigV4Verifier verifier;
  private final KeyRing keys;
  private final JoinExchange join;
  private final Clock clock;
  private final LeaderForwarder forwarder;

  /** {@code forwarder} hands the leader-only calls (RunTask, StartTask) to the leader when this replica does not lead. */
  public EcsHttpHandler(EcsDispatcher dispatcher, SigV4Verifier verifier, KeyRing keys, JoinExchange join, Clock clock,
      LeaderForwarder forwarder) {
    this.forwarder = forwarder;
    this.dispatcher = dispatcher;
    this.verifier = verifier;
    this.keys = keys;
    this.join = join;
    this.clock = clock;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String requestId = UUID.randomUUID().toString();
    String path = request.getHttpURI().getPath();
    String method = request.getMethod();
    if ("GET".equals(method) && "/health".equals(path)) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain");
      Content.Sink.write(response, true, "ok\n", callback);
      return true;
    }
    if (!"POST".equals(method) && !AdminRoutes.matches(path)) {
      answer(response, requestId, EcsDispatcher.error(ErrorCode.UNKNOWN_OPERATION,
          "Only POST / is served here (awsJson1_1)."), callback);
      return true;
    }
    if (request.getLength() > MAX_BODY) {
      answer(response, requestId, tooLarge(), callback);
      return true;
    }
    // The body arrives asynchronously; no request thread waits for slow clients.
    Content.Source.asByteArrayAsync(request, MAX_BODY + 1).whenComplete((body, failure) -> {
      EcsDispatcher.Response answer;
      if (failure != null) {
        answer = EcsDispatcher.error(ErrorCode.SERIALIZATION, "The request body could not be read.");
      } else if (body.length > MAX_BODY) {
        answer = tooLarge();
      } else {
        answer = serve(request, path, requestId, body);
      }
      answer(response, requestId, answer, callback);
    });
    return true;
  }

  private static void answer(Response response, String requestId, EcsDispatcher.Response answer, Callback callback) {
    response.setStatus(answer.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, CONTENT_TYPE);
    response.getHeaders().put("x-amzn-RequestId", requestId);
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
  }

  private static EcsDispatcher.Response tooLarge() {
    return EcsDispatcher.error(ErrorCode.SERIALIZATION, "The request body is larger than " + MAX_BODY + " bytes.");
  }

  private EcsDispatcher.Response serve(Request request, String path, String requestId, byte[] body) {
    if (JOIN_PATH.equals(path)) {
      return dispatcher.dispatchUnsigned(JoinExchange.OPERATION, body, JoinRequest.class, join::join, requestId);
    }
    VerifiedCaller caller;
    String operation;
    byte[] input = body;
    try {
      caller = verifier.verify(new SignableRequest(request.getMethod(), path, request.getHttpURI().getQuery(),
          headers(request), body));
      if (AdminRoutes.matches(path)) {
        AdminRoutes.Route route = AdminRoutes.route(request.getMethod(), path, request.getHttpURI().getQuery(), body);
        operation = route.operation();
        input = route.input();
      } else {
        operation = dispatcher.operationName(request.getHeaders().get("X-Amz-Target"));
      }
    } catch (EcsException e) {
      return EcsDispatcher.error(e.code(), e.getMessage());
    }
    Scope scope;
    try {
      scope = new Scope(caller.accountId(), caller.region());
    } catch (IllegalArgumentException e) {
      return EcsDispatcher.error(ErrorCode.INVALID_SIGNATURE, "The credential scope names an invalid region.");
    }
    Optional<Principal> principal = keys.principal(caller.accessKeyId());
    if (principal.isEmpty()) {
      return EcsDispatcher.error(ErrorCode.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
    }
    if (forwarder.mustForward(operation)) {
      EcsDispatcher.Response forwarded = forwarder.forward(request.getHeaders().get("X-Amz-Target"), body,
          caller.accessKeyId(), caller.region(), request.getHeaders().get(LeaderForwarder.FORWARDED) != null);
      if (forwarded != null) {
        return forwarded;
      }
    }
    return dispatcher.dispatch(operation, input,
        new RequestContext(scope, caller.accessKeyId(), principal.get(), requestId, clock.instant()));
  }

  private static Map<String, List<String>> headers(Request request) {
    Map<String, List<String>> headers = new HashMap<>();
    for (HttpField field : request.getHeaders()) {
      headers.computeIfAbsent(field.getLowerCaseName(), k -> new ArrayList<>(1)).add(field.getValue());
    }
    return headers;
  }
}
