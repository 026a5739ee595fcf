package io.gantry.testkit.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.api.json.AwsJson;
import io.gantry.api.sigv4.SigV4Signer;
import io.gantry.api.sigv4.SignableRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Calls ECS operations (awsJson1_1, SigV4 header-signed) on one control plane through a shared
 * {@link HttpClient}, without a thread per call. Thread-safe: any number of calls may be in
 * flight; answers complete on the HTTP client's executor.
 */
public final class SignedEcsClient {
  private static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

  private final URI endpoint;
  private final SigV4Signer signer;
  private final HttpClient http;
  private final ObjectMapper mapper = AwsJson.mapper();

  /** An error answer ({@code __type} and message) from the control plane. */
  public static final class EcsCallException extends RuntimeException {
    private final String type;

    EcsCallException(String operation, String type, String message) {
      super(operation + " failed: " + type + ": " + message);
      this.type = type;
    }

    /** The ECS error name, e.g. {@code ClusterNotFoundException}. */
    public String type() {
      return type;
    }
  }

  public SignedEcsClient(URI endpoint, SigV4Signer signer, HttpClient http) {
    this.endpoint = endpoint;
    this.signer = signer;
    this.http = http;
  }

  /**
   * Calls {@code operation} with {@code input} (a record or JSON tree); completes with the answer's
   * JSON. Note that the JDK client completes asynchronous calls on the common pool's default
   * executor, which is a new thread per call on a machine with fewer than three cores: for many
   * calls prefer {@link #call} on a bounded pool.
   */
  public CompletableFuture<JsonNode> callAsync(String operation, Object input) {
    try {
      return http.sendAsync(request(operation, input), HttpResponse.BodyHandlers.ofByteArray())
          .thenApply(response -> answer(operation, response));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Calls {@code operation} and waits for the answer on this thread; an error answer is thrown as
   * {@link EcsCallException}, a failure to reach the control plane as {@link UncheckedIOException}.
   */
  public JsonNode call(String operation, Object input) throws InterruptedException {
    try {
      return answer(operation, http.send(request(operation, input), HttpResponse.BodyHandlers.ofByteArray()));
    } catch (IOException e) {
      throw new UncheckedIOException(operation + " failed: " + e.getMessage(), e);
    }
  }

  private HttpRequest request(String operation, Object input) throws IOException {
    byte[] body = mapper.writeValueAsBytes(input);
    SignableRequest signed = signer.sign(SignableRequest.of("POST", "/", body,
        "host", hostHeader(endpoint),
        "content-type", "application/x-amz-json-1.1",
        "x-amz-target", TARGET_PREFIX + operation));
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
        .timeout(Duration.ofSeconds(60))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
      if (!h.getKey().equals("host") && !h.getKey().equals("content-length")) {
        h.getValue().forEach(v -> request.header(h.getKey(), v));
      }
    }
    return request.build();
  }

  /** The signer this client uses (the simulated agents presign their session upgrades with it). */
  public SigV4Signer signer() {
    return signer;
  }

  public URI endpoint() {
    return endpoint;
  }

  /** {@code host[:port]} of {@code uri}, as it must appear in the signed {@code host} header. */
  public static String hostHeader(URI uri) {
    return uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
  }

  private JsonNode answer(String operation, HttpResponse<byte[]> response) {
    try {
      JsonNode json = response.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(response.body());
      if (response.statusCode() != 200) {
        throw new EcsCallException(operation, json.path("__type").asText("HTTP " + response.statusCode()),
            json.path("message").asText(""));
      }
      return json;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
