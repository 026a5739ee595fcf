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
 * A small signed awsJson1_1 client for the few ECS calls the agent makes itself
 * (RegisterContainerInstance). Thread-safe.
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
    byte[] body = mapper.writeValueAsBytes(input);
    String host = endpoint.getHost() + (endpoint.getPort() > 0 ? ":" + endpoint.getPort() : "");
    SignableRequest signed = signer.sign(SignableRequest.of("POST", "/", body,
        "host", host,
        "content-type", "application/x-amz-json-1.1",
        "x-amz-target", "AmazonEC2ContainerServiceV20141113." + operation));
    HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
        .timeout(Duration.ofSeconds(30))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> h : signed.headers().entrySet()) {
      if (!h.getKey().equals("host") && !h.getKey().equals("content-length")) {
        h.getValue().forEach(v -> request.header(h.getKey(), v));
      }
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    JsonNode answer = response.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(response.body());
    if (response.statusCode() != 200) {
      throw new ApiException(answer.path("__type").asText("HTTP " + response.statusCode()), answer.path("message").asText(""));
    }
    return answer;
  }
}
