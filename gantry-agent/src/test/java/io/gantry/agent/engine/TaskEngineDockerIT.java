package io.gantry.agent.engine;

import static io.gantry.agent.engine.Defs.container;
import static io.gantry.agent.engine.RecordingSink.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerSummary;
import io.gantry.agent.runtime.docker.DockerRuntime;
import io.gantry.agent.runtime.docker.DockerRuntimeConfig;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.task.NetworkBinding;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on the real Docker Engine with the locally built {@code gantry-test/busybox} image: a
 * two-container task (dependsOn START) runs with a dynamic host port that answers on 127.0.0.1, a
 * second engine on the same state directory adopts it without creating anything, a desired STOPPED
 * stops it with its exit codes, and its containers are removed after the clean-up delay.
 */
class TaskEngineDockerIT {
  static final String IMAGE = "gantry-test/busybox:latest";
  static final Duration WAIT = Duration.ofSeconds(20);

  @TempDir Path stateDir;
  final String taskArn = Defs.taskArn("it-" + Long.toHexString(System.nanoTime()));
  final RecordingSink sink = new RecordingSink();
  DockerRuntime docker;
  TaskEngine engine;

  @BeforeEach
  void setUp() {
    docker = new DockerRuntime(DockerRuntimeConfig.fromEnvironment(System.getenv()));
  }

  @AfterEach
  void tearDown() {
    if (engine != null) {
      engine.close();
    }
    for (ContainerSummary c : ours()) {
      docker.remove(c.runtimeId());
    }
    docker.close();
  }

  private List<ContainerSummary> ours() {
    return docker.list(Map.of(ContainerLabels.TASK_ARN, taskArn));
  }

  private TaskEngine newEngine() {
    TaskEngineConfig config = new TaskEngineConfig(Duration.ofSeconds(2), Duration.ofMillis(100));
    TaskEngine e = new TaskEngine(docker, AgentPolicy.defaults(), stateDir, Clock.systemUTC(), sink, config,
        EngineThreads.daemon(), new SplittableRandom());
    e.start();
    return e;
  }

  private TaskAssignment assignment(String desiredStatus) {
    TaskAssignment a = Defs.assignment(taskArn.substring(taskArn.lastIndexOf('/') + 1), desiredStatus,
        Defs.definition("gantry-it",
            container("web").image(IMAGE).port(80, null).stopTimeout(5).command("sh", "-c",
                "echo hello-gantry > /var/www/index.html; trap 'exit 0' TERM; httpd -p 80 -h /var/www;"
                    + " while true; do sleep 1; done"),
            container("sidecar").image(IMAGE).essential(false).stopTimeout(5).dependsOn("web", "START")
                .command("sh", "-c", "trap 'exit 3' TERM; while true; do sleep 1; done")));
    return a;
  }

  private void awaitStatus(String status) {
    await().atMost(WAIT).pollInterval(50, TimeUnit.MILLISECONDS).until(() -> status.equals(sink.lastStatus(taskArn)));
  }

  @Test
  void runsAdoptsStopsAndCleansUpATask() throws Exception {
    engine = newEngine();
    engine.apply(new AgentMessage.DesiredTasks(1, true, List.of(assignment("RUNNING"))));

    awaitStatus("RUNNING");
    AgentMessage.TaskStateChange running = sink.last(taskArn);
    assertThat(running.containers()).extracting(AgentMessage.ContainerStateChange::lastStatus)
        .containsOnly("RUNNING");
    NetworkBinding http = container(running, "web").networkBindings().stream()
        .filter(b -> b.containerPort() == 80).findFirst().orElseThrow();
    assertThat(http.hostPort()).isPositive();
    assertThat(get("http://127.0.0.1:" + http.hostPort() + "/")).contains("hello-gantry");
    assertThat(ours()).hasSize(2);
    // dependsOn START: the sidecar started only after web had (Docker's own start times).
    assertThat(docker.inspect(container(running, "sidecar").runtimeId()).orElseThrow().startedAt())
        .isAfterOrEqualTo(docker.inspect(container(running, "web").runtimeId()).orElseThrow().startedAt());
    List<String> runtimeIds = running.containers().stream().map(AgentMessage.ContainerStateChange::runtimeId).toList();
    assertThat(ours()).extracting(ContainerSummary::runtimeId).containsExactlyInAnyOrderElementsOf(runtimeIds);

    // A second engine on the same state directory adopts the running containers.
    engine.close();
    int reports = sink.of(taskArn).size();
    engine = newEngine();
    engine.apply(new AgentMessage.DesiredTasks(2, true, List.of(assignment("RUNNING"))));
    await().atMost(WAIT).until(() -> sink.of(taskArn).size() > reports);
    AgentMessage.TaskStateChange adopted = sink.last(taskArn);
    assertThat(adopted.lastStatus()).isEqualTo("RUNNING");
    assertThat(adopted.containers()).extracting(AgentMessage.ContainerStateChange::runtimeId)
        .containsExactlyElementsOf(runtimeIds);
    assertThat(ours()).hasSize(2);

    engine.apply(new AgentMessage.DesiredTasks(3, false, List.of(Defs.stopped(assignment("RUNNING")))));

    awaitStatus("STOPPED");
    AgentMessage.TaskStateChange stopped = sink.last(taskArn);
    assertThat(container(stopped, "web").exitCode()).isZero();
    assertThat(container(stopped, "sidecar").exitCode()).isEqualTo(3);
    assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
    assertThat(stopped.executionStoppedAt()).isNotNull();

    await().atMost(WAIT).until(() -> ours().isEmpty()); // clean-up delay of 2 s
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    IOException last = null;
    for (int i = 0; i < 50; i++) {
      try {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException e) { // httpd may still be binding its socket
        last = e;
        Thread.sleep(100);
      }
    }
    throw last;
  }
}
