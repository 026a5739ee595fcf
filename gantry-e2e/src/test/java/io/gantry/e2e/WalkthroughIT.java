package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.GantryProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's walkthrough, for real: {@code gantry up} (control plane and a local agent on
 * credentials the server issued to it), then with
 * the AWS CLI v2 register a busybox task definition, run a task, see it RUNNING and its container
 * in {@code docker ps} serving on its host port, stop it and see it STOPPED with its exit code.
 * Needs the Docker Engine and the local image {@code gantry-test/busybox} (./run-tests sets both up).
 */
class WalkthroughIT {
  @TempDir static Path dir;
  static GantryProcess gantry;
  static AwsCli aws;

  @BeforeAll
  static void start() throws Exception {
    gantry = GantryProcess.up(dir.resolve("data"));
    Path home = Files.createDirectories(dir.resolve("cli"));
    aws = new AwsCli(gantry.endpoint(), home);
  }

  @AfterAll
  static void stop() throws Exception {
    gantry.close();
    // The agent leaves containers running when it stops (by design); clean up this test's.
    docker("sh", "-c", "docker ps -aq --filter label=io.gantry.test=walkthrough | xargs -r docker rm -f");
  }

  @Test
  void runSeeRunningStopSeeStopped() throws Exception {
    assertThat(aws.ecs("create-cluster", "--cluster-name", "walkthrough").exitCode()).isZero();
    // The local agent joined 'default'; the walkthrough uses it.
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      JsonNode list = aws.ecs("list-container-instances", "--cluster", "default").json();
      return list.path("containerInstanceArns").size() == 1;
    });
    // It signs with agent credentials the server issued to it, not with the account key.
    String localAgentKey = Files.readString(gantry.dataDir().resolve("agent/credentials.json"));
    assertThat(localAgentKey).contains("\"cluster\":\"default\"").doesNotContain(GantryProcess.ACCESS_KEY);
    AwsCli.Result registered = aws.ecs("register-task-definition", "--family", "walkthrough-web",
        "--container-definitions", "[{\"name\":\"web\",\"image\":\"gantry-test/busybox\",\"memory\":64,"
            + "\"essential\":true,\"stopTimeout\":2,\"dockerLabels\":{\"io.gantry.test\":\"walkthrough\"},"
            + "\"command\":[\"sh\",\"-c\",\"echo hello > /var/www/index.html; exec httpd -f -p 8080 -h /var/www\"],"
            + "\"portMappings\":[{\"containerPort\":8080}]}]");
    assertThat(registered.exitCode()).as(registered.stderr()).isZero();

    AwsCli.Result run = aws.ecs("run-task", "--task-definition", "walkthrough-web");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    String taskArn = run.json().path("tasks").get(0).path("taskArn").asText();
    assertThat(run.json().path("failures")).isEmpty();

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        describe(taskArn).path("lastStatus").asText().equals("RUNNING"));
    JsonNode running = describe(taskArn);
    JsonNode container = running.path("containers").get(0);
    assertThat(container.path("lastStatus").asText()).isEqualTo("RUNNING");
    String runtimeId = container.path("runtimeId").asText();
    int hostPort = container.path("networkBindings").get(0).path("hostPort").asInt();
    assertThat(hostPort).isPositive();

    String ps = docker("docker", "ps", "--no-trunc", "--filter", "label=com.amazonaws.ecs.task-arn=" + taskArn,
        "--format", "{{.ID}}");
    assertThat(ps.strip()).isEqualTo(runtimeId);
    HttpResponse<String> page = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + "/index.html")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(page.body()).contains("hello");

    AwsCli.Result stopped = aws.ecs("stop-task", "--task", taskArn, "--reason", "walkthrough done");
    assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        describe(taskArn).path("lastStatus").asText().equals("STOPPED"));
    JsonNode done = describe(taskArn);
    assertThat(done.path("stopCode").asText()).isEqualTo("UserInitiated");
    assertThat(done.path("stoppedReason").asText()).isEqualTo("walkthrough done");
    assertThat(done.path("containers").get(0).has("exitCode")).isTrue();
    assertThat(done.path("stoppedAt").isMissingNode()).isFalse();
  }

  private static JsonNode describe(String taskArn) throws Exception {
    return aws.ecs("describe-tasks", "--tasks", taskArn).json().path("tasks").get(0);
  }

  private static String docker(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }
}
