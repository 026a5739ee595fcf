package io.gantry.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A fleet of services on a simulated cluster, for scale tests and benchmarks: creates
 * {@code services} services of {@code tasksEach} tasks through the signed API (on a bounded pool
 * of callers), waits until every one is steady (one deployment, COMPLETED, runningCount ==
 * desiredCount), and measures the service controller thread's CPU time over a window. Not
 * thread-safe; one fleet per simulation.
 */
public final class ServiceFleet {
  /** The controller's thread in the control plane (one per server). */
  public static final String CONTROLLER_THREAD = "gantry-service-controller";

  private final SimulatedCluster sim;
  private final int callers;

  public ServiceFleet(SimulatedCluster sim, int callers) {
    this.sim = sim;
    this.callers = callers;
  }

  /** How long creating the services took and how long until all were steady (from the first CreateService). */
  public record Result(int services, int tasksEach, Duration creating, Duration toSteady) {}

  /** Registers a small task definition (16 MiB) and creates the services, then waits until all are steady. */
  public Result run(String prefix, int services, int tasksEach, Duration atMost) throws Exception {
    String cluster = sim.clusterName();
    JsonNode td = sim.ecs().call("RegisterTaskDefinition", Map.of("family", prefix, "containerDefinitions",
        List.of(Map.of("name", "app", "image", "busybox", "memory", 16, "essential", true))));
    String tdArn = td.path("taskDefinition").path("taskDefinitionArn").asText();
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      long began = System.nanoTime();
      List<Future<?>> created = new ArrayList<>();
      for (int i = 0; i < services; i++) {
        String name = prefix + "-" + i;
        created.add(pool.submit(() -> sim.ecs().call("CreateService", Map.of("cluster", cluster, "serviceName", name,
            "taskDefinition", tdArn, "desiredCount", tasksEach))));
      }
      for (Future<?> f : created) {
        f.get();
      }
      Duration creating = Duration.ofNanos(System.nanoTime() - began);
      long deadline = began + atMost.toNanos();
      List<String> waiting = new ArrayList<>();
      for (int i = 0; i < services; i++) {
        waiting.add(prefix + "-" + i);
      }
      while (!waiting.isEmpty()) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(waiting.size() + " services not steady after " + atMost);
        }
        List<Future<List<String>>> checks = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i += 10) {
          List<String> batch = List.copyOf(waiting.subList(i, Math.min(waiting.size(), i + 10)));
          checks.add(pool.submit(() -> unsteady(cluster, batch)));
        }
        List<String> still = new ArrayList<>();
        for (Future<List<String>> f : checks) {
          still.addAll(f.get());
        }
        waiting = still;
        if (!waiting.isEmpty()) {
          Thread.sleep(500);
        }
      }
      return new Result(services, tasksEach, creating, Duration.ofNanos(System.nanoTime() - began));
    } finally {
      pool.shutdownNow();
    }
  }

  private List<String> unsteady(String cluster, List<String> names) throws InterruptedException {
    JsonNode out = sim.ecs().call("DescribeServices", Map.of("cluster", cluster, "services", names));
    List<String> unsteady = new ArrayList<>();
    for (JsonNode s : out.path("services")) {
      JsonNode deployments = s.path("deployments");
      boolean steady = deployments.size() == 1 && "COMPLETED".equals(deployments.get(0).path("rolloutState").asText())
          && s.path("runningCount").asInt() == s.path("desiredCount").asInt();
      if (!steady) {
        unsteady.add(s.path("serviceName").asText());
      }
    }
    return unsteady;
  }

  /** CPU time the service controller's thread used during {@code window} (this JVM's control plane). */
  public static Duration controllerCpu(Duration window) throws InterruptedException {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long id = -1;
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info != null && CONTROLLER_THREAD.equals(info.getThreadName())) {
        id = info.getThreadId();
      }
    }
    if (id < 0) {
      throw new IllegalStateException("no " + CONTROLLER_THREAD + " thread in this JVM");
    }
    long before = mx.getThreadCpuTime(id);
    Thread.sleep(window.toMillis());
    return Duration.ofNanos(mx.getThreadCpuTime(id) - before);
  }
}
