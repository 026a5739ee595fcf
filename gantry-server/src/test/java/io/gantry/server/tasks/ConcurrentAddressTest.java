package io.gantry.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.task.RunTaskRequest;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.Failure;
import io.gantry.model.task.Task;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.network.AddressAllocator;
import io.gantry.server.network.SubnetCatalog;
import io.gantry.server.network.TaskNetworking;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrent RunTask calls through two launchers with separate allocators (two control planes on
 * one store) never give one address to two live tasks, and stop exactly when the subnet is full.
 */
class ConcurrentAddressTest {
  private static final String SUBNET = "subnet-0c1b2c3d4e5f60718";
  private static final int THREADS = 16;
  @TempDir Path dir;

  @Test
  void noAddressIsLeasedTwice() throws Exception {
    SubnetCatalog catalog = new SubnetCatalog(SubnetCatalog.parseList(SUBNET + "=10.203.9.0/27@zone-a"),
        SubnetCatalog.DEFAULT_POOL);
    try (TaskFixture ecs = new TaskFixture(dir, catalog)) {
      ecs.createCluster("default");
      ecs.registerInstance("default", 65536, 65536);
      ecs.registerInstance("default", 65536, 65536);
      ecs.registerTaskDefinition("{family: 'vpc', networkMode: 'awsvpc', containerDefinitions: [{name: 'app', "
          + "image: 'busybox', memory: 8}]}");
      TaskHandler second = new TaskHandler(ecs.store, ecs.tags, ecs.placement, new Random(11),
          new TaskNetworking(ecs.store, ecs.placement, catalog));
      RunTaskRequest request = TaskFixture.read("{taskDefinition: 'vpc', count: 3, networkConfiguration: "
          + "{awsvpcConfiguration: {subnets: ['" + SUBNET + "']}}}", RunTaskRequest.class);

      ExecutorService pool = Executors.newFixedThreadPool(THREADS);
      List<TasksResponse> responses = new ArrayList<>();
      try {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<TasksResponse>> futures = new ArrayList<>();
        for (int i = 0; i < THREADS; i++) {
          boolean first = i % 2 == 0;
          futures.add(pool.submit(() -> {
            start.await();
            return first ? ecs.run("{taskDefinition: 'vpc', count: 3, networkConfiguration: {awsvpcConfiguration: "
                + "{subnets: ['" + SUBNET + "']}}}")
                : second.runTask(new RequestContext(TaskFixture.SCOPE, "AKID", "r", TaskFixture.NOW), request);
          }));
        }
        start.countDown();
        for (Future<TasksResponse> f : futures) {
          responses.add(f.get());
        }
      } finally {
        pool.shutdownNow();
      }

      List<Task> placed = responses.stream().flatMap(r -> r.tasks().stream()).toList();
      List<String> addresses = placed.stream().map(AwsVpcRunTaskTest::address).toList();
      // A /27 has 32 addresses; network, gateway and broadcast are never handed out.
      assertThat(placed).hasSize(29);
      assertThat(addresses).doesNotHaveDuplicates().doesNotContain("10.203.9.0", "10.203.9.1", "10.203.9.31");
      assertThat(responses.stream().flatMap(r -> r.failures().stream())).extracting(Failure::reason)
          .containsOnly("RESOURCE:IP_ADDRESS");
      assertThat(ecs.store.kv().range(AddressAllocator.PREFIX + SUBNET + "/")).hasSize(29);
    }
  }
}
