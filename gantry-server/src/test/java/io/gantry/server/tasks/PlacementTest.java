package io.gantry.server.tasks;

import static io.gantry.server.tasks.TaskFixture.PREFIX;
import static io.gantry.server.tasks.TaskFixture.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.task.StartTaskRequest;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.Failure;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlacementTest {
  @TempDir Path dir;
  private TaskFixture ecs;
  private ContainerInstance a;
  private ContainerInstance b;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir);
    ecs.createCluster("default");
    a = ecs.registerInstance("default", 1024, 2048);
    b = ecs.registerInstance("default", 2048, 512);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  @Test
  void tasksThatFitNowhereComeBackAsOneFailurePerInstanceWithItsReason() {
    ecs.simpleDefinition("big-cpu", 1500, 256);

    TasksResponse r = ecs.run("{taskDefinition: 'big-cpu', count: 2}");

    assertThat(r.tasks()).extracting(Task::containerInstanceArn).containsExactly(b.containerInstanceArn());
    assertThat(r.failures()).containsExactlyInAnyOrder(new Failure(a.containerInstanceArn(), "RESOURCE:CPU", null),
        new Failure(b.containerInstanceArn(), "RESOURCE:CPU", null));
  }

  @Test
  void memoryIsCountedFromReservationsWhenTheyAreGiven() {
    ecs.registerTaskDefinition("{family: 'soft', containerDefinitions: [{name: 'app', image: 'busybox', "
        + "memory: 4000, memoryReservation: 300}]}");
    ecs.simpleDefinition("hard", 10, 4000);

    assertThat(ecs.run("{taskDefinition: 'soft', count: 2}").failures()).isEmpty();
    assertThat(ecs.run("{taskDefinition: 'hard'}").failures()).containsExactlyInAnyOrder(
        new Failure(a.containerInstanceArn(), "RESOURCE:MEMORY", null),
        new Failure(b.containerInstanceArn(), "RESOURCE:MEMORY", null));
  }

  @Test
  void aShortfallIsListedBeforeADisconnectedAgent() {
    ecs.simpleDefinition("hard", 10, 4000);
    ecs.setAgentConnected("default", a.id(), false);

    assertThat(ecs.run("{taskDefinition: 'hard'}").failures()).containsExactly(
        new Failure(b.containerInstanceArn(), "RESOURCE:MEMORY", null), new Failure(a.containerInstanceArn(), "AGENT", null));
    ecs.setAgentConnected("default", b.id(), false);
    assertThat(ecs.run("{taskDefinition: 'hard'}").failures()).containsExactlyInAnyOrder(
        new Failure(a.containerInstanceArn(), "AGENT", null), new Failure(b.containerInstanceArn(), "AGENT", null));
  }

  @Test
  void aStaticHostPortIsTakenOncePerInstance() {
    ecs.registerTaskDefinition("{family: 'web', containerDefinitions: [{name: 'nginx', image: 'nginx', memory: 64, "
        + "portMappings: [{containerPort: 80, hostPort: 8080}, {containerPort: 53, hostPort: 5353, protocol: 'udp'}]}]}");

    TasksResponse r = ecs.run("{taskDefinition: 'web', count: 3}");

    assertThat(r.tasks()).extracting(Task::containerInstanceArn)
        .containsExactlyInAnyOrder(a.containerInstanceArn(), b.containerInstanceArn());
    assertThat(r.failures()).containsExactlyInAnyOrder(new Failure(a.containerInstanceArn(), "RESOURCE:PORTS", null),
        new Failure(b.containerInstanceArn(), "RESOURCE:PORTS", null));
    assertThat(TaskFixture.ports(ecs.instance("default", a.id()), "PORTS"))
        .containsExactlyInAnyOrder("22", "2375", "2376", "51678", "51679", "8080");
    assertThat(TaskFixture.ports(ecs.instance("default", a.id()), "PORTS_UDP")).containsExactly("5353");
    assertThat(ecs.stored("default", r.tasks().get(1)).reservedHostPorts())
        .containsOnlyKeys("nginx/80", "nginx/53/udp").containsEntry("nginx/80", 8080).containsEntry("nginx/53/udp", 5353);
  }

  @Test
  void aRegisteredReservedPortIsNeverHandedOut() {
    ecs.registerTaskDefinition("{family: 'ssh', networkMode: 'host', containerDefinitions: [{name: 'sshd', "
        + "image: 'sshd', memory: 64, portMappings: [{containerPort: 22}]}]}");

    assertThat(ecs.run("{taskDefinition: 'ssh'}").failures()).containsExactlyInAnyOrder(
        new Failure(a.containerInstanceArn(), "RESOURCE:PORTS", null),
        new Failure(b.containerInstanceArn(), "RESOURCE:PORTS", null));
  }

  @Test
  void dynamicHostPortsReserveNothing() {
    ecs.registerTaskDefinition("{family: 'dyn', containerDefinitions: [{name: 'app', image: 'nginx', memory: 64, "
        + "portMappings: [{containerPort: 80}, {containerPort: 81, hostPort: 0}]}]}");

    TasksResponse r = ecs.run("{taskDefinition: 'dyn', count: 4}");

    assertThat(r.failures()).isEmpty();
    assertThat(ecs.stored("default", r.tasks().get(1)).reservedHostPorts()).isEmpty();
    assertThat(TaskFixture.ports(ecs.instance("default", a.id()), "PORTS")).hasSize(5);
  }

  @Test
  void distinctInstancePutsEachTaskOfTheRequestOnItsOwnInstance() {
    ecs.simpleDefinition("small", 10, 10);

    TasksResponse r = ecs.run("{taskDefinition: 'small', count: 3, placementConstraints: [{type: 'distinctInstance'}]}");

    assertThat(r.tasks()).extracting(Task::containerInstanceArn)
        .containsExactlyInAnyOrder(a.containerInstanceArn(), b.containerInstanceArn());
    assertThat(r.failures()).extracting(Failure::reason)
        .containsExactly("DistinctInstance placement constraint unsatisfied.",
            "DistinctInstance placement constraint unsatisfied.");
  }

  @Test
  void drainingInstancesTakeNoNewTasks() {
    ecs.simpleDefinition("small", 10, 10);
    ecs.call("UpdateContainerInstancesState", new io.gantry.api.ecs.instance.UpdateContainerInstancesStateRequest(
        "default", List.of(a.id(), b.id()), "DRAINING"));

    RunTaskTest.expect(io.gantry.model.ErrorCode.INVALID_PARAMETER, "No Container Instances were found in your cluster.",
        () -> ecs.run("{taskDefinition: 'small'}"));
  }

  @Test
  void anInstanceWithTasksIsDeregisteredOnlyWithForceAndThenTakesNoNewTasks() {
    ecs.simpleDefinition("mid", 1000, 100);
    TasksResponse r = ecs.call("StartTask", new StartTaskRequest("default", List.of(a.id()), null, null, null, null,
        null, null, null, null, null, "mid", null));
    assertThat(r.tasks()).hasSize(1);

    RunTaskTest.expect(io.gantry.model.ErrorCode.INVALID_PARAMETER,
        "The container instance has tasks running. Stop them first, or deregister it with force.",
        () -> ecs.call("DeregisterContainerInstance",
            new io.gantry.api.ecs.instance.DeregisterContainerInstanceRequest("default", a.id(), false)));
    io.gantry.api.ecs.instance.ContainerInstanceResponse forced = ecs.call("DeregisterContainerInstance",
        new io.gantry.api.ecs.instance.DeregisterContainerInstanceRequest("default", a.id(), true));

    assertThat(forced.containerInstance().status()).isEqualTo("INACTIVE");
    assertThat(ecs.run("{taskDefinition: 'mid', count: 2}").tasks()).extracting(Task::containerInstanceArn)
        .containsOnly(b.containerInstanceArn());
  }

  @Test
  void startTaskStartsOneTaskOnEachNamedInstance() {
    ecs.simpleDefinition("mid", 1000, 100);

    TasksResponse r = ecs.call("StartTask", new StartTaskRequest("default",
        List.of(b.id(), a.containerInstanceArn(), "0123456789abcdef0123456789abcdef", b.id()), null, null, null, null,
        null, null, null, "me", null, "mid", null));

    assertThat(r.tasks()).extracting(Task::containerInstanceArn)
        .containsExactly(b.containerInstanceArn(), a.containerInstanceArn(), b.containerInstanceArn());
    assertThat(r.tasks()).extracting(Task::startedBy).containsOnly("me");
    assertThat(r.failures()).containsExactly(
        Failure.missing(PREFIX + "container-instance/default/0123456789abcdef0123456789abcdef"));
    assertThat(TaskFixture.amount(ecs.instance("default", b.id()), "CPU")).isEqualTo(48);
    assertThat(ecs.instance("default", b.id()).pendingTasksCount()).isEqualTo(2);

    TasksResponse full = ecs.call("StartTask", new StartTaskRequest("default", List.of(b.id()), null, null, null, null,
        null, null, null, null, null, "mid", null));
    assertThat(full.tasks()).isEmpty();
    assertThat(full.failures()).containsExactly(new Failure(b.containerInstanceArn(), "RESOURCE:CPU", null));
  }

  @Test
  void aStoppedTaskGivesItsPortsBackButNotTheRegisteredOnes() {
    ecs.registerTaskDefinition("{family: 'web', containerDefinitions: [{name: 'nginx', image: 'nginx', memory: 64, "
        + "portMappings: [{containerPort: 80, hostPort: 8080}]}]}");
    Task task = ecs.run("{taskDefinition: 'web'}").tasks().get(0);

    ecs.state.apply(SCOPE, "default", a.id(), TaskFixture.report(task, "STOPPED", "STOPPED", 0), TaskFixture.NOW);

    assertThat(TaskFixture.ports(ecs.instance("default", a.id()), "PORTS"))
        .containsExactlyInAnyOrder("22", "2375", "2376", "51678", "51679");
    assertThat(ecs.run("{taskDefinition: 'web'}").tasks()).extracting(Task::containerInstanceArn)
        .containsExactly(a.containerInstanceArn());
  }

  @Test
  void gpusAreCountedAndEachTaskGetsItsOwnIds() {
    ContainerInstance gpu = ecs.registerInstance("default", 4096, 8192, List.of(
        new io.gantry.model.instance.PlatformDevice("GPU-0", "GPU"), new io.gantry.model.instance.PlatformDevice("GPU-1", "GPU"),
        new io.gantry.model.instance.PlatformDevice("GPU-2", "GPU")));
    ecs.registerTaskDefinition("{family: 'train', containerDefinitions: [{name: 'worker', image: 'cuda', memory: 64, "
        + "resourceRequirements: [{type: 'GPU', value: '2'}]}, {name: 'log', image: 'busybox', memory: 16}]}");

    TasksResponse first = ecs.run("{taskDefinition: 'train'}");
    TasksResponse second = ecs.run("{taskDefinition: 'train'}");

    assertThat(first.tasks()).extracting(Task::containerInstanceArn).containsExactly(gpu.containerInstanceArn());
    assertThat(first.tasks().get(0).containers()).filteredOn(c -> c.name().equals("worker")).singleElement()
        .satisfies(c -> assertThat(c.gpuIds()).containsExactly("GPU-0", "GPU-1"));
    assertThat(first.tasks().get(0).containers()).filteredOn(c -> c.name().equals("log")).singleElement()
        .satisfies(c -> assertThat(c.gpuIds()).isNullOrEmpty());
    assertThat(second.tasks()).isEmpty();
    assertThat(second.failures()).extracting(Failure::reason).contains("RESOURCE:GPU");
    assertThat(TaskFixture.ports(ecs.instance("default", gpu.id()), "GPU")).containsExactly("GPU-2");
  }
}
