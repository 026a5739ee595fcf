package io.gantry.agent.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.api.json.AwsJson;
import io.gantry.api.sigv4.SigV4Signer;
import io.gantry.api.sigv4.SignableRequest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A small SigV4-signing client: the few ECS calls the agent makes itself
 * (RegisterContainerInstance, awsJson1_1), and Gantry's admin operations for the {@code gantry}
 * command. Thread-safe.
 */
public final class EcsApiClient {
  private final URI endpoint;
  private final SigV4Signer signer;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final ObjectMapper mapper = AwsJson.mapper();

  /** An error answer from the control plane. */
  public static final class ApiException extends IOException {
    private final String type;

    ApiException(String type, String message) {
      super(type + ": " + message);
      this.type = type;
    }

    public String type() {
      return type;
    }
  }

  public EcsApiClient(URI endpoint, AgentCredentials credentials, String region, Clock clock) {
    this.endpoint = endpoint;
    this.signer = new SigV4Signer(credentials.accessKeyId(), credentials.secretAccessKey(), region, "ecs", clock);
  }

  /** Calls {@code operation} with {@code input} (a record or tree) and returns the answer's JSON. */
  public JsonNode call(String operation, Object input) throws IOException, InterruptedException {
    return send("POST", "/", null, mapper.writeValueAsBytes(input),
        "content-type", "application/x-amz-json-1.1",
        "x-amz-target", "AmazonEC2ContainerServiceV20141113." + operation);
  }

  /**
   * Sends one signed request to {@code rawPath} (and {@code rawQuery}, null for none) with
   * {@code body} and the extra headers (name, value, ...) and returns the answer's JSON; Gantry's
   * admin operations use it.
   */
  public JsonNode send(String method, String rawPath, String rawQuery, byte[] body, String... headerPairs)
      throws IOException, InterruptedException {
    String host = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
    String[] headers = java.util.Arrays.copyOf(headerPairs, headerPairs.length + 2);
    headers[headerPairs.length] = "host";
    headers[headerPairs.length + 1] = host;
    SignableRequest signed = signer.sign(SignableRequest.of(method, rawPath, body, headers).withRawQuery(rawQuery));
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve(rawPath + (rawQuery == null ? "" : "?" + rawQuery)))
        .timeout(Duration.ofSeconds(30))
        .method(method, body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
      if (!h.getKey().equals("host") && !h.getKey().equals("content-length")) {
        h.getValue().forEach(v -> request.header(h.getKey(), v));
      }
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    return answer(response);
  }

  /** The JSON of a 200 answer; an {@link ApiException} with the ECS error type and message otherwise. */
  static JsonNode answer(HttpResponse<byte[]> response) throws IOException {
    ObjectMapper mapper = AwsJson.mapper();
    JsonNode answer = response.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(response.body());
    if (response.statusCode() != 200) {
      throw new ApiException(answer.path("__type").asText("HTTP " + response.statusCode()), answer.path("message").asText(""));
    }
    return answer;
  }
}
