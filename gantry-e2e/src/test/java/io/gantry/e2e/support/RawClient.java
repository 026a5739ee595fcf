package io.gantry.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.api.sigv4.SigV4Signer;
import io.gantry.api.sigv4.SignableRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Plain HTTP calls to a test server, signed with Gantry's own SigV4 signer or deliberately not,
 * for the cases real SDKs never send (malformed JSON, unknown targets, bad signatures).
 */
public final class RawClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  /** An HTTP answer: status, headers and body as JSON. */
  public record Answer(int status, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + body, e);
      }
    }

    public String type() {
      return json().path("__type").asText();
    }
  }

  public RawClient(URI endpoint) {
    this.endpoint = endpoint;
  }

  /** A request for {@code operation} signed with the test key (or {@code signer} when given). */
  public SignableRequest signed(String operation, String body, SigV4Signer signer) {
    SignableRequest unsigned = unsigned("AmazonEC2ContainerServiceV20141113." + operation, body);
    return (signer != null ? signer : signer(Clock.systemUTC())).sign(unsigned);
  }

  public SignableRequest unsigned(String target, String body) {
    return SignableRequest.of("POST", "/", body.getBytes(StandardCharsets.UTF_8),
        "host", endpoint.getHost() + ":" + endpoint.getPort(),
        "content-type", "application/x-amz-json-1.1",
        "x-amz-target", target);
  }

  public SigV4Signer signer(Clock clock) {
    return new SigV4Signer(GantryProcess.ACCESS_KEY, GantryProcess.SECRET_KEY, "us-east-1", "ecs", clock);
  }

  public Answer call(String operation, String body) throws IOException, InterruptedException {
    return send(signed(operation, body, null));
  }

  public Answer send(SignableRequest req) throws IOException, InterruptedException {
    String query = req.rawQuery() == null ? "" : "?" + req.rawQuery();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(endpoint + req.rawPath() + query))
        .method(req.method(), HttpRequest.BodyPublishers.ofByteArray(req.body()));
    for (var h : req.headers().entrySet()) {
      if (!h.getKey().equals("host") && !h.getKey().equals("content-length")) {
        for (String v : h.getValue()) {
          b.header(h.getKey(), v);
        }
      }
    }
    HttpResponse<String> resp = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Answer(resp.statusCode(), resp.headers().map(), resp.body());
  }
}
