package io.gantry.server.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.agent.TaskAssignment;
import io.gantry.api.agent.TaskNetwork;
import io.gantry.api.ecs.task.StartTaskRequest;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.EcsException;
import io.gantry.model.KeyValuePair;
import io.gantry.model.cluster.Attachment;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.server.network.AddressAllocator;
import io.gantry.server.network.Ipv4Cidr;
import io.gantry.server.network.SubnetCatalog;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RunTask and StartTask of awsvpc task definitions: checks, addresses, attachments, zones, release. */
class AwsVpcRunTaskTest {
  static final String TINY = "subnet-0a1b2c3d4e5f60718";
  static final String OTHER_ZONE = "subnet-0b1b2c3d4e5f60718";
  @TempDir Path dir;
  private TaskFixture ecs;
  private ContainerInstance instance;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir, new SubnetCatalog(SubnetCatalog.parseList(
        TINY + "=10.203.7.0/29@zone-a," + OTHER_ZONE + "=10.203.8.0/24@zone-b"), SubnetCatalog.DEFAULT_POOL));
    ecs.createCluster("default");
    instance = ecs.registerInstance("default", 8192, 16384);
    ecs.registerTaskDefinition("{family: 'vpc', networkMode: 'awsvpc', containerDefinitions: [{name: 'web', "
        + "image: 'busybox', memory: 32, portMappings: [{containerPort: 80}]}, {name: 'side', image: 'busybox', "
        + "memory: 32}]}");
    ecs.simpleDefinition("plain", 10, 10);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  private static String run(String subnets, int count) {
    return "{taskDefinition: 'vpc', count: " + count + ", networkConfiguration: {awsvpcConfiguration: {subnets: ["
        + subnets + "], securityGroups: ['sg-12345678']}}}";
  }

  @Test
  void networkConfigurationIsCheckedAsEcsChecksIt() {
    assertThatThrownBy(() -> ecs.run("{taskDefinition: 'vpc'}")).isInstanceOf(EcsException.class)
        .hasMessage("Network Configuration must be provided when networkMode 'awsvpc' is specified.");
    assertThatThrownBy(() -> ecs.run("{taskDefinition: 'plain', networkConfiguration: {awsvpcConfiguration: "
        + "{subnets: ['" + TINY + "']}}}"))
        .hasMessage("Network Configuration is not valid for the given networkMode of this task definition.");
    assertThatThrownBy(() -> ecs.run(run("", 1))).hasMessage("subnets can not be empty.");
    assertThatThrownBy(() -> ecs.run(run("'subnet-0123456789abcdef0'", 1))).hasMessageStartingWith(
        "Error retrieving subnet information for [subnet-0123456789abcdef0]: The subnet ID 'subnet-0123456789abcdef0'"
            + " does not exist (ErrorCode: InvalidSubnetID.NotFound). Subnets of cluster default: " + TINY
            + " (10.203.7.0/29, zone-a), " + OTHER_ZONE + " (10.203.8.0/24, zone-b), subnet-");
    String seventeen = String.join(",", java.util.Collections.nCopies(17, "'" + TINY + "'"));
    assertThatThrownBy(() -> ecs.run(run(seventeen, 1))).hasMessage("subnets can have at most 16 items.");
    assertThatThrownBy(() -> ecs.run("{taskDefinition: 'vpc', networkConfiguration: {awsvpcConfiguration: {subnets: ['"
        + TINY + "'], securityGroups: ['a', 'b', 'c', 'd', 'e', 'f']}}}"))
        .hasMessage("securityGroups can have at most 5 items.");
    assertThatThrownBy(() -> ecs.run("{taskDefinition: 'vpc', networkConfiguration: {awsvpcConfiguration: {subnets: ['"
        + TINY + "'], assignPublicIp: 'ENABLED'}}}"))
        .hasMessage("Assign public IP is not supported for this launch type.");
    assertThatThrownBy(() -> ecs.run("{taskDefinition: 'vpc', networkConfiguration: {awsvpcConfiguration: {subnets: ['"
        + TINY + "'], assignPublicIp: 'MAYBE'}}}")).hasMessageContaining("Invalid value 'MAYBE'");
  }

  @Test
  void aTaskGetsAnAddressOfItsSubnetShownAsAnEniAttachment() {
    Task task = ecs.run(run("'" + TINY + "'", 1)).tasks().get(0);

    Attachment eni = task.attachments().get(0);
    assertThat(eni.type()).isEqualTo("ElasticNetworkInterface");
    assertThat(eni.status()).isEqualTo("PRECREATED");
    Map<String, String> details = eni.details().stream().collect(Collectors.toMap(KeyValuePair::name,
        KeyValuePair::value));
    assertThat(details).containsOnlyKeys("subnetId", "networkInterfaceId", "macAddress", "privateDnsName",
        "privateIPv4Address");
    String ip = details.get("privateIPv4Address");
    assertThat(details.get("subnetId")).isEqualTo(TINY);
    assertThat(details.get("networkInterfaceId")).matches("eni-[0-9a-f]{17}");
    assertThat(details.get("macAddress")).matches("0a:58(:[0-9a-f]{2}){4}");
    assertThat(details.get("privateDnsName")).isEqualTo("ip-" + ip.replace('.', '-') + ".ec2.internal");
    assertThat(Ipv4Cidr.address(ip)).isBetween(Ipv4Cidr.address("10.203.7.2"), Ipv4Cidr.address("10.203.7.6"));
    assertThat(task.containers()).allSatisfy(c -> {
      assertThat(c.networkInterfaces()).hasSize(1);
      assertThat(c.networkInterfaces().get(0).attachmentId()).isEqualTo(eni.id());
      assertThat(c.networkInterfaces().get(0).privateIpv4Address()).isEqualTo(ip);
    });
    assertThat(ecs.store.kv().get(AddressAllocator.key(TINY, ip))).isPresent();

    TaskAssignment assignment = ecs.state.assignments(TaskFixture.SCOPE, "default", instance.id()).get(0);
    TaskNetwork net = assignment.network();
    assertThat(net.cidrBlock()).isEqualTo("10.203.7.0/29");
    assertThat(net.gatewayAddress()).isEqualTo("10.203.7.1");
    assertThat(net.privateIpv4Address()).isEqualTo(ip);
    assertThat(net.macAddress()).isEqualTo(details.get("macAddress"));

    ecs.state.apply(TaskFixture.SCOPE, "default", instance.id(), TaskFixture.report(task, "RUNNING", "RUNNING", null),
        TaskFixture.NOW);
    assertThat(ecs.describeOne("default", task.taskArn()).attachments().get(0).status()).isEqualTo("ATTACHED");
  }

  @Test
  void aFullSubnetRefusesWithAnExplanationAndAStoppedTaskGivesItsAddressBack() {
    TasksResponse five = ecs.run(run("'" + TINY + "'", 5));
    List<String> addresses = five.tasks().stream().map(AwsVpcRunTaskTest::address).toList();
    assertThat(addresses).doesNotHaveDuplicates()
        .containsExactlyInAnyOrder("10.203.7.2", "10.203.7.3", "10.203.7.4", "10.203.7.5", "10.203.7.6");

    TasksResponse sixth = ecs.run(run("'" + TINY + "'", 1));
    assertThat(sixth.tasks()).isEmpty();
    assertThat(sixth.failures()).singleElement().satisfies(f -> {
      assertThat(f.arn()).isEqualTo("arn:aws:ec2:us-east-1:123456789012:subnet/" + TINY);
      assertThat(f.reason()).isEqualTo("RESOURCE:IP_ADDRESS");
      assertThat(f.detail()).contains("InsufficientFreeAddressesInSubnet").contains("10.203.7.0/29");
    });
    assertThat(ecs.instance("default", instance.id()).pendingTasksCount()).isEqualTo(5);

    Task first = five.tasks().get(0);
    ecs.state.apply(TaskFixture.SCOPE, "default", instance.id(), TaskFixture.report(first, "RUNNING", "STOPPED", 0),
        TaskFixture.NOW);
    Task deprovisioning = ecs.describeOne("default", first.taskArn());
    assertThat(deprovisioning.lastStatus()).as("the agent still holds the address").isEqualTo("DEPROVISIONING");
    assertThat(deprovisioning.attachments().get(0).status()).isEqualTo("DETACHING");
    assertThat(ecs.store.kv().get(AddressAllocator.key(TINY, address(first)))).isPresent();
    ecs.state.apply(TaskFixture.SCOPE, "default", instance.id(), TaskFixture.report(first, "STOPPED", "STOPPED", 0),
        TaskFixture.NOW);
    assertThat(ecs.store.kv().get(AddressAllocator.key(TINY, address(first)))).isEmpty();
    assertThat(ecs.describeOne("default", first.taskArn()).attachments().get(0).status()).isEqualTo("DETACHED");

    Task again = ecs.run(run("'" + TINY + "'", 1)).tasks().get(0);
    assertThat(address(again)).isEqualTo(address(first));
  }

  @Test
  void tasksGoOnlyWhereTheirSubnetsAre() {
    TasksResponse out = ecs.run(run("'" + OTHER_ZONE + "'", 1));
    assertThat(out.tasks()).isEmpty();
    assertThat(out.failures()).singleElement().satisfies(f -> {
      assertThat(f.arn()).isEqualTo(instance.containerInstanceArn());
      assertThat(f.reason()).isEqualTo("ATTRIBUTE");
      assertThat(f.detail()).isEqualTo("None of the task's subnets is in availability zone zone-a of this container "
          + "instance; they are in zone-b.");
    });

    ContainerInstance b = ecs.registerInstance("default", 1024, 1024, List.of(), "zone-b");
    Task placed = ecs.run(run("'" + TINY + "', '" + OTHER_ZONE + "'", 1)).tasks().get(0);
    Task inB = ecs.run("{taskDefinition: 'vpc', placementConstraints: [{type: 'memberOf', expression: "
        + "'attribute:ecs.availability-zone == zone-b'}], networkConfiguration: {awsvpcConfiguration: {subnets: ['"
        + TINY + "', '" + OTHER_ZONE + "']}}}").tasks().get(0);
    assertThat(inB.containerInstanceArn()).isEqualTo(b.containerInstanceArn());
    assertThat(address(inB)).startsWith("10.203.8.");
    assertThat(placed.availabilityZone()).isIn("zone-a", "zone-b");

    TasksResponse started = ecs.call("StartTask", TaskFixture.read("{taskDefinition: 'vpc', containerInstances: ['"
        + instance.id() + "'], networkConfiguration: {awsvpcConfiguration: {subnets: ['" + OTHER_ZONE + "']}}}",
        StartTaskRequest.class));
    assertThat(started.tasks()).isEmpty();
    assertThat(started.failures()).singleElement().extracting(f -> f.reason()).isEqualTo("ATTRIBUTE");
  }

  @Test
  void eachZoneHasADefaultSubnetFromThePool() {
    List<io.gantry.server.network.Subnet> subnets = new io.gantry.server.network.TaskNetworking(ecs.store,
        ecs.placement, SubnetCatalog.defaults()).subnets(TaskFixture.SCOPE, "default");
    assertThat(subnets).singleElement().satisfies(s -> {
      assertThat(s.availabilityZone()).isEqualTo("zone-a");
      assertThat(s.defaultForZone()).isTrue();
      assertThat(s.subnetId()).matches("subnet-[0-9a-f]{17}");
      assertThat(SubnetCatalog.DEFAULT_POOL.overlaps(s.cidr())).isTrue();
    });
  }

  @Test
  void theSweepDeletesLeasesOfTasksThatAreGone() {
    Task task = ecs.run(run("'" + TINY + "'", 1)).tasks().get(0);
    String key = TaskRefs.key(TaskFixture.SCOPE, "default", TaskRefs.idOf(task.taskArn()));
    KeyValue record = ecs.store.kv().get(key).orElseThrow();
    ecs.store.commit(Txn.builder().modRevisionIs(key, record.modRevision()).delete(key).build());
    Task live = ecs.run(run("'" + TINY + "'", 1)).tasks().get(0);

    assertThat(new LeaseSweep(ecs.store).sweep()).isEqualTo(1);

    assertThat(ecs.store.kv().get(AddressAllocator.key(TINY, address(task)))).isEmpty();
    assertThat(ecs.store.kv().get(AddressAllocator.key(TINY, address(live)))).isPresent();
  }

  static String address(Task task) {
    return task.containers().get(0).networkInterfaces().get(0).privateIpv4Address();
  }
}
