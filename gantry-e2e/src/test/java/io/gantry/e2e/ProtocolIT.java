package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.EcsOperations;
import io.gantry.api.sigv4.SigV4Signer;
import io.gantry.api.sigv4.SignableRequest;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.RawClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The awsJson1_1 protocol and SigV4 at the HTTP level, against a real server process: every
 * malformed or unauthenticated request gets a clear ECS-style error, never a 500.
 */
class ProtocolIT {
  @TempDir static Path dir;
  static GantryProcess server;
  static RawClient raw;

  @BeforeAll
  static void start() throws Exception {
    server = GantryProcess.start(dir.resolve("data"));
    raw = new RawClient(server.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  @Test
  void answersCarryRequestIdAndContentType() throws Exception {
    RawClient.Answer a = raw.call("ListClusters", "{}");
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.headers().get("x-amzn-requestid")).singleElement().asString().hasSize(36);
    assertThat(a.headers().get("content-type")).containsExactly("application/x-amz-json-1.1");
    assertThat(a.json().has("clusterArns")).isTrue();
  }

  @Test
  void malformedJsonIsSerializationException() throws Exception {
    RawClient.Answer a = raw.call("ListClusters", "{\"maxResults\": ");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.type()).isEqualTo("SerializationException");
    assertThat(raw.call("ListClusters", "[1,2]").type()).isEqualTo("SerializationException");
  }

  @Test
  void wrongMemberTypeIsSerializationException() throws Exception {
    RawClient.Answer a = raw.call("ListClusters", "{\"maxResults\":\"ten\"}");
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.type()).isEqualTo("SerializationException");
    assertThat(a.json().path("message").asText()).contains("maxResults");
  }

  @Test
  void unknownTargetIsUnknownOperationException() throws Exception {
    SignableRequest req = raw.signer(Clock.systemUTC()).sign(raw.unsigned("AmazonEC2ContainerServiceV20141113.LaunchRocket", "{}"));
    RawClient.Answer a = raw.send(req);
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.type()).isEqualTo("UnknownOperationException");
    SignableRequest other = raw.signer(Clock.systemUTC()).sign(raw.unsigned("DynamoDB_20120810.ListTables", "{}"));
    assertThat(raw.send(other).type()).isEqualTo("UnknownOperationException");
  }

  @Test
  void everyModelOperationWorksOrSaysItIsNotImplemented() throws Exception {
    List<String> failures = new ArrayList<>();
    for (String op : EcsOperations.ALL) {
      RawClient.Answer a = raw.call(op, "{}");
      boolean ok = a.status() == 200
          || (a.status() == 400 && a.type().endsWith("Exception") && !a.type().equals("ServerException"));
      if (!ok) {
        failures.add(op + " -> " + a.status() + " " + a.body());
      }
      if (a.type().equals("UnsupportedFeatureException")) {
        assertThat(a.json().path("message").asText()).contains("does not implement").contains(op);
      }
    }
    assertThat(failures).isEmpty();
  }

  @Test
  void unsignedRequestIsRejected() throws Exception {
    RawClient.Answer a = raw.send(raw.unsigned("AmazonEC2ContainerServiceV20141113.ListClusters", "{}"));
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.type()).isEqualTo("MissingAuthenticationTokenException");
  }

  @Test
  void unknownKeyIsUnrecognizedClient() throws Exception {
    SigV4Signer stranger = new SigV4Signer("AKGANOBODY0000000000", "x".repeat(40), "us-east-1", "ecs", Clock.systemUTC());
    RawClient.Answer a = raw.send(raw.signed("ListClusters", "{}", stranger));
    assertThat(a.status()).isEqualTo(400);
    assertThat(a.type()).isEqualTo("UnrecognizedClientException");
  }

  @Test
  void wrongSecretIsInvalidSignature() throws Exception {
    SigV4Signer wrong = new SigV4Signer(GantryProcess.ACCESS_KEY, "y".repeat(40), "us-east-1", "ecs", Clock.systemUTC());
    RawClient.Answer a = raw.send(raw.signed("ListClusters", "{}", wrong));
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.type()).isEqualTo("InvalidSignatureException");
  }

  @Test
  void tamperedBodyIsInvalidSignature() throws Exception {
    SignableRequest signed = raw.signed("CreateCluster", "{\"clusterName\":\"a\"}", null);
    SignableRequest tampered = new SignableRequest(signed.method(), signed.rawPath(), signed.rawQuery(), signed.headers(),
        "{\"clusterName\":\"b\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    RawClient.Answer a = raw.send(tampered);
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.type()).isEqualTo("InvalidSignatureException");
  }

  @Test
  void clockSkewBeyondFiveMinutesIsRejected() throws Exception {
    Clock late = Clock.offset(Clock.systemUTC().withZone(ZoneOffset.UTC), Duration.ofMinutes(-6));
    RawClient.Answer a = raw.send(raw.signed("ListClusters", "{}", raw.signer(late)));
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.type()).isEqualTo("InvalidSignatureException");
    assertThat(a.json().path("message").asText()).contains("Signature expired");
    Clock slightlyLate = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-4));
    assertThat(raw.send(raw.signed("ListClusters", "{}", raw.signer(slightlyLate))).status()).isEqualTo(200);
  }

  @Test
  void wrongServiceInScopeIsRejected() throws Exception {
    SigV4Signer s3 = new SigV4Signer(GantryProcess.ACCESS_KEY, GantryProcess.SECRET_KEY, "us-east-1", "s3", Clock.systemUTC());
    RawClient.Answer a = raw.send(raw.signed("ListClusters", "{}", s3));
    assertThat(a.status()).isEqualTo(403);
    assertThat(a.type()).isEqualTo("InvalidSignatureException");
  }

  @Test
  void presignedRequestIsAccepted() throws Exception {
    SignableRequest presigned = raw.signer(Clock.systemUTC())
        .presign(raw.unsigned("AmazonEC2ContainerServiceV20141113.ListClusters", "{}"), 300);
    RawClient.Answer a = raw.send(presigned);
    assertThat(a.status()).as(a.body()).isEqualTo(200);
  }

  @Test
  void regionComesFromTheSignatureScope() throws Exception {
    SigV4Signer west = new SigV4Signer(GantryProcess.ACCESS_KEY, GantryProcess.SECRET_KEY, "eu-west-1", "ecs", Clock.systemUTC());
    RawClient.Answer created = raw.send(raw.signed("CreateCluster", "{\"clusterName\":\"regional\"}", west));
    assertThat(created.json().path("cluster").path("clusterArn").asText())
        .isEqualTo("arn:aws:ecs:eu-west-1:000000000000:cluster/regional");
    RawClient.Answer east = raw.call("DescribeClusters", "{\"clusters\":[\"regional\"]}");
    assertThat(east.json().path("failures").get(0).path("reason").asText()).isEqualTo("MISSING");
  }

  @Test
  void healthNeedsNoSignature() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    var resp = http.send(java.net.http.HttpRequest.newBuilder(server.endpoint().resolve("/health")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(resp.statusCode()).isEqualTo(200);
    assertThat(Set.of(resp.body().strip())).containsExactly("ok");
  }
}
