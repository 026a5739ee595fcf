package io.gantry.agent.session;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.join.JoinRequest;
import io.gantry.api.join.JoinResponse;
import io.gantry.api.json.AwsJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The agent's side of the join exchange: presents a join token at {@code POST /agent/v1/join}
 * (unsigned; the token is the secret) and gets agent credentials back. Stateless; each call
 * makes one HTTP request.
 */
public final class JoinClient {
  public static final String PATH = "/agent/v1/join";

  private JoinClient() {}

  /**
   * Exchanges {@code token} for credentials for {@code cluster}.
   *
   * @throws EcsApiClient.ApiException when the control plane refuses the token (unknown,
   *     revoked, expired, for another cluster)
   */
  public static SavedCredentials join(URI endpoint, String token, String cluster) throws IOException, InterruptedException {
    byte[] body = AwsJson.mapper().writeValueAsBytes(new JoinRequest(token.strip(), cluster));
    HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(PATH))
        .timeout(Duration.ofSeconds(30))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    JsonNode answer = EcsApiClient.answer(response);
    return SavedCredentials.of(AwsJson.mapper().treeToValue(answer, JoinResponse.class));
  }
}
