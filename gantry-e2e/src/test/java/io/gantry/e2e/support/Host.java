package io.gantry.e2e.support;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * What the tests that run real agents ask of the machine and of the control plane: shell
 * commands, the census of a task's containers by the label the agent puts on them, and waits
 * for a cluster's one agent to connect and for tasks to reach a status. Stateless.
 */
public final class Host {
  private Host() {}

  /** Runs {@code command} with {@code sh -c}; its output (stdout and stderr). */
  public static String sh(String command) throws Exception {
    Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    return out;
  }

  /** The full ids of the containers labelled with {@code taskArn}: running ones, or all when {@code all}. */
  public static List<String> containers(String taskArn, boolean all) throws Exception {
    String out = sh("docker ps " + (all ? "-a " : "") + "-q --no-trunc --filter label=com.amazonaws.ecs.task-arn="
        + taskArn);
    return out.isBlank() ? List.of() : List.of(out.strip().split("\\s+"));
  }

  /** Waits until {@code cluster} has exactly one container instance and its agent is connected. */
  public static void awaitOneAgentConnected(EcsClient ecs, String cluster, Duration atMost) {
    await().atMost(atMost).pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
      var arns = ecs.listContainerInstances(b -> b.cluster(cluster)).containerInstanceArns();
      return arns.size() == 1 && Boolean.TRUE.equals(ecs.describeContainerInstances(b -> b.cluster(cluster)
          .containerInstances(arns)).containerInstances().get(0).agentConnected());
    });
  }

  /** Waits until every one of {@code arns} shows {@code status} (described 100 at a time, as ECS allows). */
  public static void awaitTasks(EcsClient ecs, String cluster, List<String> arns, String status, Duration atMost) {
    for (int from = 0; from < arns.size(); from += 100) {
      List<String> chunk = arns.subList(from, Math.min(arns.size(), from + 100));
      await().atMost(atMost).pollInterval(Duration.ofMillis(250)).until(() ->
          ecs.describeTasks(b -> b.cluster(cluster).tasks(chunk)).tasks().stream()
              .allMatch(t -> status.equals(t.lastStatus())));
    }
  }
}
