package io.gantry.server.tasks;

import static io.gantry.server.tasks.TaskFixture.NOW;
import static io.gantry.server.tasks.TaskFixture.SCOPE;
import static io.gantry.server.tasks.TaskFixture.report;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.agent.AgentMessage.ContainerStateChange;
import io.gantry.api.agent.AgentMessage.TaskStateChange;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.NetworkBinding;
import io.gantry.model.task.Task;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStateServiceTest {
  private static final Instant LATER = NOW.plusSeconds(30);
  private static final Instant END = NOW.plusSeconds(90);
  @TempDir Path dir;
  private TaskFixture ecs;
  private ContainerInstance a;
  private ContainerInstance b;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir);
    ecs.createCluster("default");
    a = ecs.registerInstance("default", 1024, 2048);
    b = ecs.registerInstance("default", 1024, 2048);
    ecs.registerTaskDefinition("{family: 'web', containerDefinitions: [{name: 'nginx', image: 'nginx', cpu: 256, "
        + "memory: 256, portMappings: [{containerPort: 80, hostPort: 8080}], healthCheck: {command: ['CMD', 'true']}}, "
        + "{name: 'sidecar', image: 'busybox', memory: 64, essential: false}]}");
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  @Test
  void assignmentsCarryTheTaskItsDefinitionAndItsReservedPorts() {
    Task onA = ecs.run("{taskDefinition: 'web'}").tasks().get(0);
    Task onB = ecs.run("{taskDefinition: 'web'}").tasks().get(0);
    assertThat(onB.containerInstanceArn()).isEqualTo(b.containerInstanceArn());

    List<TaskAssignment> forB = ecs.state.assignments(SCOPE, "default", b.id());

    assertThat(forB).hasSize(1);
    TaskAssignment assignment = forB.get(0);
    assertThat(assignment.task().taskArn()).isEqualTo(onB.taskArn());
    assertThat(assignment.task().tags()).isNull();
    assertThat(assignment.taskDefinition().taskDefinitionArn()).isEqualTo(onB.taskDefinitionArn());
    assertThat(assignment.reservedHostPorts()).containsExactly(java.util.Map.entry("nginx/80", 8080));
    assertThat(ecs.state.assignments(SCOPE, "default", a.id())).extracting(x -> x.task().taskArn())
        .containsExactly(onA.taskArn());
    assertThat(ecs.state.assignment(SCOPE, "default", TaskRefs.idOf(onA.taskArn()))).isPresent();
  }

  @Test
  void aStoppingTaskStaysAssignedUntilTheAgentReportsItStopped() {
    Task task = ecs.run("{taskDefinition: 'web'}").tasks().get(0);
    ecs.stop("default", task.taskArn(), null);

    assertThat(ecs.state.assignments(SCOPE, "default", a.id())).singleElement()
        .satisfies(x -> assertThat(x.task().desiredStatus()).isEqualTo("STOPPED"));

    ecs.state.apply(SCOPE, "default", a.id(), report(task, "STOPPED", "STOPPED", 0), LATER);
    assertThat(ecs.state.assignments(SCOPE, "default", a.id())).isEmpty();
    assertThat(ecs.state.assignment(SCOPE, "default", TaskRefs.idOf(task.taskArn()))).isEmpty();
  }

  @Test
  void runningIsRecordedWithTheContainersAndTheCountsMove() {
    Task task = ecs.run("{taskDefinition: 'web'}").tasks().get(0);
    List<NetworkBinding> bindings = List.of(new NetworkBinding("0.0.0.0", 80, 8080, "tcp", null, null));
    TaskStateChange running = new TaskStateChange(1, task.taskArn(), "RUNNING", null, null, NOW, NOW.plusSeconds(2),
        null, null, List.of(
            new ContainerStateChange("nginx", "abc123", "RUNNING", null, null, "HEALTHY", bindings),
            new ContainerStateChange("sidecar", "def456", "RUNNING", null, null, "HEALTHY", null)));

    Task after = ecs.state.apply(SCOPE, "default", a.id(), running, LATER).orElseThrow();

    assertThat(after.lastStatus()).isEqualTo("RUNNING");
    assertThat(after.desiredStatus()).isEqualTo("RUNNING");
    assertThat(after.startedAt()).isEqualTo(LATER);
    assertThat(after.pullStartedAt()).isEqualTo(NOW);
    assertThat(after.pullStoppedAt()).isEqualTo(NOW.plusSeconds(2));
    assertThat(after.connectivity()).isEqualTo("CONNECTED");
    assertThat(after.connectivityAt()).isEqualTo(LATER);
    assertThat(after.healthStatus()).isEqualTo("HEALTHY");
    assertThat(after.version()).isEqualTo(2L);
    assertThat(after.containers()).extracting(c -> c.name() + ":" + c.lastStatus() + ":" + c.runtimeId() + ":"
        + c.healthStatus()).containsExactly("nginx:RUNNING:abc123:HEALTHY", "sidecar:RUNNING:def456:UNKNOWN");
    assertThat(after.containers().get(0).networkBindings()).isEqualTo(bindings);
    assertThat(ecs.describeOne("default", task.taskArn())).isEqualTo(after.withTags(List.of()));
    ContainerInstance instance = ecs.instance("default", a.id());
    assertThat(instance.runningTasksCount()).isEqualTo(1);
    assertThat(instance.pendingTasksCount()).isZero();
    assertThat(TaskFixture.amount(instance, "CPU")).isEqualTo(1024 - 256);
  }

  @Test
  void staleAndRepeatedReportsChangeNothing() {
    Task task = ecs.run("{taskDefinition: 'web'}").tasks().get(0);
    Task running = ecs.state.apply(SCOPE, "default", a.id(), report(task, "RUNNING", "RUNNING", null), LATER)
        .orElseThrow();

    Task stale = ecs.state.apply(SCOPE, "default", a.id(), report(task, "PENDING", "PENDING", null), END).orElseThrow();
    Task repeated = ecs.state.apply(SCOPE, "default", a.id(), report(task, "RUNNING", "RUNNING", null), END)
        .orElseThrow();

    assertThat(stale).isEqualTo(running);
    assertThat(repeated).isEqualTo(running);
    assertThat(ecs.instance("default", a.id()).runningTasksCount()).isEqualTo(1);
  }

  @Test
  void stoppedReleasesTheResourcesExactlyOnceEvenWhenReportedTwice() {
    Task task = ecs.run("{taskDefinition: 'web'}").tasks().get(0);
    ecs.simpleDefinition("plain", 256, 320);
    Task other = ecs.run("{taskDefinition: 'plain'}").tasks().get(0);
    ecs.state.apply(SCOPE, "default", a.id(), report(task, "RUNNING", "RUNNING", null), LATER);

    Task stopped = ecs.state.apply(SCOPE, "default", a.id(), report(task, "STOPPED", "STOPPED", 0), END).orElseThrow();
    ContainerInstance once = ecs.instance("default", a.id());
    Task again = ecs.state.apply(SCOPE, "default", a.id(), report(task, "STOPPED", "STOPPED", 0), END.plusSeconds(5))
        .orElseThrow();

    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stoppedAt()).isEqualTo(END);
    assertThat(stopped.executionStoppedAt()).isEqualTo(END);
    assertThat(stopped.stopCode()).isEqualTo("EssentialContainerExited");
    assertThat(stopped.stoppedReason()).isEqualTo("Essential container in task exited");
    assertThat(stopped.containers()).extracting(c -> c.exitCode()).containsOnly(0);
    assertThat(again).isEqualTo(stopped);
    assertThat(ecs.instance("default", a.id())).isEqualTo(once);
    // Only the other task's reservation is left.
    assertThat(other.containerInstanceArn()).isEqualTo(a.containerInstanceArn());
    assertThat(TaskFixture.amount(once, "CPU")).isEqualTo(1024 - 256);
    assertThat(TaskFixture.amount(once, "MEMORY")).isEqualTo(2048 - 320);
    assertThat(TaskFixture.ports(once, "PORTS")).doesNotContain("8080");
    assertThat(once.runningTasksCount()).isZero();
    assertThat(once.pendingTasksCount()).isEqualTo(1);
  }

  @Test
  void aUsersStopReasonIsKeptWhenTheAgentReportsTheStop() {
    Task task = ecs.run("{taskDefinition: 'web'}").tasks().get(0);
    ecs.stop("default", task.taskArn(), "maintenance");

    Task stopped = ecs.state.apply(SCOPE, "default", a.id(), new TaskStateChange(2, task.taskArn(), "STOPPED",
        "Essential container in task exited", "EssentialContainerExited", null, null, null, END, List.of()), END)
        .orElseThrow();

    assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
    assertThat(stopped.stoppedReason()).isEqualTo("maintenance");
    assertThat(stopped.containers()).extracting(c -> c.lastStatus()).containsOnly("STOPPED");
  }

  @Test
  void anEssentialContainerThatExitsStopsTheTask() {
    Task task = ecs.run("{taskDefinition: 'web'}").tasks().get(0);
    ecs.state.apply(SCOPE, "default", a.id(), report(task, "RUNNING", "RUNNING", null), LATER);

    Task stopping = ecs.state.apply(SCOPE, "default", a.id(), new TaskStateChange(3, task.taskArn(), "RUNNING", null,
        null, null, null, null, null, List.of(new ContainerStateChange("nginx", null, "STOPPED", 137, null, null,
        null))), END).orElseThrow();

    assertThat(stopping.lastStatus()).isEqualTo("STOPPING");
    assertThat(stopping.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopping.stoppingAt()).isEqualTo(END);
    assertThat(stopping.stopCode()).isEqualTo("EssentialContainerExited");
    assertThat(stopping.containers().get(0).exitCode()).isEqualTo(137);
    assertThat(ecs.instance("default", a.id()).runningTasksCount()).isEqualTo(1);
  }

  @Test
  void aContainerThatNeverStartedMakesTheTaskFailToStart() {
    Task task = ecs.run("{taskDefinition: 'web'}").tasks().get(0);

    Task stopped = ecs.state.apply(SCOPE, "default", a.id(), new TaskStateChange(4, task.taskArn(), "STOPPED", null,
        null, NOW, null, null, null, List.of(new ContainerStateChange("nginx", null, "STOPPED", null,
        "CannotPullContainerError: pull access denied", null, null))), LATER).orElseThrow();

    assertThat(stopped.stopCode()).isEqualTo("TaskFailedToStart");
    assertThat(stopped.stoppedReason()).isEqualTo("CannotPullContainerError: pull access denied");
    assertThat(stopped.startedAt()).isNull();
    ContainerInstance instance = ecs.instance("default", a.id());
    assertThat(instance.pendingTasksCount()).isZero();
    assertThat(TaskFixture.amount(instance, "CPU")).isEqualTo(1024);
    assertThat(TaskFixture.amount(instance, "MEMORY")).isEqualTo(2048);
  }

  @Test
  void reportsAboutTasksOfAnotherInstanceOrUnknownTasksAreIgnored() {
    Task task = ecs.run("{taskDefinition: 'web'}").tasks().get(0);

    assertThat(ecs.state.apply(SCOPE, "default", b.id(), report(task, "RUNNING", "RUNNING", null), LATER)).isEmpty();
    assertThat(ecs.state.apply(SCOPE, "default", a.id(), new TaskStateChange(5,
        TaskFixture.PREFIX + "task/default/0123456789abcdef0123456789abcdef", "RUNNING", null, null, null, null, null,
        null, List.of()), LATER)).isEqualTo(Optional.empty());
    assertThat(ecs.describeOne("default", task.taskArn()).lastStatus()).isEqualTo("PENDING");
  }
}
