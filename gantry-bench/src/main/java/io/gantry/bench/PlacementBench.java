package io.gantry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.api.ecs.instance.ContainerInstanceResponse;
import io.gantry.api.ecs.task.RunTaskRequest;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.api.json.AwsJson;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.scheduler.Constraint;
import io.gantry.scheduler.PlacementRequest;
import io.gantry.scheduler.Scheduler;
import io.gantry.scheduler.Strategy;
import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.server.clusters.ClusterHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.instances.ContainerInstanceHandler;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import io.gantry.server.taskdefs.TaskDefinitionHandler;
import io.gantry.server.tasks.TaskHandler;
import io.gantry.server.tasks.TaskStateService;
import io.gantry.store.Txn;
import io.gantry.store.embedded.EmbeddedKvStore;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The scheduler at ECS's cluster limit: 5,000 container instances in 3 zones with mixed sizes and
 * attributes, and 100,000 tasks placed by RunTask calls of 10 with spread(zone), binpack(memory)
 * and one memberOf constraint. End to end it goes through the real RunTask handler, the placement
 * ledger, the plan applier and the durable embedded store (each call is one fsync'd transaction),
 * from several caller threads, in process (no HTTP). It then times the pure placement function
 * alone on the final snapshot. Prints placements/s, per-call latency percentiles and heap used.
 * Usage: PlacementBench [--instances 5000] [--tasks 100000] [--threads 8] [--pure-calls 2000]
 */
public final class PlacementBench {
  private static final Scope SCOPE = new Scope("123456789012", "us-east-1");
  private static final String CLUSTER = "bench";
  private static final String[] ZONES = {"us-east-1a", "us-east-1b", "us-east-1c"};
  private static final String[] TYPES = {"t3.medium", "m5.xlarge", "c5.2xlarge"};
  private static final int[][] SIZES = {{2048, 3800}, {4096, 7800}, {8192, 15800}};
  private static final String MEMBER_OF = "attribute:ecs.instance-type =~ t3.* or attribute:ecs.instance-type == m5.xlarge";
  private static final String RUN_TASK = "{cluster: 'bench', taskDefinition: 'bench', count: 10, "
      + "placementStrategy: [{type: 'spread', field: 'attribute:ecs.availability-zone'}, "
      + "{type: 'binpack', field: 'memory'}], "
      + "placementConstraints: [{type: 'memberOf', expression: '" + MEMBER_OF + "'}]}";

  private static final ObjectMapper RELAXED = ((com.fasterxml.jackson.databind.json.JsonMapper) AwsJson.mapper())
      .rebuild()
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .build();

  private PlacementBench() {}

  public static void main(String[] args) throws Exception {
    int instances = 5000;
    int tasks = 100_000;
    int threads = 8;
    int pureCalls = 2000;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--instances" -> instances = Integer.parseInt(args[++i]);
        case "--tasks" -> tasks = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--pure-calls" -> pureCalls = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path dir = Files.createTempDirectory("gantry-placement-bench");
    try (EmbeddedKvStore kv = EmbeddedKvStore.open(dir)) {
      EntityStore store = new EntityStore(kv);
      TagStore tags = new TagStore(store);
      try (PlacementState placement = TaskStateService.placementState(store).start()) {
        RequestContext ctx = new RequestContext(SCOPE, "AKIDBENCH", "bench", Instant.now());
        OperationRegistry registry = new OperationRegistry();
        new ClusterHandler(store, tags, placement).register(registry);
        new TaskDefinitionHandler(store, tags).register(registry);
        new ContainerInstanceHandler(store, tags, placement, new SplittableRandom(1)).register(registry);
        call(registry, ctx, "CreateCluster", "{clusterName: 'bench'}");
        call(registry, ctx, "RegisterTaskDefinition", "{family: 'bench', "
            + "containerDefinitions: [{name: 'app', image: 'busybox', cpu: 10, memory: 128}]}");
        long setUp = System.nanoTime();
        register(store, registry, ctx, instances);
        System.out.printf("registered %d connected instances in 3 zones in %.1f s%n", instances,
            (System.nanoTime() - setUp) / 1e9);
        TaskHandler handler = new TaskHandler(store, tags, placement, new SplittableRandom(2));
        RunTaskRequest request = RELAXED.readValue(RUN_TASK, RunTaskRequest.class);
        endToEnd(handler, ctx, request, tasks, threads);
        pure(placement.ledger(SCOPE, CLUSTER).snapshot(), pureCalls);
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("heap used after GC: %.0f MiB (%d instances, %d tasks in the ledger and store)%n",
            heap / 1048576.0, instances, tasks);
      }
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <O> O call(OperationRegistry registry, RequestContext ctx, String name, String input) throws Exception {
    OperationRegistry.Entry<Object> entry = (OperationRegistry.Entry<Object>) registry.find(name).orElseThrow();
    return (O) entry.operation().invoke(ctx, RELAXED.readValue(input, entry.inputType()));
  }

  private static void register(EntityStore store, OperationRegistry registry, RequestContext ctx, int count)
      throws Exception {
    for (int i = 0; i < count; i++) {
      int kind = i % 3;
      String body = "{cluster: 'bench', totalResources: [{name: 'CPU', type: 'INTEGER', integerValue: "
          + SIZES[kind][0] + "}, {name: 'MEMORY', type: 'INTEGER', integerValue: " + SIZES[kind][1] + "}, "
          + "{name: 'PORTS', type: 'STRINGSET', stringSetValue: ['22', '2375', '2376', '51678', '51679']}], "
          + "attributes: [{name: 'ecs.availability-zone', value: '" + ZONES[(i / 3) % 3] + "'}, "
          + "{name: 'ecs.instance-type', value: '" + TYPES[kind] + "'}, {name: 'ecs.os-type', value: 'linux'}, "
          + "{name: 'stack', value: '" + (i % 5 == 0 ? "dev" : "prod") + "'}]}";
      ContainerInstanceResponse r = call(registry, ctx, "RegisterContainerInstance", body);
      String key = StateKeys.containerInstance(SCOPE, CLUSTER, r.containerInstance().id());
      store.retry(attempt -> {
        Versioned<ContainerInstance> current = store.get(key, ContainerInstance.class).orElseThrow();
        return new EntityStore.Attempt<>(Txn.builder().modRevisionIs(key, current.modRevision())
            .put(key, store.encode(current.value().withAgentConnected(true))).build(), null);
      });
    }
  }

  private static void endToEnd(TaskHandler handler, RequestContext ctx, RunTaskRequest request, int tasks,
      int threads) throws Exception {
    int calls = tasks / 10;
    AtomicInteger next = new AtomicInteger();
    AtomicLong placed = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    List<Double> latencies = Collections.synchronizedList(new ArrayList<>(calls));
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long cpuStart = processCpuNanos();
    long start = System.nanoTime();
    List<Future<?>> futures = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      futures.add(pool.submit(() -> {
        while (next.getAndIncrement() < calls) {
          long t0 = System.nanoTime();
          TasksResponse r = handler.runTask(ctx, request);
          latencies.add((System.nanoTime() - t0) / 1e6);
          placed.addAndGet(r.tasks().size());
          failed.addAndGet(r.tasks().size() < 10 ? 1 : 0);
        }
        return null;
      }));
    }
    try {
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (processCpuNanos() - cpuStart) / 1e9;
    Samples s = Samples.of(latencies);
    System.out.printf("end to end: %d tasks placed by %d RunTask calls of 10 from %d threads in %.1f s: "
        + "%.0f placements/s; per call p50 %.2f ms, p99 %.2f ms, max %.2f ms; %d calls short%n",
        placed.get(), calls, threads, seconds, placed.get() / seconds, s.median(), s.percentile(99),
        s.percentile(100), failed.get());
    System.out.printf("  goal >= 5000 placements/s: %.2fx; Nomad C1M (3,750/s on a whole cluster): %.2fx%n",
        placed.get() / seconds / 5000, placed.get() / seconds / 3750);
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf("  process CPU %.1f s: %.3f CPU-ms per placement, so at most %.0f placements/s on %d cores "
        + "with nothing else running (the figure other load on the machine disturbs least)%n", cpuSeconds,
        cpuSeconds * 1000 / placed.get(), placed.get() / cpuSeconds * cores, cores);
  }

  /** CPU time of the whole process (every thread, GC included). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
        .getOperatingSystemMXBean()).getProcessCpuTime();
  }

  private static void pure(ClusterSnapshot snapshot, int calls) {
    PlacementRequest request = new PlacementRequest(Demand.of(10, 128), 10, "family:bench",
        List.of(Strategy.parse("spread", "attribute:ecs.availability-zone"), Strategy.parse("binpack", "memory")),
        List.of(Constraint.parse("memberOf", MEMBER_OF)), List.of());
    SplittableRandom random = new SplittableRandom(3);
    List<Double> latencies = new ArrayList<>(calls);
    for (int i = 0; i < calls + 200; i++) {
      long t0 = System.nanoTime();
      Scheduler.place(snapshot, request, random);
      if (i >= 200) {
        latencies.add((System.nanoTime() - t0) / 1e6);
      }
    }
    Samples s = Samples.of(latencies);
    System.out.printf("pure placement function on the final %d-node snapshot, 10 tasks per call: per call p50 %.3f ms, "
        + "p99 %.3f ms; per placement decision p50 %.3f ms, p99 %.3f ms (goal p99 <= 2 ms: %.1fx under)%n",
        snapshot.size(), s.median(), s.percentile(99), s.median() / 10, s.percentile(99) / 10,
        2.0 / (s.percentile(99) / 10));
  }
}
