package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.EcsErrors;
import io.gantry.e2e.support.GantryCli;
import io.gantry.e2e.support.GantryProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AccessDeniedException;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;

/**
 * A machine joins with a join token, end to end: the administrator creates the token with the
 * {@code gantry} command, a real agent process exchanges it for agent credentials and registers
 * (agentConnected through the SDK), the issued credentials are refused everything but the agent's
 * calls, unknown, revoked, expired and misdirected tokens are refused with a clear message, and an
 * agent killed with SIGKILL comes back without the token on the credentials it saved.
 */
class JoinTokenIT {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  static GantryProcess server;
  static EcsClient ecs;
  static GantryCli gantry;

  @BeforeAll
  static void start() throws Exception {
    server = GantryProcess.start(dir.resolve("data"));
    ecs = Clients.ecs(server.endpoint());
    ecs.createCluster(b -> b.clusterName("edge"));
    ecs.createCluster(b -> b.clusterName("other"));
    gantry = new GantryCli(dir.resolve("admin-home"));
  }

  @AfterAll
  static void stop() throws Exception {
    ecs.close();
    server.close();
  }

  static AwsCli.Result admin(String... args) throws Exception {
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint", server.endpoint().toString()));
    AwsCli.Result r = gantry.run(GantryCli.accountKey(), all.toArray(String[]::new));
    return r;
  }

  static String createToken(String cluster, String ttl) throws Exception {
    AwsCli.Result r = admin("join-token", "create", "--cluster", cluster, "--ttl", ttl, "--description", "it", "-q");
    assertThat(r.exitCode()).as("stderr: %s", r.stderr()).isZero();
    String token = r.stdout().strip();
    assertThat(token).matches("[a-z0-9]{10}\\.[a-z0-9]{32}");
    return token;
  }

  /** Runs an agent that must be refused; returns what it printed on stderr. */
  static String refusedAgent(String cluster, String token, String name) throws Exception {
    AwsCli.Result r = gantry.run(Map.of(), "agent", "--endpoint", server.endpoint().toString(), "--cluster", cluster,
        "--agent-data-dir", dir.resolve(name).toString(), "--join-token", token);
    assertThat(r.exitCode()).as("stdout: %s\nstderr: %s", r.stdout(), r.stderr()).isEqualTo(1);
    assertThat(r.stderr()).startsWith("gantry agent: the control plane refused the join token: AccessDeniedException: ");
    assertThat(Files.exists(dir.resolve(name).resolve("credentials.json"))).isFalse();
    return r.stderr();
  }

  static ContainerInstance onlyInstance(String cluster) {
    List<String> arns = ecs.listContainerInstances(b -> b.cluster(cluster)).containerInstanceArns();
    assertThat(arns).hasSize(1);
    return ecs.describeContainerInstances(b -> b.cluster(cluster).containerInstances(arns)).containerInstances().get(0);
  }

