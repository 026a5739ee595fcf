package io.gantry.server.tasks;

import static io.gantry.server.tasks.RunTaskTest.expect;
import static io.gantry.server.tasks.TaskFixture.PREFIX;
import static io.gantry.server.tasks.TaskFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.capacity.CapacityProviderResponse;
import io.gantry.api.ecs.capacity.CreateCapacityProviderRequest;
import io.gantry.api.ecs.capacity.DeleteCapacityProviderRequest;
import io.gantry.api.ecs.capacity.DescribeCapacityProvidersRequest;
import io.gantry.api.ecs.capacity.DescribeCapacityProvidersResponse;
import io.gantry.api.ecs.capacity.UpdateCapacityProviderRequest;
import io.gantry.api.ecs.cluster.ClusterResponse;
import io.gantry.api.ecs.cluster.CreateClusterRequest;
import io.gantry.api.ecs.cluster.DescribeClustersRequest;
import io.gantry.api.ecs.cluster.DescribeClustersResponse;
import io.gantry.api.ecs.cluster.PutClusterCapacityProvidersRequest;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.ErrorCode;
import io.gantry.model.capacity.CapacityProvider;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity-provider API, cluster associations, and RunTask split over providers' instances. */
class CapacityProviderTest {
  @TempDir
  Path dir;
  TaskFixture ecs;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  private CapacityProvider create(String json) {
    CapacityProviderResponse r = ecs.call("CreateCapacityProvider", read(json, CreateCapacityProviderRequest.class));
    return r.capacityProvider();
  }

  private DescribeCapacityProvidersResponse describe(String json) {
    return ecs.call("DescribeCapacityProviders", read(json, DescribeCapacityProvidersRequest.class));
  }

  private ClusterResponse put(String cluster, List<String> providers, List<CapacityProviderStrategyItem> strategy) {
    return ecs.call("PutClusterCapacityProviders", new PutClusterCapacityProvidersRequest(cluster, providers, strategy));
  }

  private static CapacityProviderStrategyItem item(String name, Integer weight, Integer base) {
    return new CapacityProviderStrategyItem(name, weight, base);
  }

  @Test
  void createFillsInEcsDefaultsAndDescribeShowsBuiltInsAndTags() {
    CapacityProvider cp = create("{name: 'spot', autoScalingGroupProvider: {autoScalingGroupArn: 'group-a'}, "
        + "tags: [{key: 'team', value: 'x'}]}");
    assertThat(cp.capacityProviderArn()).isEqualTo(PREFIX + "capacity-provider/spot");
    assertThat(cp.status()).isEqualTo("ACTIVE");
    assertThat(cp.type()).isEqualTo("EC2_AUTOSCALING");
    var group = cp.autoScalingGroupProvider();
    assertThat(group.autoScalingGroupArn()).isEqualTo("group-a");
    assertThat(group.managedScaling()).isEqualTo(new io.gantry.model.capacity.ManagedScaling("DISABLED", 100, 1, 10000,
        300));
    assertThat(group.managedTerminationProtection()).isEqualTo("DISABLED");
    assertThat(group.managedDraining()).isEqualTo("ENABLED");

    DescribeCapacityProvidersResponse all = describe("{include: ['TAGS']}");
    assertThat(all.capacityProviders()).extracting(CapacityProvider::name).containsExactly("FARGATE", "FARGATE_SPOT",
        "spot");
    assertThat(all.capacityProviders().get(2).tags()).extracting(t -> t.key() + "=" + t.value()).containsExactly("team=x");
    DescribeCapacityProvidersResponse some = describe("{capacityProviders: ['" + PREFIX + "capacity-provider/spot', "
        + "'nope']}");
    assertThat(some.capacityProviders()).extracting(CapacityProvider::name).containsExactly("spot");
    assertThat(some.capacityProviders().get(0).tags()).isNull();
    assertThat(some.failures()).extracting(f -> f.arn() + " " + f.reason())
        .containsExactly(PREFIX + "capacity-provider/nope MISSING");
    DescribeCapacityProvidersResponse first = describe("{maxResults: 2}");
    assertThat(first.capacityProviders()).extracting(CapacityProvider::name).containsExactly("FARGATE", "FARGATE_SPOT");
    DescribeCapacityProvidersResponse second = describe("{maxResults: 2, nextToken: '" + first.nextToken() + "'}");
    assertThat(second.capacityProviders()).extracting(CapacityProvider::name).containsExactly("spot");
    assertThat(second.nextToken()).isNull();
  }

