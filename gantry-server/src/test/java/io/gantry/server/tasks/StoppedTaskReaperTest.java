package io.gantry.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoppedTaskReaperTest {
  @TempDir Path dir;
  private TaskFixture ecs;
  private ContainerInstance a;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir);
    ecs.createCluster("web");
    a = ecs.registerInstance("web", 1024, 2048);
    ecs.simpleDefinition("api", 128, 128);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  @Test
  void stoppedTasksStayForTheRetentionThenGo() {
    Task running = ecs.run("{cluster: 'web', taskDefinition: 'api'}").tasks().get(0);
    Task stopping = ecs.run("{cluster: 'web', taskDefinition: 'api'}").tasks().get(0);
    ecs.setAgentConnected("web", a.id(), false);
    ecs.stop("web", stopping.taskArn(), null); // no agent: STOPPED at once, stoppedAt = NOW

    StoppedTaskReaper early = reaperAt(Duration.ofMinutes(59));
    assertThat(early.sweep()).isZero();
    assertThat(ecs.describe("web", List.of(stopping.taskArn()), null).tasks()).hasSize(1);

    StoppedTaskReaper late = reaperAt(Duration.ofMinutes(61));
    assertThat(late.sweep()).isEqualTo(1);
    assertThat(ecs.describe("web", List.of(stopping.taskArn(), running.taskArn()), null).tasks())
        .extracting(Task::taskArn).containsExactly(running.taskArn());
    assertThat(late.sweep()).isZero();
  }

  @Test
  void clientTokensExpireAfterADayAndAreThenNew() {
    Task first = ecs.run("{cluster: 'web', taskDefinition: 'api', clientToken: 'once'}").tasks().get(0);
    assertThat(ecs.run("{cluster: 'web', taskDefinition: 'api', clientToken: 'once'}").tasks().get(0).taskArn())
        .isEqualTo(first.taskArn());

    assertThat(reaperAt(Duration.ofHours(23)).sweep()).isZero();
    assertThat(reaperAt(Duration.ofHours(25)).sweep()).isEqualTo(1);

    Task again = ecs.run("{cluster: 'web', taskDefinition: 'api', clientToken: 'once'}").tasks().get(0);
    assertThat(again.taskArn()).isNotEqualTo(first.taskArn());
  }

  @Test
  void clientTokensArePerCluster() {
    ecs.createCluster("batch");
    ecs.registerInstance("batch", 1024, 2048);
    Task web = ecs.run("{cluster: 'web', taskDefinition: 'api', clientToken: 'same'}").tasks().get(0);
    Task batch = ecs.run("{cluster: 'batch', taskDefinition: 'api', clientToken: 'same'}").tasks().get(0);
    assertThat(batch.taskArn()).isNotEqualTo(web.taskArn()).contains(":task/batch/");
  }

  private StoppedTaskReaper reaperAt(Duration afterStop) {
    Clock clock = Clock.fixed(TaskFixture.NOW.plus(afterStop), ZoneOffset.UTC);
    return new StoppedTaskReaper(ecs.store, clock, StoppedTaskReaper.DEFAULT_RETENTION);
  }
}
