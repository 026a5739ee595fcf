package io.gantry.server.attributes;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.attributes.ListAttributesRequest;
import io.gantry.api.ecs.attributes.ListAttributesResponse;
import io.gantry.api.ecs.attributes.PutAttributesRequest;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.taskdef.Attribute;
import io.gantry.server.instances.EcsFixture;
import io.gantry.store.embedded.EmbeddedKvStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentPutAttributesTest {
  private static final int THREADS = 8;
  private static final int ROUNDS = 25;

  @Test
  void putsFromEightThreadsLoseNothing(@TempDir Path dir) throws Exception {
    try (EcsFixture ecs = new EcsFixture(EmbeddedKvStore.open(dir))) {
      putConcurrently(ecs);
    }
  }

  private static void putConcurrently(EcsFixture ecs) throws Exception {
    ecs.createCluster("web");
    ContainerInstance target = ecs.register("web");
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String name = "writer" + t;
        done.add(pool.submit(() -> {
          start.await();
          // Each thread rewrites its own attribute over and over; every write races the others'.
          for (int round = 0; round < ROUNDS; round++) {
            ecs.call("PutAttributes", new PutAttributesRequest("web",
                List.of(new Attribute(name, "round" + round, "container-instance", target.id()))));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }

    ListAttributesResponse r = ecs.call("ListAttributes",
        new ListAttributesRequest("web", "container-instance", null, null, null, null));
    List<Attribute> custom = r.attributes().stream().filter(a -> a.name().startsWith("writer")).toList();
    assertThat(custom).hasSize(THREADS).allSatisfy(a -> assertThat(a.value()).isEqualTo("round" + (ROUNDS - 1)));
  }
}
