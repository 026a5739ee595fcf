package io.gantry.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.Failure;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many RunTask calls at once on two instances never book more than the instances have. */
class ConcurrentRunTaskTest {
  private static final int THREADS = 16;
  private static final int COUNT = 5;
  @TempDir Path dir;
  private TaskFixture ecs;
  private ContainerInstance a;
  private ContainerInstance b;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir);
    ecs.createCluster("default");
    a = ecs.registerInstance("default", 4096, 8192);
    b = ecs.registerInstance("default", 2048, 8192);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  @Test
  void cpuAndMemoryAreNeverOvercommitted() throws Exception {
    ecs.registerTaskDefinition("{family: 'work', containerDefinitions: [{name: 'app', image: 'busybox', cpu: 256, "
        + "memory: 300}]}");

    List<TasksResponse> responses = runConcurrently("{taskDefinition: 'work', count: " + COUNT + "}");

    List<Task> placed = responses.stream().flatMap(r -> r.tasks().stream()).toList();
    // 4096/256 = 16 on a, 2048/256 = 8 on b; memory (8192/300 = 27) is not the limit.
    assertThat(placed).hasSize(24);
    assertThat(responses).filteredOn(r -> r.tasks().size() < COUNT)
        .allSatisfy(r -> assertThat(r.failures()).extracting(Failure::reason).containsOnly("RESOURCE:CPU"));
    Map<String, Long> perInstance = placed.stream()
        .collect(Collectors.groupingBy(Task::containerInstanceArn, Collectors.counting()));
    assertThat(perInstance).containsEntry(a.containerInstanceArn(), 16L).containsEntry(b.containerInstanceArn(), 8L);
    checkInstance(a, perInstance.get(a.containerInstanceArn()), 4096, 8192);
    checkInstance(b, perInstance.get(b.containerInstanceArn()), 2048, 8192);
    assertThat(ecs.list("{maxResults: 100}")).hasSize(24);
  }

  @Test
  void aStaticHostPortIsNeverBookedTwice() throws Exception {
    ecs.registerTaskDefinition("{family: 'web', containerDefinitions: [{name: 'web', image: 'nginx', cpu: 10, "
        + "memory: 10, portMappings: [{containerPort: 80, hostPort: 8080}]}]}");

    List<TasksResponse> responses = runConcurrently("{taskDefinition: 'web', count: " + COUNT + "}");

    List<Task> placed = responses.stream().flatMap(r -> r.tasks().stream()).toList();
    assertThat(placed).extracting(Task::containerInstanceArn)
        .containsExactlyInAnyOrder(a.containerInstanceArn(), b.containerInstanceArn());
    assertThat(responses.stream().flatMap(r -> r.failures().stream()))
        .allMatch(f -> f.reason().equals("RESOURCE:PORTS"));
    assertThat(TaskFixture.ports(ecs.instance("default", a.id()), "PORTS")).contains("8080");
    assertThat(TaskFixture.ports(ecs.instance("default", b.id()), "PORTS")).contains("8080");
  }

  private void checkInstance(ContainerInstance registered, long tasks, int cpu, int memory) {
    ContainerInstance now = ecs.instance("default", registered.id());
    assertThat(TaskFixture.amount(now, "CPU")).isEqualTo(cpu - tasks * 256);
    assertThat(TaskFixture.amount(now, "MEMORY")).isEqualTo(memory - tasks * 300);
    assertThat(now.pendingTasksCount()).isEqualTo((int) tasks);
  }

  private List<TasksResponse> runConcurrently(String request) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<TasksResponse>> futures = new ArrayList<>();
      for (int i = 0; i < THREADS; i++) {
        Callable<TasksResponse> call = () -> {
          start.await();
          return ecs.run(request);
        };
        futures.add(pool.submit(call));
      }
      start.countDown();
      List<TasksResponse> out = new ArrayList<>();
      for (Future<TasksResponse> f : futures) {
        out.add(f.get());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