  @Test
  void aMachineJoinsWithATokenAndComesBackWithoutIt() throws Exception {
    String token = createToken("edge", "1h");
    Path agentDir = dir.resolve("agent-edge");
    AgentProcess agent = AgentProcess.start(server.endpoint(), "edge", agentDir, Map.of(), "--join-token", token);
    String arn;
    try {
      await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(onlyInstance("edge").agentConnected()));
      arn = onlyInstance("edge").containerInstanceArn();

      Path saved = agentDir.resolve("credentials.json");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(saved))).isEqualTo("rw-------");
      JsonNode key = JSON.readTree(saved.toFile());
      assertThat(key.path("accessKeyId").asText()).isNotEqualTo(GantryProcess.ACCESS_KEY);
      assertThat(key.path("cluster").asText()).isEqualTo("edge");
      try (EcsClient asAgent = Clients.ecs(server.endpoint(), key.path("accessKeyId").asText(),
          key.path("secretAccessKey").asText(), "us-east-1")) {
        AccessDeniedException denied = EcsErrors.expect(AccessDeniedException.class,
            () -> asAgent.runTask(b -> b.cluster("edge").taskDefinition("anything")));
        assertThat(denied.awsErrorDetails().errorMessage()).startsWith("User: arn:aws:iam::000000000000:user/gantry-agent/")
            .contains("is not authorized to perform: ecs:RunTask");
        EcsErrors.expect(AccessDeniedException.class, asAgent::listClusters);
        EcsErrors.expect(AccessDeniedException.class, () -> asAgent.registerContainerInstance(b -> b.cluster("other")));
      }
      agent.kill();
    } finally {
      agent.close();
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.FALSE.equals(onlyInstance("edge").agentConnected()));

    try (AgentProcess restarted = AgentProcess.start(server.endpoint(), "edge", agentDir, Map.of())) {
      await().atMost(Duration.ofSeconds(30)).until(() -> Boolean.TRUE.equals(onlyInstance("edge").agentConnected()));
      assertThat(onlyInstance("edge").containerInstanceArn()).isEqualTo(arn);
      assertThat(Files.readString(agentDir.resolve("agent.log"))).contains("Using the agent credentials saved in");
    }
  }

  @Test
  void unknownRevokedExpiredAndMisdirectedTokensAreRefused() throws Exception {
    assertThat(refusedAgent("edge", "abcdefghij.0123456789abcdefghijklmnopqrstuv", "agent-unknown"))
        .contains("is not valid: it is unknown or its secret does not match");

    String forEdge = createToken("edge", "1h");
    assertThat(refusedAgent("other", forEdge, "agent-wrong-cluster")).contains("is for cluster edge, not other");

    String revoked = createToken("edge", "1h");
    String revokedId = revoked.substring(0, revoked.indexOf('.'));
    AwsCli.Result revoke = admin("join-token", "revoke", revokedId);
    assertThat(revoke.exitCode()).as("stderr: %s", revoke.stderr()).isZero();
    assertThat(revoke.stdout()).contains("Revoked join token " + revokedId);
    assertThat(refusedAgent("edge", revoked, "agent-revoked")).contains("was revoked at");

    String expired = createToken("edge", "1s");
    String expiredId = expired.substring(0, expired.indexOf('.'));
    Thread.sleep(1_500);
    assertThat(refusedAgent("edge", expired, "agent-expired")).contains("expired at");

    AwsCli.Result list = admin("join-token", "list", "--cluster", "edge");
    assertThat(list.exitCode()).as("stderr: %s", list.stderr()).isZero();
    assertThat(list.stdout()).containsPattern(revokedId + "\\s+REVOKED").containsPattern(expiredId + "\\s+EXPIRED")
        .doesNotContain(forEdge.substring(forEdge.indexOf('.') + 1));
  }

  @Test
  void adminOperationsCheckTheirInput() throws Exception {
    AwsCli.Result missing = admin("join-token", "create", "--cluster", "nope");
    assertThat(missing.exitCode()).isEqualTo(1);
    assertThat(missing.stderr()).contains("ClusterNotFoundException");
    AwsCli.Result tooLong = admin("join-token", "create", "--cluster", "edge", "--ttl", "31d");
    assertThat(tooLong.exitCode()).isEqualTo(1);
    assertThat(tooLong.stderr()).contains("InvalidParameterException").contains("30 days");
    AwsCli.Result unknown = admin("join-token", "revoke", "zzzzzzzzzz");
    assertThat(unknown.stderr()).contains("ResourceNotFoundException");
    AwsCli.Result unsigned = gantry.run(Map.of("AWS_ACCESS_KEY_ID", "AKGAUNKNOWN", "AWS_SECRET_ACCESS_KEY", "x"),
        "join-token", "list", "--endpoint", server.endpoint().toString());
    assertThat(unsigned.exitCode()).isEqualTo(1);
    assertThat(unsigned.stderr()).contains("UnrecognizedClientException");
  }
}
