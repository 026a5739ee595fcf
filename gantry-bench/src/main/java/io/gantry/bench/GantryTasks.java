package io.gantry.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.agent.session.EcsApiClient;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The benchmark's side of the ECS task API: register the definition, RunTask, read tasks until
 * they reach a status, StopTask. Every task ARN it ever saw is kept so the containers can be
 * removed at the end whatever happened. Thread-safe (the client is, and the ARN set is concurrent).
 */
final class GantryTasks {
  /** A task as one DescribeTasks answer showed it. */
  record Seen(String lastStatus, Instant createdAt, Instant startedAt) {}

  private final EcsApiClient client;
  private final String cluster;
  private final Set<String> everStarted = ConcurrentHashMap.newKeySet();
  private final Map<String, Object> runOptions;
  private String taskDefinition;

  GantryTasks(EcsApiClient client, String cluster) {
    this(client, cluster, Map.of());
  }

  /** {@code runOptions}: more RunTask fields for every launch (launchType, networkConfiguration). */
  GantryTasks(EcsApiClient client, String cluster, Map<String, Object> runOptions) {
    this.client = client;
    this.cluster = cluster;
    this.runOptions = Map.copyOf(runOptions);
  }

  /**
   * Registers {@code family} as a FARGATE task definition (awsvpc, task size 256 CPU / 512 MiB):
   * one essential container of {@code image} running {@code command}, stopTimeout 1, no
   * container-level memory.
   */
  void registerFargate(String family, String image, List<String> command) throws IOException, InterruptedException {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "app");
    container.put("image", image);
    container.put("essential", true);
    container.put("stopTimeout", 1);
    container.put("command", command);
    JsonNode answer = client.call("RegisterTaskDefinition", Map.of("family", family, "networkMode", "awsvpc",
        "requiresCompatibilities", List.of("FARGATE"), "cpu", "256", "memory", "512",
        "containerDefinitions", List.of(container)));
    taskDefinition = answer.path("taskDefinition").path("taskDefinitionArn").asText();
  }

  /** Registers {@code family}: one essential container of {@code image} running {@code command}, stopTimeout 1. */
  void register(String family, String image, List<String> command) throws IOException, InterruptedException {
    Map<String, Object> container = new LinkedHashMap<>();
    container.put("name", "app");
    container.put("image", image);
    container.put("essential", true);
    container.put("memory", 64);
    container.put("stopTimeout", 1);
    container.put("command", command);
    JsonNode answer = client.call("RegisterTaskDefinition",
        Map.of("family", family, "containerDefinitions", List.of(container)));
    taskDefinition = answer.path("taskDefinition").path("taskDefinitionArn").asText();
  }

  /** RunTask with {@code count} tasks; the ARNs of the tasks placed (failures are an error). */
  List<String> run(int count) throws IOException, InterruptedException {
    Map<String, Object> request = new LinkedHashMap<>(runOptions);
    request.putAll(Map.of("cluster", cluster, "taskDefinition", taskDefinition, "count", count,
        "startedBy", "task-bench"));
    JsonNode answer = client.call("RunTask", request);
    if (answer.path("failures").size() > 0) {
      throw new IOException("RunTask failures: " + answer.path("failures"));
    }
    List<String> arns = new ArrayList<>();
    answer.path("tasks").forEach(t -> arns.add(t.path("taskArn").asText()));
    everStarted.addAll(arns);
    return arns;
  }

  /** One DescribeTasks of up to 100 ARNs. */
  Map<String, Seen> describe(Collection<String> arns) throws IOException, InterruptedException {
    JsonNode answer = client.call("DescribeTasks", Map.of("cluster", cluster, "tasks", List.copyOf(arns)));
    Map<String, Seen> seen = new HashMap<>();
    for (JsonNode t : answer.path("tasks")) {
      seen.put(t.path("taskArn").asText(),
          new Seen(t.path("lastStatus").asText(), instant(t.path("createdAt")), instant(t.path("startedAt"))));
    }
    return seen;
  }

  /**
   * Reads {@code arns} every {@code pollMillis} (0: back to back) until all show {@code status};
   * returns the last answer. Fails after {@code timeoutMillis}, or when a task stops while the
   * wanted status is RUNNING.
   */
  Map<String, Seen> await(Collection<String> arns, String status, long pollMillis, long timeoutMillis)
      throws IOException, InterruptedException {
    Map<String, Seen> seen = poll(arns, status, pollMillis, timeoutMillis);
    if (count(seen, status) < arns.size()) {
      throw new IOException(arns.size() + " tasks did not all reach " + status + ": " + statuses(seen));
    }
    return seen;
  }

  /** Like {@link #await}, but at the deadline returns the last answer instead of failing. */
  Map<String, Seen> poll(Collection<String> arns, String status, long pollMillis, long timeoutMillis)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (true) {
      Map<String, Seen> seen = describe(arns);
      if (count(seen, status) == arns.size() || System.nanoTime() > deadline) {
        return seen;
      }
      if (status.equals("RUNNING") && count(seen, "STOPPED") > 0) {
        throw new IOException("a task stopped before it ran: " + statuses(seen));
      }
      if (pollMillis > 0) {
        Thread.sleep(pollMillis);
      }
    }
  }

  static int count(Map<String, Seen> seen, String status) {
    return (int) seen.values().stream().filter(s -> s.lastStatus().equals(status)).count();
  }

  /** How many tasks show each status, e.g. {@code {PENDING=90, RUNNING=10}}. */
  static Map<String, Long> statuses(Map<String, Seen> seen) {
    return new TreeMap<>(seen.values().stream().collect(Collectors.groupingBy(Seen::lastStatus, Collectors.counting())));
  }

  void stop(String arn) throws IOException, InterruptedException {
    client.call("StopTask", Map.of("cluster", cluster, "task", arn, "reason", "task-bench"));
  }

  /** Every task ARN RunTask ever returned. */
  Set<String> everStarted() {
    return Set.copyOf(everStarted);
  }

  private static Instant instant(JsonNode epochSeconds) {
    if (epochSeconds.isMissingNode() || epochSeconds.isNull()) {
      return null;
    }
    return Instant.ofEpochMilli(Math.round(epochSeconds.asDouble() * 1000));
  }
}
