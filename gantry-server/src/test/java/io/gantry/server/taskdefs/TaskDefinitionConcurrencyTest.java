package io.gantry.server.taskdefs;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.taskdef.ListTaskDefinitionsRequest;
import io.gantry.api.ecs.taskdef.RegisterTaskDefinitionRequest;
import io.gantry.model.taskdef.TaskDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Concurrent registrations get distinct, consecutive revisions, each stored once. */
class TaskDefinitionConcurrencyTest {
  private static final int THREADS = 16;
  private static final int PER_THREAD = 20;

  @TempDir Path dir;

  @Test
  @Timeout(120)
  void concurrentRegistrationsInOneFamily() throws Exception {
    try (TaskDefinitionFixture f = new TaskDefinitionFixture(dir)) {
      List<Integer> revisions = registerConcurrently(f, i -> "web");

      assertThat(revisions).hasSize(THREADS * PER_THREAD).doesNotHaveDuplicates();
      assertThat(revisions.stream().sorted().toList())
          .isEqualTo(IntStream.rangeClosed(1, THREADS * PER_THREAD).boxed().toList());
      assertThat(f.handler.list(f.ctx, new ListTaskDefinitionsRequest("web", null, "DESC", null, 1)).taskDefinitionArns())
          .containsExactly(TaskDefinitionFixture.ARN_PREFIX + "web:" + THREADS * PER_THREAD);
      assertThat(f.describe("web").revision()).isEqualTo(THREADS * PER_THREAD);
    }
  }

  @Test
  @Timeout(120)
  void concurrentRegistrationsAcrossFamilies() throws Exception {
    try (TaskDefinitionFixture f = new TaskDefinitionFixture(dir)) {
      registerConcurrently(f, i -> "family" + (i % 4));
      for (int family = 0; family < 4; family++) {
        List<String> arns = f.handler.list(f.ctx,
            new ListTaskDefinitionsRequest("family" + family, null, null, null, 100)).taskDefinitionArns();
        int n = family;
        assertThat(arns).isEqualTo(IntStream.rangeClosed(1, THREADS / 4 * PER_THREAD)
            .mapToObj(r -> TaskDefinitionFixture.ARN_PREFIX + "family" + n + ":" + r).toList());
      }
    }
  }

  @Test
  @Timeout(120)
  void twoServersSharingOneStoreStillGetDistinctRevisions() throws Exception {
    // A second handler has its own family locks, like a second control-plane replica: only the
    // compare-and-set on the revision counter keeps the two apart.
    try (TaskDefinitionFixture f = new TaskDefinitionFixture(dir)) {
      TaskDefinitionHandler other = new TaskDefinitionHandler(f.store, new io.gantry.server.tags.TagStore(f.store));
      List<Integer> revisions = registerConcurrently(f, i -> "web", i -> i % 2 == 0 ? f.handler : other);
      assertThat(revisions.stream().sorted().toList())
          .isEqualTo(IntStream.rangeClosed(1, THREADS * PER_THREAD).boxed().toList());
    }
  }

  private static List<Integer> registerConcurrently(TaskDefinitionFixture f, IntFunction<String> family)
      throws Exception {
    return registerConcurrently(f, family, i -> f.handler);
  }

  private static List<Integer> registerConcurrently(TaskDefinitionFixture f, IntFunction<String> family,
      IntFunction<TaskDefinitionHandler> handlers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Integer>>> futures = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        String name = family.apply(t);
        TaskDefinitionHandler handler = handlers.apply(t);
        Callable<List<Integer>> worker = () -> {
          start.await();
          List<Integer> mine = new ArrayList<>();
          for (int i = 0; i < PER_THREAD; i++) {
            TaskDefinition td = handler.register(f.ctx,
                TaskDefinitionFixture.read(TaskDefinitionFixture.minimal(name), RegisterTaskDefinitionRequest.class))
                .taskDefinition();
            assertThat(td.family()).isEqualTo(name);
            mine.add(td.revision());
          }
          return mine;
        };
        futures.add(pool.submit(worker));
      }
      start.countDown();
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> future : futures) {
        all.addAll(future.get());
      }
      return all;
    } finally {
      pool.shutdownNow();
    }
  }
}
