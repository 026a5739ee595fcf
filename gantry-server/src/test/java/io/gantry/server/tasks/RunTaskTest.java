package io.gantry.server.tasks;

import static io.gantry.server.tasks.TaskFixture.NOW;
import static io.gantry.server.tasks.TaskFixture.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gantry.api.ecs.tags.TagResourceRequest;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Tag;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Container;
import io.gantry.model.task.ContainerOverride;
import io.gantry.model.task.Task;
import io.gantry.model.taskdef.TaskDefinition;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTaskTest {
  @TempDir Path dir;
  private TaskFixture ecs;
  private ContainerInstance instance;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir);
    ecs.createCluster("default");
    instance = ecs.registerInstance("default", 2048, 4096);
    ecs.simpleDefinition("sleep", 256, 512);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  @Test
  void runTaskPlacesPendingTasksAndReservesTheirResources() {
    TasksResponse r = ecs.run("{taskDefinition: 'sleep', count: 2, startedBy: 'me', tags: [{key: 'team', value: 'a'}]}");

    assertThat(r.failures()).isEmpty();
    assertThat(r.tasks()).hasSize(2);
    Task task = r.tasks().get(0);
    assertThat(task.taskArn()).matches(PREFIX.replace(".", "\\.") + "task/default/[0-9a-f]{32}");
    assertThat(task.clusterArn()).isEqualTo(PREFIX + "cluster/default");
    assertThat(task.taskDefinitionArn()).isEqualTo(PREFIX + "task-definition/sleep:1");
    assertThat(task.containerInstanceArn()).isEqualTo(instance.containerInstanceArn());
    assertThat(task.lastStatus()).isEqualTo("PENDING");
    assertThat(task.desiredStatus()).isEqualTo("RUNNING");
    assertThat(task.launchType()).isEqualTo("EC2");
    assertThat(task.group()).isEqualTo("family:sleep");
    assertThat(task.startedBy()).isEqualTo("me");
    assertThat(task.version()).isEqualTo(1L);
    assertThat(task.createdAt()).isEqualTo(NOW);
    assertThat(task.healthStatus()).isEqualTo("UNKNOWN");
    assertThat(task.enableExecuteCommand()).isFalse();
    assertThat(task.availabilityZone()).isEqualTo("zone-a");
    assertThat(task.attributes()).extracting(a -> a.name() + "=" + a.value()).containsExactly("ecs.cpu-architecture=x86_64");
    assertThat(task.tags()).containsExactly(new Tag("team", "a"));
    assertThat(task.overrides().containerOverrides()).extracting(ContainerOverride::name).containsExactly("app");
    Container container = task.containers().get(0);
    assertThat(container.containerArn()).matches(PREFIX.replace(".", "\\.")
        + "container/default/[0-9a-f]{32}/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    assertThat(container.taskArn()).isEqualTo(task.taskArn());
    assertThat(container.lastStatus()).isEqualTo("PENDING");
    assertThat(container.image()).isEqualTo("busybox");
    assertThat(container.cpu()).isEqualTo("256");
    assertThat(container.memory()).isEqualTo("512");

    ContainerInstance after = ecs.instance("default", instance.id());
    assertThat(TaskFixture.amount(after, "CPU")).isEqualTo(2048 - 2 * 256);
    assertThat(TaskFixture.amount(after, "MEMORY")).isEqualTo(4096 - 2 * 512);
    assertThat(after.pendingTasksCount()).isEqualTo(2);
    assertThat(after.runningTasksCount()).isZero();
    assertThat(ecs.stored("default", task).containerInstanceId()).isEqualTo(instance.id());
  }

  @Test
  void overridesChangeWhatTheTaskTakesAndAreShownOnTheTask() {
    Task task = ecs.run("{taskDefinition: 'sleep', overrides: {containerOverrides: [{name: 'app', cpu: 1000, "
        + "memoryReservation: 100, command: ['echo', 'hi'], environment: [{name: 'A', value: 'b'}]}]}}").tasks().get(0);

    ContainerOverride o = task.overrides().containerOverrides().get(0);
    assertThat(o.command()).containsExactly("echo", "hi");
    assertThat(task.containers().get(0).cpu()).isEqualTo("1000");
    assertThat(task.containers().get(0).memoryReservation()).isEqualTo("100");
    ContainerInstance after = ecs.instance("default", instance.id());
    assertThat(TaskFixture.amount(after, "CPU")).isEqualTo(2048 - 1000);
    assertThat(TaskFixture.amount(after, "MEMORY")).isEqualTo(4096 - 100);
  }

  @Test
  void taskLevelSizeOverrideIsWhatTheTaskReserves() {
    Task task = ecs.run("{taskDefinition: 'sleep', overrides: {cpu: '1 vCPU', memory: '1 GB'}}").tasks().get(0);

    assertThat(task.cpu()).isEqualTo("1024");
    assertThat(task.memory()).isEqualTo("1024");
    ContainerInstance after = ecs.instance("default", instance.id());
    assertThat(TaskFixture.amount(after, "CPU")).isEqualTo(2048 - 1024);
    assertThat(TaskFixture.amount(after, "MEMORY")).isEqualTo(4096 - 1024);
  }

  @Test
  void propagatedAndManagedTagsJoinTheRequestTags() {
    TaskDefinition td = ecs.registerTaskDefinition("{family: 'tagged', containerDefinitions: [{name: 'app', "
        + "image: 'busybox', memory: 64}], tags: [{key: 'owner', value: 'td'}, {key: 'team', value: 'td'}]}");
    Task task = ecs.run("{taskDefinition: '" + td.taskDefinitionArn() + "', propagateTags: 'TASK_DEFINITION', "
        + "enableECSManagedTags: true, tags: [{key: 'team', value: 'req'}]}").tasks().get(0);

    assertThat(task.tags()).containsExactly(new Tag("owner", "td"), new Tag("team", "req"),
        new Tag("aws:ecs:clusterName", "default"));
    assertThat(ecs.describe("default", List.of(task.taskArn()), List.of("TAGS")).tasks().get(0).tags())
        .isEqualTo(task.tags());
  }

  @Test
  void groupEnableExecuteCommandAndExternalLaunchTypeAreKept() {
    Task task = ecs.run("{taskDefinition: 'sleep:1', group: 'batch', enableExecuteCommand: true, "
        + "launchType: 'EXTERNAL'}").tasks().get(0);

    assertThat(task.group()).isEqualTo("batch");
    assertThat(task.enableExecuteCommand()).isTrue();
    assertThat(task.launchType()).isEqualTo("EXTERNAL");
  }

  @Test
  void referenceIdAndPlacementChoicesAreStoredBesideTheTask() {
    Task task = ecs.run("{taskDefinition: 'sleep', referenceId: 'ref-1', placementConstraints: [{type: 'memberOf', "
        + "expression: 'attribute:ecs.os-type == linux'}], placementStrategy: [{type: 'binpack', field: 'memory'}]}")
        .tasks().get(0);

    StoredTask stored = ecs.stored("default", task);
    assertThat(stored.referenceId()).isEqualTo("ref-1");
    assertThat(stored.placementConstraints()).hasSize(1);
    assertThat(stored.placementStrategy()).hasSize(1);
  }

  @Test
  void refusesWhatEcsRefuses() {
    expect(ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.", () -> ecs.run("{cluster: 'nope', taskDefinition: 'sleep'}"));
    expect(ErrorCode.CLIENT, "TaskDefinition not found.", () -> ecs.run("{taskDefinition: 'missing'}"));
    expect(ErrorCode.INVALID_PARAMETER, "Count must be between 1 and 10.",
        () -> ecs.run("{taskDefinition: 'sleep', count: 11}"));
    expect(ErrorCode.INVALID_PARAMETER, "Count must be between 1 and 10.",
        () -> ecs.run("{taskDefinition: 'sleep', count: 0}"));
    expect(ErrorCode.INVALID_PARAMETER, "Task definition does not support launch_type FARGATE.",
        () -> ecs.run("{taskDefinition: 'sleep', launchType: 'FARGATE'}"));
    expect(ErrorCode.INVALID_PARAMETER,
        "Override for container named web is not a container in the TaskDefinition.",
        () -> ecs.run("{taskDefinition: 'sleep', overrides: {containerOverrides: [{name: 'web', cpu: 1}]}}"));
    expect(ErrorCode.INVALID_PARAMETER, "Specifying both a launch type and capacity provider strategy is not "
        + "supported. Remove one and try again.", () -> ecs.run("{taskDefinition: 'sleep', launchType: 'EC2', "
        + "capacityProviderStrategy: [{capacityProvider: 'x'}]}"));
    expect(ErrorCode.INVALID_PARAMETER, io.gantry.server.clusters.ClusterRules.NOT_ASSOCIATED,
        () -> ecs.run("{taskDefinition: 'sleep', capacityProviderStrategy: [{capacityProvider: 'x'}]}"));
    expect(ErrorCode.INVALID_PARAMETER, "Network Configuration is not valid for the given networkMode of this task "
        + "definition.", () -> ecs.run("{taskDefinition: 'sleep', networkConfiguration: {awsvpcConfiguration: "
        + "{subnets: ['s']}}}"));
  }

  @Test
  void anInactiveRevisionCannotRun() {
    ecs.call("DeregisterTaskDefinition", new io.gantry.api.ecs.taskdef.DeregisterTaskDefinitionRequest("sleep:1"));

    expect(ErrorCode.INVALID_PARAMETER, "TaskDefinition is inactive", () -> ecs.run("{taskDefinition: 'sleep:1'}"));
    expect(ErrorCode.CLIENT, "TaskDefinition not found.", () -> ecs.run("{taskDefinition: 'sleep'}"));
  }

  @Test
  void aClusterWithoutInstancesIsAnInvalidParameter() {
    ecs.createCluster("empty");

    expect(ErrorCode.INVALID_PARAMETER, "No Container Instances were found in your cluster.",
        () -> ecs.run("{cluster: 'empty', taskDefinition: 'sleep'}"));
  }

  @Test
  void tagsAddedLaterShowInDescribe() {
    Task task = ecs.run("{taskDefinition: 'sleep'}").tasks().get(0);

    ecs.call("TagResource", new TagResourceRequest(task.taskArn(), List.of(new Tag("k", "v"))));

    assertThat(ecs.describe("default", List.of(task.taskArn()), List.of("TAGS")).tasks().get(0).tags())
        .containsExactly(new Tag("k", "v"));
  }

  static void expect(ErrorCode code, String message, ThrowingCallable call) {
    EcsException e = catchThrowableOfType(call, EcsException.class);
    assertThat(e).as(message).isNotNull();
    assertThat(e.code()).isEqualTo(code);
    assertThat(e.getMessage()).isEqualTo(message);
  }
}