  @Test
  void createRefusesBadNamesDuplicatesAndInconsistentSettings() {
    String group = ", autoScalingGroupProvider: {autoScalingGroupArn: 'g'}}";
    expect(ErrorCode.CLIENT, "The capacity provider name cannot begin with \"aws\", \"ecs\", or \"fargate\". Specify a "
        + "different name and try again.", () -> create("{name: 'ECS-pool'" + group));
    expect(ErrorCode.INVALID_PARAMETER, "The capacity provider name can have up to 255 characters, consisting of "
        + "letters (uppercase and lowercase), numbers, hyphens and underscores.", () -> create("{name: 'a b'" + group));
    expect(ErrorCode.INVALID_PARAMETER, "The targetCapacity must be between 1 and 100.", () -> create(
        "{name: 'p', autoScalingGroupProvider: {autoScalingGroupArn: 'g', managedScaling: {targetCapacity: 0}}}"));
    expect(ErrorCode.CLIENT, "The managed termination protection setting for the capacity provider is invalid. To "
        + "enable managed termination protection for a capacity provider, managed scaling must also be enabled.",
        () -> create("{name: 'p', autoScalingGroupProvider: {autoScalingGroupArn: 'g', "
            + "managedTerminationProtection: 'ENABLED'}}"));
    create("{name: 'p'" + group);
    expect(ErrorCode.CLIENT, CapacityProviderHandlerWords.EXISTS, () -> create("{name: 'p'" + group));
    expect(ErrorCode.CLIENT, "The specified Auto Scaling group is already in use by the capacity provider p.",
        () -> create("{name: 'q'" + group));
  }

  @Test
  void updateChangesScalingAndDeleteIsRefusedWhileAssociated() {
    create("{name: 'pool', autoScalingGroupProvider: {autoScalingGroupArn: 'g'}}");
    CapacityProviderResponse updated = ecs.call("UpdateCapacityProvider", read("{name: 'pool', "
        + "autoScalingGroupProvider: {managedScaling: {status: 'ENABLED', targetCapacity: 80}, "
        + "managedTerminationProtection: 'ENABLED'}}", UpdateCapacityProviderRequest.class));
    assertThat(updated.capacityProvider().updateStatus()).isEqualTo("UPDATE_COMPLETE");
    assertThat(updated.capacityProvider().autoScalingGroupProvider().managedScaling().targetCapacity()).isEqualTo(80);
    assertThat(updated.capacityProvider().autoScalingGroupProvider().managedScaling().maximumScalingStepSize())
        .isEqualTo(10000);

    ecs.createCluster("c");
    put("c", List.of("pool", "FARGATE"), List.of(item("pool", 1, null)));
    expect(ErrorCode.CLIENT, "The specified capacity provider is in use and cannot be removed.",
        () -> ecs.call("DeleteCapacityProvider", new DeleteCapacityProviderRequest("pool", null)));
    put("c", List.of(), List.of());
    CapacityProviderResponse deleted = ecs.call("DeleteCapacityProvider", new DeleteCapacityProviderRequest(
        PREFIX + "capacity-provider/pool", null));
    assertThat(deleted.capacityProvider().status()).isEqualTo("ACTIVE");
    assertThat(deleted.capacityProvider().updateStatus()).isEqualTo("DELETE_IN_PROGRESS");
    assertThat(describe("{capacityProviders: ['pool']}").capacityProviders()).extracting(
        p -> p.status() + "/" + p.updateStatus()).containsExactly("INACTIVE/DELETE_COMPLETE");
    assertThat(describe("{}").capacityProviders()).extracting(CapacityProvider::name)
        .containsExactly("FARGATE", "FARGATE_SPOT");
    expect(ErrorCode.INVALID_PARAMETER, "The specified capacity provider 'pool' does not exist. Specify a valid name "
        + "or ARN and try again.", () -> put("c", List.of("pool"), List.of()));
    create("{name: 'pool', autoScalingGroupProvider: {autoScalingGroupArn: 'g'}}"); // the name is free again
  }

