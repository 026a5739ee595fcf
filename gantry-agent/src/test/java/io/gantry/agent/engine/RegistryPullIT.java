package io.gantry.agent.engine;

import static io.gantry.agent.engine.Defs.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerSummary;
import io.gantry.agent.runtime.docker.DockerRuntime;
import io.gantry.agent.runtime.docker.DockerRuntimeConfig;
import io.gantry.api.agent.AgentMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Pulling from a private registry: Debian's {@code docker-registry} serves on loopback (which the
 * Engine trusts without TLS), the local test image is pushed to it under a new name and the local
 * copy removed, and the engine runs a task with that name. The image is pulled, and the task's
 * report carries {@code pullStartedAt} and {@code pullStoppedAt} around the pull.
 */
class RegistryPullIT {
  static final String LOCAL_IMAGE = "gantry-test/busybox:latest";

  @TempDir Path dir;
  final String taskArn = Defs.taskArn("pull-" + Long.toHexString(System.nanoTime()));
  final RecordingSink sink = new RecordingSink();
  Process registry;
  String image;
  DockerRuntime docker;
  TaskEngine engine;

  @BeforeEach
  void setUp() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path config = dir.resolve("registry.yml");
    Files.writeString(config, """
        version: 0.1
        log:
          level: warn
        storage:
          filesystem:
            rootdirectory: %s
        http:
          addr: 127.0.0.1:%d
        """.formatted(dir.resolve("blobs"), port), StandardCharsets.UTF_8);
    registry = new ProcessBuilder("docker-registry", "serve", config.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
    await().atMost(Duration.ofSeconds(20)).until(() -> listening(port));
    image = "127.0.0.1:" + port + "/gantry/pull-test:" + Long.toHexString(System.nanoTime());
    docker("tag", LOCAL_IMAGE, image);
    docker("push", image);
    docker("rmi", image);
    docker = new DockerRuntime(DockerRuntimeConfig.fromEnvironment(System.getenv()));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (engine != null) {
      engine.close();
    }
    if (docker != null) {
      for (ContainerSummary c : docker.list(Map.of(ContainerLabels.TASK_ARN, taskArn))) {
        docker.remove(c.runtimeId());
      }
      docker.close();
    }
    if (image != null) {
      new ProcessBuilder("docker", "rmi", "-f", image).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
    }
    if (registry != null) {
      registry.destroy();
      registry.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void anImageMissingLocallyIsPulledFromThePrivateRegistry() throws Exception {
    assertThat(run("docker", "image", "inspect", image)).as("not present before the task").isNotZero();
    TaskEngineConfig config = new TaskEngineConfig(Duration.ofSeconds(2), Duration.ofMillis(100));
    engine = new TaskEngine(docker, AgentPolicy.defaults(), dir.resolve("state"), Clock.systemUTC(), sink, config,
        EngineThreads.daemon(), new SplittableRandom());
    engine.start();
    engine.apply(new AgentMessage.DesiredTasks(1, true, List.of(Defs.assignment(
        taskArn.substring(taskArn.lastIndexOf('/') + 1), "RUNNING", Defs.definition("pull-it",
            container("app").image(image).stopTimeout(2).command("sh", "-c", "while true; do sleep 1; done"))))));

    await().atMost(Duration.ofSeconds(60)).pollInterval(100, TimeUnit.MILLISECONDS)
        .until(() -> "RUNNING".equals(sink.lastStatus(taskArn)) || "STOPPED".equals(sink.lastStatus(taskArn)));
    AgentMessage.TaskStateChange running = sink.last(taskArn);
    assertThat(running.lastStatus()).as("reason: %s", running.reason()).isEqualTo("RUNNING");
    assertThat(running.pullStartedAt()).isNotNull();
    assertThat(running.pullStoppedAt()).isAfterOrEqualTo(running.pullStartedAt());
    assertThat(running.startedAt()).isAfterOrEqualTo(running.pullStoppedAt());
    assertThat(run("docker", "image", "inspect", image)).as("pulled").isZero();
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void docker(String... args) throws Exception {
    String[] command = new String[args.length + 1];
    command[0] = "docker";
    System.arraycopy(args, 0, command, 1, args.length);
    assertThat(run(command)).as(String.join(" ", command)).isZero();
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
