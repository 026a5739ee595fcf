package io.gantry.server.tasks;

import static io.gantry.server.tasks.RunTaskTest.expect;
import static io.gantry.server.tasks.TaskFixture.NOW;
import static io.gantry.server.tasks.TaskFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.capacity.CreateCapacityProviderRequest;
import io.gantry.api.ecs.cluster.PutClusterCapacityProvidersRequest;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.ErrorCode;
import io.gantry.server.MovableClock;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.server.capacity.CapacityHook;
import io.gantry.server.capacity.ScalingController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tasks that wait for capacity, on a real store and ledger: on an EC2 capacity provider with
 * managed scaling ENABLED, tasks that fit nowhere are PROVISIONING without an instance (not
 * failures), count towards the reservation metric so the scale-out hook fires, and are placed by
 * {@link CapacityWaitController} when an instance of the provider has room; one still waiting
 * after the timeout stops with TaskFailedToStart; StopTask stops one at once; past ECS's quota of
 * tasks in PROVISIONING per cluster RunTask answers ECS's ClientException. Without managed
 * scaling the shortfall stays a failure.
 */
class CapacityWaitTest {
  @TempDir
  Path dir;
  TaskFixture ecs;
  final MovableClock clock = new MovableClock(NOW.plusSeconds(1));
  CapacityWaitController waits;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir.resolve("store"));
    waits = new CapacityWaitController(ecs.store, ecs.placement, clock, Duration.ofMinutes(30));
    provider("pool", "managedScaling: {status: 'ENABLED', targetCapacity: 100, instanceWarmupPeriod: 0}");
    provider("manual", "managedScaling: {status: 'DISABLED'}");
    ecs.createCluster("c");
    ecs.call("PutClusterCapacityProviders", new PutClusterCapacityProvidersRequest("c", List.of("pool", "manual"),
        List.of()));
    ecs.simpleDefinition("web", 512, 256);
  }

  @AfterEach
  void tearDown() {
    waits.close();
    ecs.close();
  }

  private void provider(String name, String scaling) {
    ecs.call("CreateCapacityProvider", read("{name: '" + name + "', autoScalingGroupProvider: {autoScalingGroupArn: '"
        + name + "-asg', " + scaling + "}}", CreateCapacityProviderRequest.class));
  }

  private TasksResponse runOn(String provider, int count) {
    return ecs.run("{cluster: 'c', taskDefinition: 'web', count: " + count + ", capacityProviderStrategy: "
        + "[{capacityProvider: '" + provider + "', weight: 1}]}");
  }

  private int markers() {
    return ecs.kv.range(CapacityWait.PREFIX).size();
  }

  @Test
  void tasksWaitInProvisioningTheHookScalesOutAndTheyArePlacedWhenAnInstanceJoins() throws Exception {
    TasksResponse run = runOn("pool", 2);
    assertThat(run.failures()).isEmpty();
    assertThat(run.tasks()).hasSize(2).allSatisfy(t -> {
      assertThat(t.lastStatus()).isEqualTo("PROVISIONING");
      assertThat(t.desiredStatus()).isEqualTo("RUNNING");
      assertThat(t.containerInstanceArn()).isNull();
      assertThat(t.capacityProviderName()).isEqualTo("pool");
      assertThat(t.launchType()).isEqualTo("EC2");
    });
    assertThat(markers()).isEqualTo(2);

    // The waiting tasks are the provider's reservation: 2 needed, 0 instances → scale out to 2.
    Path out = dir.resolve("hook.out");
    Path script = dir.resolve("hook.sh");
    Files.writeString(script, "#!/bin/sh\necho \"$GANTRY_ACTION|$GANTRY_CAPACITY_PROVIDER|$GANTRY_CLUSTER|"
        + "$GANTRY_DESIRED_INSTANCES\" >> '" + out + "'\n");
    script.toFile().setExecutable(true);
    try (ScalingController scaling = new ScalingController(ecs.store, ecs.placement,
        new CapacityHook(script.toString(), Duration.ofSeconds(10)), clock, Duration.ofSeconds(30))) {
      scaling.pass();
      assertThat(Files.readAllLines(out)).containsExactly("scale-out|pool|c|2");
      assertThat(scaling.metrics()).containsEntry("123456789012/us-east-1/c/pool", 200);
    }
    assertThat(waits.pass()).isZero(); // no instance yet

    // One instance with room for one task joins the provider (and one outside it, with room for both).
    ecs.registerInstance("c", 2048, 2048, "manual");
    ContainerInstance joined = ecs.registerInstance("c", 600, 1024, "pool");
    assertThat(waits.pass()).isEqualTo(1);
    List<Task> now1 = ecs.describe("c", run.tasks().stream().map(Task::taskArn).toList(), List.of()).tasks();
    assertThat(now1).filteredOn(t -> "PENDING".equals(t.lastStatus())).singleElement().satisfies(t -> {
      assertThat(t.containerInstanceArn()).isEqualTo(joined.containerInstanceArn());
      assertThat(t.version()).isEqualTo(2L);
      assertThat(ecs.stored("c", t).containerInstanceId()).isEqualTo(joined.id());
    });
    assertThat(now1).filteredOn(t -> "PROVISIONING".equals(t.lastStatus())).hasSize(1);
    assertThat(TaskFixture.amount(ecs.instance("c", joined.id()), "CPU")).isEqualTo(600 - 512);
    assertThat(markers()).isEqualTo(1);

    // A second instance: the other task goes there.
    ContainerInstance second = ecs.registerInstance("c", 600, 1024, "pool");
    assertThat(waits.pass()).isEqualTo(1);
    assertThat(ecs.describe("c", run.tasks().stream().map(Task::taskArn).toList(), List.of()).tasks())
        .allMatch(t -> "PENDING".equals(t.lastStatus()))
        .extracting(Task::containerInstanceArn)
        .containsExactlyInAnyOrder(joined.containerInstanceArn(), second.containerInstanceArn());
    assertThat(markers()).isZero();
  }

  @Test
  void aTaskStillWaitingAfterTheTimeoutFailsToStart() {
    Task waiting = runOn("pool", 1).tasks().get(0);
    clock.set(NOW.plus(Duration.ofMinutes(29)));
    assertThat(waits.pass()).isZero();
    assertThat(ecs.describeOne("c", waiting.taskArn()).lastStatus()).isEqualTo("PROVISIONING");

    clock.set(NOW.plus(Duration.ofMinutes(30)));
    waits.pass();
    Task stopped = ecs.describeOne("c", waiting.taskArn());
    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason()).isEqualTo("Task timed out waiting for capacity: no instance of capacity "
        + "provider pool had room within 30 minutes.");
    waits.pass();
    assertThat(markers()).isZero();
    // An instance arriving later does not revive it.
    ecs.registerInstance("c", 2048, 2048, "pool");
    waits.pass();
    assertThat(ecs.describeOne("c", waiting.taskArn()).lastStatus()).isEqualTo("STOPPED");
  }

  @Test
  void stopTaskStopsAWaitingTaskAtOnceAndItIsNeverPlaced() {
    Task waiting = runOn("pool", 1).tasks().get(0);
    Task stopped = ecs.stop("c", waiting.taskArn(), "not needed");
    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
    ecs.registerInstance("c", 2048, 2048, "pool");
    assertThat(waits.pass()).isZero();
    assertThat(markers()).isZero();
    assertThat(ecs.describeOne("c", waiting.taskArn()).containerInstanceArn()).isNull();
  }

  @Test
  void withoutManagedScalingTheShortfallIsAFailureAsBefore() {
    TasksResponse run = runOn("manual", 1);
    assertThat(run.tasks()).isEmpty();
    assertThat(run.failures()).singleElement().satisfies(f ->
        assertThat(f.reason()).isEqualTo(TaskLauncher.NO_PROVIDER_INSTANCES));
    assertThat(markers()).isZero();
  }

  @Test
  void pastTheQuotaOfTasksInProvisioningRunTaskIsRefused() {
    for (int i = 0; i < CapacityWait.DEFAULT_LIMIT / 10; i++) {
      assertThat(runOn("pool", 10).tasks()).hasSize(10);
    }
    assertThat(markers()).isEqualTo(CapacityWait.DEFAULT_LIMIT);
    expect(ErrorCode.CLIENT, "Tasks provisioning capacity limit exceeded.", () -> runOn("pool", 1));
    // A task that fits at once is no waiting task: still launched.
    ecs.registerInstance("c", 600, 1024, "pool");
    assertThat(runOn("pool", 1).tasks()).singleElement()
        .satisfies(t -> assertThat(t.lastStatus()).isEqualTo("PENDING"));
  }
}
