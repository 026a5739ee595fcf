package io.gantry.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.api.ecs.instance.ContainerInstanceResponse;
import io.gantry.api.ecs.task.RunTaskRequest;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.api.json.AwsJson;
import io.gantry.model.Scope;
import io.gantry.server.clusters.ClusterHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.instances.ContainerInstanceHandler;
import io.gantry.server.placement.PlacementState;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.Txn;
import io.gantry.server.tags.TagStore;
import io.gantry.server.taskdefs.TaskDefinitionHandler;
import io.gantry.server.tasks.TaskHandler;
import io.gantry.server.tasks.TaskStateService;
import io.gantry.store.embedded.EmbeddedKvStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How long the control plane takes to serve again after {@code kill -9} with a large store. Fills
 * an embedded store with {@code --tasks} tasks through the real handlers in process (RunTask calls
 * of 10 on {@code --instances} registered instances: the same records, placement ledger and
 * transactions as over HTTP, without the HTTP), then starts a real {@code gantry server} on it,
 * SIGKILLs it and starts it again, {@code --rounds} times. Each start is timed from the process
 * launch to: the "listening" line, the first answered API call (ListClusters), ListTasks (first
 * page of the cluster), DescribeTasks of 100 tasks and a RunTask (which waits for the placement
 * state). The JVM's own start-up is included.
 * Usage: RestartBench [--tasks 100000] [--instances 200] [--rounds 3] [--keep] [--data-dir DIR: fill it once, reuse it after]
 */
public final class RestartBench {
  private static final Scope SCOPE = new Scope(ServerChild.ACCOUNT, ServerChild.REGION);
  private static final ObjectMapper RELAXED = ((com.fasterxml.jackson.databind.json.JsonMapper) AwsJson.mapper())
      .rebuild()
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_SINGLE_QUOTES)
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES)
      .build();

  private RestartBench() {}

  public static void main(String[] args) throws Exception {
    int tasks = 100_000;
    int instances = 200;
    int rounds = 3;
    boolean keep = false;
    Path given = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--tasks" -> tasks = Integer.parseInt(args[++i]);
        case "--instances" -> instances = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--keep" -> keep = true;
        case "--data-dir" -> given = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    Path dir = given != null ? given : Files.createTempDirectory("gantry-restart-bench");
    keep |= given != null;
    try {
      if (Files.isDirectory(dir.resolve("store"))) {
        System.out.println("reusing the store filled earlier in " + dir);
      } else {
        fill(dir, tasks, instances);
      }
      System.out.printf("store on disk: %.0f MiB%n", size(dir.resolve("store")) / 1048576.0);
      for (int round = 0; round <= rounds; round++) {
        try (ServerChild server = ServerChild.start(dir)) {
          ServerChild.Timings t = server.awaitServing("bench");
          System.out.printf("%s: listening %.2f s, first API answer %.2f s (server CPU so far %.2f s), ListTasks %.2f s, DescribeTasks(100) %.2f s,"
              + " first RunTask placed %.2f s after launch (%d task ARNs in the first page); a ListTasks once loaded"
              + " takes %.2f s%n", round == 0 ? "clean start" : "after kill -9 #" + round,
              t.listening(), t.firstAnswer(), t.firstAnswerCpu(), t.listTasks(), t.describeTasks(), t.runTask(), t.pageSize(),
              t.listTasksSteady());
          if (round < rounds) {
            server.kill();
          }
        }
      }
    } finally {
      if (!keep) {
        try (var paths = Files.walk(dir)) {
          paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      } else {
        System.out.println("kept " + dir);
      }
    }
  }

  private static long size(Path dir) throws Exception {
    try (var paths = Files.walk(dir)) {
      return paths.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Fills {@code dataDir}'s store through the real handlers: a cluster, instances, RunTask calls of 10. */
  private static void fill(Path dataDir, int tasks, int instances) throws Exception {
    long start = System.nanoTime();
    try (EmbeddedKvStore kv = EmbeddedKvStore.open(dataDir.resolve("store"))) {
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
            + "containerDefinitions: [{name: 'app', image: 'busybox', cpu: 1, memory: 8}]}");
        for (int i = 0; i < instances; i++) {
          ContainerInstanceResponse r = call(registry, ctx, "RegisterContainerInstance", "{cluster: 'bench', "
              + "totalResources: [{name: 'CPU', type: 'INTEGER', integerValue: 8192}, "
              + "{name: 'MEMORY', type: 'INTEGER', integerValue: 65536}],"
              + " attributes: [{name: 'ecs.availability-zone', value: 'us-east-1a'}]}");
          String key = StateKeys.containerInstance(SCOPE, "bench", r.containerInstance().id());
          store.retry(attempt -> { // as if its agent had connected: placement only uses connected instances
            Versioned<ContainerInstance> current = store.get(key, ContainerInstance.class).orElseThrow();
            return new EntityStore.Attempt<>(Txn.builder().modRevisionIs(key, current.modRevision())
                .put(key, store.encode(current.value().withAgentConnected(true))).build(), null);
          });
        }
        TaskHandler handler = new TaskHandler(store, tags, placement, new SplittableRandom(2));
        RunTaskRequest request = RELAXED.readValue("{cluster: 'bench', taskDefinition: 'bench', count: 10}",
            RunTaskRequest.class);
        int calls = tasks / 10;
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> futures = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
          futures.add(pool.submit(() -> {
            int placed = 0;
            while (next.getAndIncrement() < calls) {
              TasksResponse r = handler.runTask(ctx, request);
              placed += r.tasks().size();
            }
            return placed;
          }));
        }
        int placed = 0;
        for (Future<Integer> f : futures) {
          placed += f.get();
        }
        pool.shutdownNow();
        System.out.printf("filled the store: %d instances, %d tasks (RunTask calls of 10 through the real handler) in %.1f s%n",
            instances, placed, (System.nanoTime() - start) / 1e9);
        if (placed != tasks) {
          throw new IllegalStateException("placed " + placed + " of " + tasks + " tasks");
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <O> O call(OperationRegistry registry, RequestContext ctx, String name, String input) throws Exception {
    OperationRegistry.Entry<Object> entry = (OperationRegistry.Entry<Object>) registry.find(name).orElseThrow();
    return (O) entry.operation().invoke(ctx, RELAXED.readValue(input, entry.inputType()));
  }
}
