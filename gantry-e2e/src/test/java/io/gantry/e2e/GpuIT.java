package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GPUs end to end with the AWS CLI: an agent offering two GPUs ({@code --gpus}) registers them as
 * platform devices; tasks asking for one GPU each get distinct ids (DescribeTasks {@code gpuIds}),
 * a third finds none free (RESOURCE:GPU), and a stopped task's GPU is handed out again. Each
 * container is pinned to its ids in Docker: {@code NVIDIA_VISIBLE_DEVICES} and the GPU runtime
 * ({@code --nvidia-runtime}; this machine has no GPU, so Docker's {@code runc} stands in for
 * {@code nvidia} and the ids are made up).
 */
class GpuIT {
  private static final String LABEL = "io.gantry.test=gpu-it";
  @TempDir static Path dir;
  static GantryProcess gantry;
  static AgentProcess agent;
  static AwsCli aws;

  @BeforeAll
  static void start() throws Exception {
    gantry = GantryProcess.start(dir.resolve("data"));
    aws = new AwsCli(gantry.endpoint(), Files.createDirectories(dir.resolve("cli")));
    ok(aws.ecs("create-cluster", "--cluster-name", "gpu-it"));
    agent = AgentProcess.start(gantry.endpoint(), "gpu-it", dir.resolve("agent"),
        Map.of("AWS_ACCESS_KEY_ID", GantryProcess.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", GantryProcess.SECRET_KEY),
        "--gpus", "GPU-it-0000,GPU-it-1111", "--nvidia-runtime", "runc");
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    gantry.close();
    Host.sh("docker ps -aq --filter label=" + LABEL + " | xargs -r docker rm -f");
  }

  private static JsonNode ok(AwsCli.Result r) {
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.json();
  }

  @Test
  void tasksGetDistinctGpusPinnedInDockerAndAFreedGpuIsReused() throws Exception {
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> aws.ecs("describe-container-instances",
        "--cluster", "gpu-it",
        "--container-instances", instanceArn()).json().at("/containerInstances/0/agentConnected").asBoolean());
    JsonNode instance = ok(aws.ecs("describe-container-instances", "--cluster", "gpu-it", "--container-instances",
        instanceArn())).at("/containerInstances/0");
    JsonNode gpu = null;
    for (JsonNode r : instance.path("registeredResources")) {
      if (r.path("name").asText().equals("GPU")) {
        gpu = r;
      }
    }
    assertThat(gpu).as("GPU resource").isNotNull();
    assertThat(gpu.path("stringSetValue").toString()).contains("GPU-it-0000").contains("GPU-it-1111");

    ok(aws.ecs("register-task-definition", "--family", "gpu-it", "--container-definitions",
        "[{\"name\":\"trainer\",\"image\":\"gantry-test/busybox\",\"memory\":32,\"essential\":true,\"stopTimeout\":1,"
            + "\"resourceRequirements\":[{\"type\":\"GPU\",\"value\":\"1\"}],"
            + "\"dockerLabels\":{\"io.gantry.test\":\"gpu-it\"},\"command\":[\"sleep\",\"300\"]}]"));
    JsonNode run = ok(aws.ecs("run-task", "--cluster", "gpu-it", "--task-definition", "gpu-it", "--count", "2"));
    assertThat(run.path("failures")).isEmpty();
    Set<String> given = new HashSet<>();
    for (JsonNode t : run.path("tasks")) {
      String arn = t.path("taskArn").asText();
      String id = running(arn).at("/containers/0/gpuIds/0").asText();
      given.add(id);
      String container = Host.containers(arn, false).get(0);
      assertThat(Host.sh("docker inspect -f '{{range .Config.Env}}{{println .}}{{end}}' " + container))
          .contains("NVIDIA_VISIBLE_DEVICES=" + id);
      assertThat(Host.sh("docker inspect -f '{{.HostConfig.Runtime}}' " + container).strip()).isEqualTo("runc");
    }
    assertThat(given).containsExactlyInAnyOrder("GPU-it-0000", "GPU-it-1111");

    JsonNode none = ok(aws.ecs("run-task", "--cluster", "gpu-it", "--task-definition", "gpu-it"));
    assertThat(none.path("tasks")).isEmpty();
    assertThat(none.at("/failures/0/reason").asText()).isEqualTo("RESOURCE:GPU");

    JsonNode first = run.path("tasks").get(0);
    String freed = running(first.path("taskArn").asText()).at("/containers/0/gpuIds/0").asText();
    ok(aws.ecs("stop-task", "--cluster", "gpu-it", "--task", first.path("taskArn").asText()));
    await().atMost(Duration.ofSeconds(30)).until(() -> aws.ecs("describe-tasks", "--cluster", "gpu-it", "--tasks",
        first.path("taskArn").asText()).json().at("/tasks/0/lastStatus").asText().equals("STOPPED"));
    JsonNode again = ok(aws.ecs("run-task", "--cluster", "gpu-it", "--task-definition", "gpu-it"));
    assertThat(again.path("failures")).isEmpty();
    assertThat(running(again.at("/tasks/0/taskArn").asText()).at("/containers/0/gpuIds/0").asText())
        .isEqualTo(freed);
  }

  private static String instanceArn() throws Exception {
    JsonNode arns = aws.ecs("list-container-instances", "--cluster", "gpu-it").json().path("containerInstanceArns");
    return arns.size() == 0 ? "none" : arns.get(0).asText();
  }

  private static JsonNode running(String taskArn) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      last[0] = aws.ecs("describe-tasks", "--cluster", "gpu-it", "--tasks", taskArn).json().at("/tasks/0");
      return last[0].path("lastStatus").asText().equals("RUNNING");
    });
    return last[0];
  }
}
