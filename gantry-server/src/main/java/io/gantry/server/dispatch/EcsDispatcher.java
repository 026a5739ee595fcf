package io.gantry.server.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gantry.api.ecs.EcsOperations;
import io.gantry.api.json.AwsJson;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.server.auth.AgentPermissions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one awsJson1_1 call (target header and body) into an operation invocation and its
 * response, and is the only place where exceptions become ECS error bodies. Checks what the
 * caller's principal may call ({@link AgentPermissions}) before anything else. Thread-safe.
 */
public final class EcsDispatcher {
  private static final Logger log = LoggerFactory.getLogger(EcsDispatcher.class);
  private static final byte[] EMPTY_OBJECT = "{}".getBytes(StandardCharsets.UTF_8);

  /** An HTTP status and a JSON body. */
  public record Response(int status, byte[] body) {}

  private final OperationRegistry registry;
  private final InputValidator validator;
  private final ObjectMapper mapper = AwsJson.mapper();

  public EcsDispatcher(OperationRegistry registry, InputValidator validator) {
    this.registry = registry;
    this.validator = validator;
  }

  /**
   * Resolves the operation named by {@code target}; errors for a missing or unknown target are
   * thrown as {@link EcsException} so they can be answered before authentication work.
   */
  public String operationName(String target) {
    if (target == null || target.isEmpty()) {
      throw new EcsException(ErrorCode.UNKNOWN_OPERATION, "Missing X-Amz-Target header.");
    }
    int dot = target.indexOf('.');
    String prefix = dot < 0 ? "" : target.substring(0, dot);
    String name = dot < 0 ? target : target.substring(dot + 1);
    if (!EcsOperations.TARGET_PREFIX.equals(prefix) || !EcsOperations.ALL.contains(name)) {
      throw new EcsException(ErrorCode.UNKNOWN_OPERATION, "Operation " + target + " is not recognized.");
    }
    return name;
  }

  /** Runs operation {@code name} with the raw request body; never throws. */
  public Response dispatch(String name, byte[] body, RequestContext ctx) {
    return guarded(name, ctx.requestId(), () -> invoke(name, body, ctx));
  }

  /**
   * Runs an operation outside the signed ECS path (the agent's join exchange, which its token
   * authenticates): decodes {@code body} into {@code inputType} and calls {@code operation}, with
   * the same error mapping as {@link #dispatch}; never throws.
   */
  public <I> Response dispatchUnsigned(String name, byte[] body, Class<I> inputType, Function<I, Object> operation,
      String requestId) {
    return guarded(name, requestId, () -> encode(name, operation.apply(decode(parse(body), inputType))));
  }

  /** Runs {@code call} and turns what it throws into an error answer. */
  private static Response guarded(String name, String requestId, Supplier<byte[]> call) {
    try {
      return new Response(200, call.get());
    } catch (EcsException e) {
      return error(e.code(), e.getMessage());
    } catch (RuntimeException e) {
      log.error("request {} ({}) failed", requestId, name, e);
      return error(ErrorCode.SERVER, "An internal error occurred. Request id: " + requestId);
    }
  }

  private byte[] invoke(String name, byte[] body, RequestContext ctx) {
    JsonNode input = parse(body);
    JsonNode cluster = input.get("cluster");
    AgentPermissions.check(ctx.principal(), name, ctx.scope(), cluster != null && cluster.isTextual() ? cluster.asText() : null);
    OperationRegistry.Entry<?> entry = registry.find(name).orElseThrow(() -> EcsException.notImplemented(name));
    validator.validate(name, input);
    return encode(name, call(entry, input, ctx));
  }

  private byte[] encode(String name, Object output) {
    if (output == null) {
      return EMPTY_OBJECT;
    }
    try {
      return mapper.writeValueAsBytes(output);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the output of " + name, e);
    }
  }

  private <I> Object call(OperationRegistry.Entry<I> entry, JsonNode input, RequestContext ctx) {
    return entry.operation().invoke(ctx, decode(input, entry.inputType()));
  }

  private <I> I decode(JsonNode input, Class<I> inputType) {
    try {
      return mapper.treeToValue(input, inputType);
    } catch (ValueInstantiationException e) {
      Throwable cause = e.getCause();
      if (cause instanceof EcsException ecs) {
        throw ecs;
      }
      String message = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage();
      throw EcsException.invalidParameter(message);
    } catch (MismatchedInputException e) {
      throw new EcsException(ErrorCode.SERIALIZATION, describe(e));
    } catch (IOException e) {
      throw new EcsException(ErrorCode.SERIALIZATION, "Unreadable request: " + e.getMessage());
    }
  }

  private JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return mapper.createObjectNode();
    }
    try {
      JsonNode node = mapper.readTree(body);
      if (node == null || node.isMissingNode()) {
        return mapper.createObjectNode();
      }
      if (!(node instanceof ObjectNode)) {
        throw new EcsException(ErrorCode.SERIALIZATION, "The request body must be a JSON object.");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new EcsException(ErrorCode.SERIALIZATION, "Malformed JSON in the request body: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new EcsException(ErrorCode.SERIALIZATION, "Unreadable request body.");
    }
  }

  private static String describe(MismatchedInputException e) {
    String path = e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
        .orElse("");
    return path.isEmpty()
        ? "Invalid request: " + e.getOriginalMessage()
        : "Invalid value for member '" + path + "': " + firstLine(e.getOriginalMessage());
  }

  private static String firstLine(String s) {
    int nl = s == null ? -1 : s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Builds the awsJson1_1 error body for {@code code}. */
  public static Response error(ErrorCode code, String message) {
    ObjectNode node = AwsJson.mapper().createObjectNode();
    node.put("__type", code.wireName());
    node.put("message", message);
    try {
      return new Response(code.httpStatus(), AwsJson.mapper().writeValueAsBytes(node));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
