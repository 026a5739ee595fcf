package io.gantry.server.tasks;

import static io.gantry.server.tasks.RunTaskTest.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.ErrorCode;
import io.gantry.model.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientTokenTest {
  @TempDir Path dir;
  private TaskFixture ecs;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir);
    ecs.createCluster("default");
    ecs.registerInstance("default", 1024, 1024);
    ecs.simpleDefinition("job", 300, 100);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  @Test
  void aRetryWithTheSameTokenAndParametersGetsTheSameTasksAndFailures() {
    TasksResponse first = ecs.run("{taskDefinition: 'job', count: 4, clientToken: 'tok-1'}");
    ecs.stop("default", first.tasks().get(0).taskArn(), null);

    TasksResponse again = ecs.run("{taskDefinition: 'job', count: 4, clientToken: 'tok-1'}");

    assertThat(first.tasks()).hasSize(3);
    assertThat(first.failures()).hasSize(1);
    assertThat(again.tasks()).extracting(Task::taskArn)
        .containsExactlyElementsOf(first.tasks().stream().map(Task::taskArn).toList());
    assertThat(again.tasks().get(0).desiredStatus()).isEqualTo("STOPPED");
    assertThat(again.failures()).isEqualTo(first.failures());
    assertThat(ecs.list("{desiredStatus: 'RUNNING'}")).hasSize(2);
    assertThat(ecs.stored("default", first.tasks().get(1)).clientToken()).isEqualTo("tok-1");
  }

  @Test
  void theSameTokenWithOtherParametersIsAConflict() {
    ecs.run("{taskDefinition: 'job', clientToken: 'tok-2'}");

    expect(ErrorCode.CONFLICT, TaskLauncher.TOKEN_CONFLICT,
        () -> ecs.run("{taskDefinition: 'job', clientToken: 'tok-2', startedBy: 'someone-else'}"));
  }

  @Test
  void aTokenThatPlacedNothingIsNotRemembered() {
    TasksResponse none = ecs.run("{taskDefinition: 'job', count: 1, clientToken: 'tok-3', "
        + "overrides: {cpu: '2048'}}");
    assertThat(none.tasks()).isEmpty();

    assertThat(ecs.run("{taskDefinition: 'job', clientToken: 'tok-3'}").tasks()).hasSize(1);
  }

  @Test
  void concurrentRetriesWithOneTokenCreateOneSetOfTasks() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<TasksResponse>> futures = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return ecs.run("{taskDefinition: 'job', count: 2, clientToken: 'tok-4'}");
        }));
      }
      start.countDown();
      List<String> first = null;
      for (Future<TasksResponse> f : futures) {
        List<String> arns = f.get().tasks().stream().map(Task::taskArn).toList();
        if (first == null) {
          first = arns;
        }
        assertThat(arns).hasSize(2).isEqualTo(first);
      }
      assertThat(ecs.list("{}")).hasSize(2);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void malformedTokensAreRefused() {
    expect(ErrorCode.INVALID_PARAMETER, "clientToken must be 1 to 64 characters in the ASCII range 33-126.",
        () -> ecs.run("{taskDefinition: 'job', clientToken: 'has space'}"));
    expect(ErrorCode.INVALID_PARAMETER, "clientToken must be 1 to 64 characters in the ASCII range 33-126.",
        () -> ecs.run("{taskDefinition: 'job', clientToken: '" + "x".repeat(65) + "'}"));
  }
}