  @Test
  void describeClustersWithAttachmentsShowsAScalingPolicyPerManagedScalingProvider() {
    create("{name: 'scaled', autoScalingGroupProvider: {autoScalingGroupArn: 'g1', managedScaling: {status: 'ENABLED'}}}");
    create("{name: 'manual', autoScalingGroupProvider: {autoScalingGroupArn: 'g2', managedScaling: {status: 'DISABLED'}}}");
    ecs.call("CreateCluster", new CreateClusterRequest("c", null, null, null,
        List.of("scaled", "manual", "FARGATE"), List.of(item("FARGATE", 1, null)), null));
    DescribeClustersResponse plain = ecs.call("DescribeClusters", new DescribeClustersRequest(List.of("c"), null));
    assertThat(plain.clusters().get(0).attachments()).isNull();
    assertThat(plain.clusters().get(0).capacityProviders()).containsExactly("scaled", "manual", "FARGATE");
    assertThat(plain.clusters().get(0).defaultCapacityProviderStrategy()).containsExactly(item("FARGATE", 1, null));

    DescribeClustersResponse described = ecs.call("DescribeClusters",
        new DescribeClustersRequest(List.of("c"), List.of("ATTACHMENTS")));
    var cluster = described.clusters().get(0);
    assertThat(cluster.attachmentsStatus()).isEqualTo("UPDATE_COMPLETE");
    assertThat(cluster.attachments()).singleElement().satisfies(a -> {
      assertThat(a.type()).isEqualTo("as_policy");
      assertThat(a.status()).isEqualTo("CREATED");
      assertThat(a.id()).matches("[0-9a-f-]{36}");
      assertThat(a.details()).extracting(io.gantry.model.KeyValuePair::name)
          .containsExactly("capacityProviderName", "scalingPolicyName");
      assertThat(a.details().get(0).value()).isEqualTo("scaled");
      assertThat(a.details().get(1).value()).startsWith("ECSManagedAutoScalingPolicy-");
    });
    DescribeClustersResponse again = ecs.call("DescribeClusters",
        new DescribeClustersRequest(List.of("c"), List.of("ATTACHMENTS")));
    assertThat(again.clusters().get(0).attachments()).isEqualTo(cluster.attachments());
  }

  @Test
  void clustersTakeOnlyExistingProvidersAndShowThem() {
    create("{name: 'pool', autoScalingGroupProvider: {autoScalingGroupArn: 'g'}}");
    ClusterResponse created = ecs.call("CreateCluster", new CreateClusterRequest("c", null, null, null,
        List.of("pool", "FARGATE_SPOT"), List.of(item("pool", 1, 1)), null));
    assertThat(created.cluster().capacityProviders()).containsExactly("pool", "FARGATE_SPOT");
    DescribeClustersResponse described = ecs.call("DescribeClusters", new DescribeClustersRequest(List.of("c"), null));
    assertThat(described.clusters().get(0).defaultCapacityProviderStrategy()).containsExactly(item("pool", 1, 1));
    expect(ErrorCode.INVALID_PARAMETER, "The specified capacity provider 'other' does not exist. Specify a valid "
        + "name or ARN and try again.", () -> put("c", List.of("other"), List.of()));
    expect(ErrorCode.INVALID_PARAMETER, ClusterRulesWords.NOT_ASSOCIATED,
        () -> put("c", List.of("pool"), List.of(item("FARGATE", 1, null))));
    expect(ErrorCode.INVALID_PARAMETER,
        "At least one capacity provider in a capacity provider strategy must have a weight greater than zero.",
        () -> put("c", List.of("pool", "FARGATE"), List.of(item("pool", 0, null), item("FARGATE", 0, null))));
  }

