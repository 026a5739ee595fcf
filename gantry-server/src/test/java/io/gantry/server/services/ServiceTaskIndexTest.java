package io.gantry.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.Scope;
import io.gantry.model.task.Task;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The per-service task index: newest write wins, launches show before the watch delivers them, deletes forget. */
class ServiceTaskIndexTest {
  static final Scope SCOPE = new Scope("000000000000", "us-east-1");
  static final ServiceKey WEB = new ServiceKey(SCOPE, "c", "web");
  static final ServiceKey API = new ServiceKey(SCOPE, "c", "api");

  static Task task(String id, String status) {
    return Task.builder().taskArn("arn:aws:ecs:us-east-1:000000000000:task/c/" + id).lastStatus(status)
        .containerInstanceArn("arn:aws:ecs:us-east-1:000000000000:container-instance/c/i1").build();
  }

  @Test
  void anOlderWriteNeverReplacesANewerOne() {
    ServiceTaskIndex index = new ServiceTaskIndex();
    index.put("k1", WEB, 5, task("t1", "RUNNING"), "i1");
    index.put("k1", WEB, 4, task("t1", "PENDING"), "i1");
    assertThat(index.tasks(WEB)).singleElement().satisfies(e -> {
      assertThat(e.task().lastStatus()).isEqualTo("RUNNING");
      assertThat(e.id()).isEqualTo("t1");
    });
    assertThat(index.tasks(API)).isEmpty();
  }

  @Test
  void launchedTasksShowAtOnceAndTheWatchReplacesThem() {
    ServiceTaskIndex index = new ServiceTaskIndex();
    index.launched(WEB, Map.of("k1", task("t1", "PROVISIONING")));
    assertThat(index.tasks(WEB)).singleElement().satisfies(e -> {
      assertThat(e.revision()).isEqualTo(-1);
      assertThat(e.instanceId()).isEqualTo("i1");
    });
    index.put("k1", WEB, 7, task("t1", "PENDING"), "i1");
    index.launched(WEB, Map.of("k1", task("t1", "PROVISIONING")));
    assertThat(index.tasks(WEB)).singleElement().satisfies(e -> assertThat(e.task().lastStatus()).isEqualTo("PENDING"));
    index.delete("k1");
    assertThat(index.tasks(WEB)).isEmpty();
    assertThat(index.size(SCOPE)).isZero();
  }

  @Test
  void aReloadForgetsTasksDeletedWhileTheWatchWasBehindButKeepsFreshLaunches() {
    ServiceTaskIndex index = new ServiceTaskIndex();
    index.put("k1", WEB, 3, task("t1", "STOPPED"), "i1");
    index.put("k2", WEB, 4, task("t2", "RUNNING"), "i1");
    index.put("k3", API, 5, task("t3", "STOPPED"), "i1");
    index.launched(WEB, Map.of("k4", task("t4", "PROVISIONING")));

    index.retainOnly(Set.of("k2", "ecs/other"));

    assertThat(index.tasks(WEB)).extracting(ServiceTaskIndex.Entry::id).containsExactlyInAnyOrder("t2", "t4");
    assertThat(index.tasks(API)).isEmpty();
    assertThat(index.size(SCOPE)).isEqualTo(2);
  }

  @Test
  void awaitCurrentReturnsOnceTheRevisionIsApplied() throws Exception {
    ServiceTaskIndex index = new ServiceTaskIndex();
    Thread watch = new Thread(() -> {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      index.applied(3);
    });
    long began = System.nanoTime();
    watch.start();
    index.awaitCurrent(3);
    assertThat(System.nanoTime() - began).isLessThan(4_000_000_000L);
    watch.join();
  }
}
