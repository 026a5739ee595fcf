package io.gantry.server.tasks;

import static io.gantry.server.tasks.TaskFixture.SCOPE;
import static io.gantry.server.tasks.TaskFixture.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gantry.api.agent.TaskAssignment;
import io.gantry.api.ecs.cluster.CreateClusterRequest;
import io.gantry.api.ecs.instance.ListContainerInstancesRequest;
import io.gantry.api.ecs.instance.ListContainerInstancesResponse;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.server.placement.ManagedCapacity;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RunTask with launch type FARGATE (and FARGATE / FARGATE_SPOT capacity-provider splits) against
 * the real handlers and store: ECS's refusals word for word, placement on managed nodes of the
 * reserved cluster, what the task shows and keeps internal, and a Spot interruption.
 */
class FargateRunTaskTest {
  static final String NET = "networkConfiguration: {awsvpcConfiguration: {subnets: ['subnet-1']}}";
  @TempDir Path dir;
  private TaskFixture ecs;
  private ContainerInstance node;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir, new io.gantry.server.network.SubnetCatalog(List.of(
        io.gantry.server.network.Subnet.parse("subnet-1=10.209.1.0/24@zone-a")),
        io.gantry.server.network.SubnetCatalog.DEFAULT_POOL));
    ecs.call("CreateCluster", new CreateClusterRequest("web", null, null, null, List.of("FARGATE", "FARGATE_SPOT"),
        null, null));
    node = ecs.registerInstance(ManagedCapacity.CLUSTER, 2048, 4096);
    ecs.registerTaskDefinition("{family: 'fg', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], "
        + "cpu: '1024', memory: '2048', containerDefinitions: [{name: 'app', image: 'busybox', "
        + "portMappings: [{containerPort: 80}]}]}");
    ecs.simpleDefinition("ec2only", 256, 512);
    ecs.registerTaskDefinition("{family: 'vpc', networkMode: 'awsvpc', "
        + "containerDefinitions: [{name: 'app', image: 'busybox', memory: 128}]}");
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  static Stream<Arguments> refusals() {
    return Stream.of(
        Arguments.of("{cluster: 'web', taskDefinition: 'ec2only', launchType: 'FARGATE', " + NET + "}",
            ErrorCode.INVALID_PARAMETER, "Task definition does not support launch_type FARGATE."),
        Arguments.of("{cluster: 'web', taskDefinition: 'vpc', launchType: 'FARGATE', " + NET + "}",
            ErrorCode.INVALID_PARAMETER, "Task definition does not support launch_type FARGATE."),
        Arguments.of("{cluster: 'web', taskDefinition: 'fg', launchType: 'FARGATE'}",
            ErrorCode.INVALID_PARAMETER, "Network Configuration must be provided when networkMode 'awsvpc' is specified."),
        Arguments.of("{cluster: 'web', taskDefinition: 'fg', launchType: 'FARGATE', "
            + "networkConfiguration: {awsvpcConfiguration: {subnets: []}}}",
            ErrorCode.INVALID_PARAMETER, "subnets can not be empty."),
        Arguments.of("{cluster: 'web', taskDefinition: 'fg', launchType: 'FARGATE', " + NET
            + ", placementStrategy: [{type: 'random'}]}",
            ErrorCode.INVALID_PARAMETER, FargateLaunchRules.NO_STRATEGIES),
        Arguments.of("{cluster: 'web', taskDefinition: 'fg', launchType: 'FARGATE', " + NET
            + ", placementConstraints: [{type: 'distinctInstance'}]}",
            ErrorCode.INVALID_PARAMETER, FargateLaunchRules.NO_CONSTRAINTS),
        Arguments.of("{cluster: 'web', taskDefinition: 'fg', launchType: 'FARGATE', " + NET
            + ", platformVersion: '9.9.9'}",
            ErrorCode.INVALID_PARAMETER, "The specified platform does not exist."),
        Arguments.of("{cluster: 'web', taskDefinition: 'ec2only', launchType: 'EC2', platformVersion: 'LATEST'}",
            ErrorCode.INVALID_PARAMETER, "The platform version must be null when specifying an EC2 launch type."),
        Arguments.of("{cluster: 'web', taskDefinition: 'fg', launchType: 'FARGATE', " + NET
            + ", capacityProviderStrategy: [{capacityProvider: 'FARGATE'}]}",
            ErrorCode.INVALID_PARAMETER, "Specifying both a launch type and capacity provider strategy is not "
                + "supported. Remove one and try again."),
        Arguments.of("{cluster: 'default', taskDefinition: 'fg', " + NET
            + ", capacityProviderStrategy: [{capacityProvider: 'FARGATE_SPOT'}]}",
            ErrorCode.INVALID_PARAMETER, "The specified capacity provider strategy cannot contain a capacity "
                + "provider that is not associated with the cluster. Associate the capacity provider with the "
                + "cluster or specify a valid capacity provider and try again."),
        Arguments.of("{cluster: '" + ManagedCapacity.CLUSTER + "', taskDefinition: 'ec2only'}",
            ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found."));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refusesWhatEcsRefuses(String request, ErrorCode code, String message) {
    ecs.createCluster("default");
    EcsException e = catchThrowableOfType(() -> ecs.run(request), EcsException.class);
    assertThat(e).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).isEqualTo(message);
  }

  @Test
  void theManagedClusterCannotBeCreatedAndIsNotListed() {
    EcsException e = catchThrowableOfType(() -> ecs.createCluster(ManagedCapacity.CLUSTER), EcsException.class);
    assertThat(e.getMessage()).isEqualTo("The cluster name gantry-fargate is reserved for Gantry's managed capacity.");
    io.gantry.api.ecs.cluster.ListClustersResponse listed = ecs.call("ListClusters",
        new io.gantry.api.ecs.cluster.ListClustersRequest(null, null));
    assertThat(listed.clusterArns()).containsExactly(TaskFixture.PREFIX + "cluster/web");
  }

  @Test
  void aFargateTaskRunsOnTheManagedNodeWithoutBeingItsClustersInstance() {
    TasksResponse r = ecs.run("{cluster: 'web', taskDefinition: 'fg', launchType: 'FARGATE', count: 2, " + NET + "}");
    assertThat(r.failures()).isEmpty();
    Task task = r.tasks().get(0);
    assertThat(task.containerInstanceArn()).isNull();
    assertThat(task.launchType()).isEqualTo("FARGATE");
    assertThat(task.capacityProviderName()).isEqualTo("FARGATE");
    assertThat(task.platformVersion()).isEqualTo("1.4.0");
    assertThat(task.platformFamily()).isEqualTo("Linux");
    assertThat(task.lastStatus()).isEqualTo("PROVISIONING");
    assertThat(task.ephemeralStorage().sizeInGiB()).isEqualTo(20);
    // Its awsvpc interface: an address of the managed node's zone's subnet, leased in the launch's commit.
    assertThat(task.attachments()).hasSize(1);
    assertThat(task.attachments().get(0).type()).isEqualTo("ElasticNetworkInterface");
    assertThat(task.attachments().get(0).details().toString()).contains("subnet-1").contains("10.209.1.");
    StoredTask stored = ecs.stored("web", task);
    assertThat(stored.containerInstanceId()).isNull();
    assertThat(stored.managedInstanceArn()).isEqualTo(node.containerInstanceArn());

    ListContainerInstancesResponse listed = ecs.call("ListContainerInstances",
        new ListContainerInstancesRequest("web", null, null, null, null));
    assertThat(listed.containerInstanceArns()).isEmpty();
    // The node is full (2 × 1024 CPU): a third task from another cluster does not fit.
    ecs.call("CreateCluster", new CreateClusterRequest("api", null, null, null, null, null, null));
    TasksResponse third = ecs.run("{cluster: 'api', taskDefinition: 'fg', launchType: 'FARGATE', " + NET + "}");
    assertThat(third.tasks()).isEmpty();
    assertThat(third.failures()).extracting(f -> f.reason()).containsExactly("RESOURCE:CPU");

    // The managed node's agent gets both and reports for them.
    List<TaskAssignment> assigned = ecs.state.assignments(SCOPE, ManagedCapacity.CLUSTER, node.id());
    assertThat(assigned).extracting(a -> a.task().taskArn())
        .containsExactlyInAnyOrderElementsOf(r.tasks().stream().map(Task::taskArn).toList());
    assertThat(ecs.state.apply(SCOPE, ManagedCapacity.CLUSTER, node.id(), report(task, "RUNNING", "RUNNING", null),
        TaskFixture.NOW)).map(Task::lastStatus).contains("RUNNING");
    assertThat(ecs.state.apply(SCOPE, "web", node.id(), report(task, "STOPPED", "STOPPED", 0), TaskFixture.NOW))
        .isEmpty(); // only the managed node's session speaks for it
  }

  @Test
  void noManagedCapacityIsExplained() {
    ecs.call("DeregisterContainerInstance", new io.gantry.api.ecs.instance.DeregisterContainerInstanceRequest(
        ManagedCapacity.CLUSTER, node.containerInstanceArn(), true));
    EcsException e = catchThrowableOfType(
        () -> ecs.run("{cluster: 'web', taskDefinition: 'fg', launchType: 'FARGATE', " + NET + "}"), EcsException.class);
    assertThat(e.getMessage()).isEqualTo(TaskLauncher.NO_MANAGED_CAPACITY);
  }

  @Test
  void aRegularTaskInterruptsASpotTaskAndWaitsForItToStop() {
    TasksResponse spot = ecs.run("{cluster: 'web', taskDefinition: 'fg', count: 2, " + NET
        + ", capacityProviderStrategy: [{capacityProvider: 'FARGATE_SPOT', weight: 1}]}");
    assertThat(spot.tasks()).hasSize(2).allMatch(t -> "FARGATE_SPOT".equals(t.capacityProviderName()));
    spot.tasks().forEach(t -> ecs.state.apply(SCOPE, ManagedCapacity.CLUSTER, node.id(),
        report(t, "RUNNING", "RUNNING", null), TaskFixture.NOW));

    TasksResponse regular = ecs.run("{cluster: 'web', taskDefinition: 'fg', launchType: 'FARGATE', " + NET + "}");
    assertThat(regular.failures()).isEmpty();
    Task waiting = regular.tasks().get(0);
    List<Task> victims = spot.tasks().stream().map(t -> ecs.describeOne("web", t.taskArn()))
        .filter(t -> "STOPPED".equals(t.desiredStatus())).toList();
    assertThat(victims).hasSize(1);
    Task victim = victims.get(0);
    assertThat(victim.stopCode()).isEqualTo("SpotInterruption");
    assertThat(victim.stoppedReason()).isEqualTo("Your Spot Task was interrupted.");
    // The waiting task is not sent to the agent yet; the victim is, with the Spot warning as its stop timeout.
    List<TaskAssignment> assigned = ecs.state.assignments(SCOPE, ManagedCapacity.CLUSTER, node.id());
    assertThat(assigned).extracting(a -> a.task().taskArn()).doesNotContain(waiting.taskArn());
    assertThat(assigned).filteredOn(a -> a.task().taskArn().equals(victim.taskArn()))
        .extracting(TaskAssignment::stopTimeoutSeconds).containsExactly(TaskStateService.DEFAULT_SPOT_WARNING_SECONDS);

    SpotWaitController waits = new SpotWaitController(ecs.store);
    assertThat(waits.sweep()).isZero();
    ecs.state.apply(SCOPE, ManagedCapacity.CLUSTER, node.id(), report(victim, "STOPPED", "STOPPED", 143),
        TaskFixture.NOW);
    assertThat(ecs.describeOne("web", victim.taskArn()).stopCode()).isEqualTo("SpotInterruption");
    assertThat(waits.sweep()).isEqualTo(1);
    ecs.placement.awaitCurrent();
    assertThat(ecs.state.assignments(SCOPE, ManagedCapacity.CLUSTER, node.id()))
        .extracting(a -> a.task().taskArn()).contains(waiting.taskArn());
    // Spot never interrupts Spot: the node is full again.
    TasksResponse more = ecs.run("{cluster: 'web', taskDefinition: 'fg', " + NET
        + ", capacityProviderStrategy: [{capacityProvider: 'FARGATE_SPOT', weight: 1}]}");
    assertThat(more.tasks()).isEmpty();
  }

  @Test
  void aWaitingTaskWhoseNodeStaysDisconnectedFailsToStartInsteadOfWaitingForever() {
    TasksResponse spot = ecs.run("{cluster: 'web', taskDefinition: 'fg', count: 2, " + NET
        + ", capacityProviderStrategy: [{capacityProvider: 'FARGATE_SPOT', weight: 1}]}");
    spot.tasks().forEach(t -> ecs.state.apply(SCOPE, ManagedCapacity.CLUSTER, node.id(),
        report(t, "RUNNING", "RUNNING", null), TaskFixture.NOW));
    Task waiting = ecs.run("{cluster: 'web', taskDefinition: 'fg', launchType: 'FARGATE', " + NET + "}")
        .tasks().get(0);
    java.util.concurrent.atomic.AtomicReference<java.time.Instant> now =
        new java.util.concurrent.atomic.AtomicReference<>(TaskFixture.NOW);
    java.time.Clock clock = new java.time.Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public java.time.Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        return now.get();
      }
    };
    SpotWaitController waits = new SpotWaitController(ecs.store, clock, java.time.Duration.ofSeconds(20));
    assertThat(waits.sweep()).isZero();
    // The node's agent goes away before the victim stopped: the victim cannot stop, nor the task start there.
    ecs.setAgentConnected(ManagedCapacity.CLUSTER, node.id(), false);
    assertThat(waits.sweep()).isZero();
    now.set(TaskFixture.NOW.plusSeconds(19));
    assertThat(waits.sweep()).isZero();
    assertThat(ecs.describeOne("web", waiting.taskArn()).lastStatus()).isEqualTo("PROVISIONING");
    now.set(TaskFixture.NOW.plusSeconds(20));
    waits.sweep();
    Task failed = ecs.describeOne("web", waiting.taskArn());
    assertThat(failed.lastStatus()).isEqualTo("STOPPED");
    assertThat(failed.stopCode()).isEqualTo("TaskFailedToStart");
    assertThat(failed.stoppedReason()).isEqualTo(SpotWaitController.CAPACITY_UNAVAILABLE);
    assertThat(ecs.kv.range(SpotInterruptions.WAIT_PREFIX)).isEmpty();
    // It holds nothing on the node any more.
    ecs.placement.awaitCurrent();
    assertThat(ecs.placement.managedLedger("us-east-1").hold(TaskRefs.idOf(waiting.taskArn()))).isEmpty();
  }

  @Test
  void aSplitOverFargateSpotAndFargateRunsEachPartOnManagedCapacityWithItsProvider() {
    ContainerInstance second = ecs.registerInstance(ManagedCapacity.CLUSTER, 2048, 4096);
    String request = "{cluster: 'web', taskDefinition: 'fg', count: 3, clientToken: 'split-1', " + NET
        + ", capacityProviderStrategy: [{capacityProvider: 'FARGATE_SPOT', weight: 1}, "
        + "{capacityProvider: 'FARGATE', base: 1}]}";
    TasksResponse r = ecs.run(request);

    assertThat(r.failures()).isEmpty();
    // base 1 on FARGATE, the rest by weight: FARGATE_SPOT's weight 1 against FARGATE's 0
    assertThat(r.tasks()).extracting(Task::capacityProviderName)
        .containsExactlyInAnyOrder("FARGATE", "FARGATE_SPOT", "FARGATE_SPOT");
    assertThat(r.tasks()).allSatisfy(t -> {
      assertThat(t.launchType()).isEqualTo("FARGATE");
      assertThat(t.containerInstanceArn()).isNull();
      assertThat(t.lastStatus()).isEqualTo("PROVISIONING");
      StoredTask stored = ecs.stored("web", t);
      assertThat(stored.containerInstanceId()).isNull();
      assertThat(stored.managedInstanceArn()).isIn(node.containerInstanceArn(), second.containerInstanceArn());
      assertThat(ecs.describeOne("web", t.taskArn()).capacityProviderName()).isEqualTo(t.capacityProviderName());
    });
    // the managed nodes' agents get the three tasks (none waits for a Spot victim: they all fit)
    List<String> assigned = Stream.concat(ecs.state.assignments(SCOPE, ManagedCapacity.CLUSTER, node.id()).stream(),
        ecs.state.assignments(SCOPE, ManagedCapacity.CLUSTER, second.id()).stream())
        .map(a -> a.task().taskArn()).toList();
    assertThat(assigned).containsExactlyInAnyOrderElementsOf(r.tasks().stream().map(Task::taskArn).toList());
    // a retry with the same client token answers with the same tasks and launches none
    TasksResponse retry = ecs.run(request);
    assertThat(retry.tasks()).extracting(Task::taskArn)
        .containsExactlyInAnyOrderElementsOf(r.tasks().stream().map(Task::taskArn).toList());
    io.gantry.api.ecs.task.ListTasksResponse listed = ecs.call("ListTasks",
        new io.gantry.api.ecs.task.ListTasksRequest("web", null, null, null, null, null, null, null, null, null));
    assertThat(listed.taskArns()).hasSize(3);
  }

  @Test
  void aSplitOverAnInstanceProviderAndFargatePlacesEachPartWhereItBelongs() {
    ecs.call("CreateCapacityProvider", TaskFixture.read("{name: 'pool', autoScalingGroupProvider: "
        + "{autoScalingGroupArn: 'g'}}", io.gantry.api.ecs.capacity.CreateCapacityProviderRequest.class));
    ecs.call("CreateCluster", new CreateClusterRequest("mixed", null, null, null, List.of("pool", "FARGATE"), null,
        null));
    ContainerInstance inPool = ecs.registerInstance("mixed", 4096, 8192, "pool");
    ecs.registerTaskDefinition("{family: 'both', networkMode: 'awsvpc', requiresCompatibilities: ['EC2', 'FARGATE'], "
        + "cpu: '256', memory: '512', containerDefinitions: [{name: 'app', image: 'busybox'}]}");

    TasksResponse r = ecs.run("{cluster: 'mixed', taskDefinition: 'both', count: 4, " + NET
        + ", capacityProviderStrategy: [{capacityProvider: 'pool', weight: 1}, {capacityProvider: 'FARGATE', "
        + "weight: 1}]}");

    assertThat(r.failures()).isEmpty();
    assertThat(r.tasks()).filteredOn(t -> "pool".equals(t.capacityProviderName())).hasSize(2).allSatisfy(t -> {
      assertThat(t.launchType()).isEqualTo("EC2");
      assertThat(t.containerInstanceArn()).isEqualTo(inPool.containerInstanceArn());
    });
    assertThat(r.tasks()).filteredOn(t -> "FARGATE".equals(t.capacityProviderName())).hasSize(2).allSatisfy(t -> {
      assertThat(t.launchType()).isEqualTo("FARGATE");
      assertThat(t.containerInstanceArn()).isNull();
      assertThat(ecs.stored("mixed", t).managedInstanceArn()).isEqualTo(node.containerInstanceArn());
    });
  }
}