  @Test
  void runTaskSplitsOverProvidersBaseFirstThenByWeightOnTheirOwnInstances() {
    create("{name: 'ondemand', autoScalingGroupProvider: {autoScalingGroupArn: 'g1'}}");
    create("{name: 'spot', autoScalingGroupProvider: {autoScalingGroupArn: 'g2'}}");
    ecs.createCluster("c");
    put("c", List.of("ondemand", "spot"), List.of());
    ContainerInstance onDemand = ecs.registerInstance("c", 4096, 8192, "ondemand");
    ContainerInstance spot = ecs.registerInstance("c", 4096, 8192, "spot");
    ecs.registerInstance("c", 4096, 8192); // in no provider: never used by a strategy
    assertThat(onDemand.capacityProviderName()).isEqualTo("ondemand");
    ecs.simpleDefinition("sleep", 128, 128);

    TasksResponse r = ecs.run("{cluster: 'c', taskDefinition: 'sleep', count: 10, capacityProviderStrategy: ["
        + "{capacityProvider: 'ondemand', base: 2, weight: 1}, {capacityProvider: 'spot', weight: 3}]}");
    assertThat(r.failures()).isEmpty();
    Map<String, Long> byProvider = r.tasks().stream().collect(Collectors.groupingBy(Task::capacityProviderName,
        Collectors.counting()));
    assertThat(byProvider).containsExactlyInAnyOrderEntriesOf(Map.of("ondemand", 4L, "spot", 6L));
    for (Task t : r.tasks()) {
      String expected = t.capacityProviderName().equals("ondemand") ? onDemand.containerInstanceArn()
          : spot.containerInstanceArn();
      assertThat(t.containerInstanceArn()).isEqualTo(expected);
      assertThat(t.launchType()).isEqualTo("EC2");
    }
  }

  @Test
  void runTaskUsesTheClusterDefaultStrategyOnlyWithoutLaunchType() {
    create("{name: 'pool', autoScalingGroupProvider: {autoScalingGroupArn: 'g'}}");
    ecs.createCluster("c");
    put("c", List.of("pool"), List.of(item("pool", 1, null)));
    ContainerInstance inPool = ecs.registerInstance("c", 4096, 8192, "pool");
    ContainerInstance plain = ecs.registerInstance("c", 4096, 8192);
    ecs.simpleDefinition("sleep", 128, 128);

    TasksResponse byDefault = ecs.run("{cluster: 'c', taskDefinition: 'sleep', count: 3}");
    assertThat(byDefault.tasks()).allSatisfy(t -> {
      assertThat(t.capacityProviderName()).isEqualTo("pool");
      assertThat(t.containerInstanceArn()).isEqualTo(inPool.containerInstanceArn());
    });
    TasksResponse byType = ecs.run("{cluster: 'c', taskDefinition: 'sleep', count: 1, launchType: 'EC2', "
        + "placementConstraints: [{type: 'memberOf', expression: 'ec2InstanceId == " + plain.ec2InstanceId() + "'}]}");
    assertThat(byType.tasks()).singleElement().satisfies(t -> {
      assertThat(t.capacityProviderName()).isNull();
      assertThat(t.containerInstanceArn()).isEqualTo(plain.containerInstanceArn());
    });
  }

  @Test
  void runTaskRefusesUnassociatedProvidersAndFargatePartsTheDefinitionCannotRun() {
    create("{name: 'pool', autoScalingGroupProvider: {autoScalingGroupArn: 'g'}}");
    ecs.createCluster("c");
    put("c", List.of("pool", "FARGATE"), List.of());
    ecs.registerInstance("c", 4096, 8192, "pool");
    ecs.simpleDefinition("sleep", 128, 128);
    expect(ErrorCode.INVALID_PARAMETER, ClusterRulesWords.NOT_ASSOCIATED, () -> ecs.run("{cluster: 'c', "
        + "taskDefinition: 'sleep', capacityProviderStrategy: [{capacityProvider: 'FARGATE_SPOT', weight: 1}]}"));
    expect(ErrorCode.INVALID_PARAMETER, "Only one capacity provider in a capacity provider strategy can have a base.",
        () -> ecs.run("{cluster: 'c', taskDefinition: 'sleep', capacityProviderStrategy: [{capacityProvider: 'pool', "
            + "base: 1, weight: 1}, {capacityProvider: 'FARGATE', base: 1}]}"));
    // the FARGATE part is checked before the pool part is placed: nothing runs
    expect(ErrorCode.INVALID_PARAMETER, "Task definition does not support launch_type FARGATE.", () -> ecs.run(
        "{cluster: 'c', taskDefinition: 'sleep', count: 2, capacityProviderStrategy: [{capacityProvider: 'pool', "
        + "weight: 1}, {capacityProvider: 'FARGATE', weight: 1}]}"));
    // a FARGATE item that gets no task does not stop the launch
    TasksResponse r = ecs.run("{cluster: 'c', taskDefinition: 'sleep', count: 2, capacityProviderStrategy: ["
        + "{capacityProvider: 'pool', weight: 1}, {capacityProvider: 'FARGATE', weight: 0}]}");
    assertThat(r.tasks()).extracting(Task::capacityProviderName).containsExactly("pool", "pool");
    io.gantry.api.ecs.task.ListTasksResponse listed = ecs.call("ListTasks",
        new io.gantry.api.ecs.task.ListTasksRequest("c", null, null, null, null, null, null, null, null, null));
    assertThat(listed.taskArns()).hasSize(2);
  }

  @Test
  void aProviderWithoutInstancesIsAFailure() {
    create("{name: 'empty', autoScalingGroupProvider: {autoScalingGroupArn: 'g'}}");
    ecs.createCluster("c");
    put("c", List.of("empty"), List.of());
    ecs.registerInstance("c", 4096, 8192);
    ecs.simpleDefinition("sleep", 128, 128);
    TasksResponse r = ecs.run("{cluster: 'c', taskDefinition: 'sleep', capacityProviderStrategy: ["
        + "{capacityProvider: 'empty', weight: 1}]}");
    assertThat(r.tasks()).isEmpty();
    assertThat(r.failures()).extracting(f -> f.arn() + " " + f.reason()).containsExactly(
        PREFIX + "capacity-provider/empty No Container Instances were found in your capacity provider.");
  }

  @Test
  void registrationIntoAMissingProviderIsRefused() {
    ecs.createCluster("c");
    expect(ErrorCode.CLIENT, "The capacity provider ghost does not exist or is not ACTIVE. Create it with "
        + "CreateCapacityProvider before agents join it.", () -> ecs.registerInstance("c", 1024, 1024, "ghost"));
  }

  /** Words the tests compare with, from the classes that own them. */
  private static final class CapacityProviderHandlerWords {
    static final String EXISTS = "The specified capacity provider already exists. To change the configuration of an "
        + "existing capacity provider, update the capacity provider.";
  }

  private static final class ClusterRulesWords {
    static final String NOT_ASSOCIATED = io.gantry.server.clusters.ClusterRules.NOT_ASSOCIATED;
  }

  @SuppressWarnings("unused")
  private static <T> Map<String, T> byName(List<T> list, Function<T, String> name) {
    return list.stream().collect(Collectors.toMap(name, t -> t));
  }
}
