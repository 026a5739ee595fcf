package io.gantry.server.instances;

import static io.gantry.server.instances.EcsFixture.NOW;
import static io.gantry.server.instances.EcsFixture.SCOPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gantry.api.ecs.cluster.DeleteClusterRequest;
import io.gantry.api.ecs.instance.ContainerInstanceResponse;
import io.gantry.api.ecs.instance.ContainerInstancesResponse;
import io.gantry.api.ecs.instance.DeregisterContainerInstanceRequest;
import io.gantry.api.ecs.instance.DescribeContainerInstancesRequest;
import io.gantry.api.ecs.instance.ListContainerInstancesRequest;
import io.gantry.api.ecs.instance.ListContainerInstancesResponse;
import io.gantry.api.ecs.instance.RegisterContainerInstanceRequest;
import io.gantry.api.ecs.instance.UpdateContainerInstancesStateRequest;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Failure;
import io.gantry.model.Tag;
import io.gantry.model.cluster.Cluster;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.instance.PlatformDevice;
import io.gantry.model.instance.Resource;
import io.gantry.model.taskdef.Attribute;
import io.gantry.server.state.StateKeys;
import io.gantry.store.embedded.EmbeddedKvStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerInstanceHandlerTest {
  private static final String PREFIX = "arn:aws:ecs:us-east-1:123456789012:container-instance/";
  private EcsFixture ecs;

  @BeforeEach
  void setUp() {
    ecs = new EcsFixture();
    ecs.createCluster("web");
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  @Test
  void registerCreatesAnActiveConnectedInstanceWithAllResourcesFree() {
    ContainerInstance ci = ecs.register("web", List.of(new Attribute("ecs.os-type", "linux", null, null),
        new Attribute("team", "blue", null, null)), List.of(new Tag("env", "dev")));

    assertThat(ci.containerInstanceArn()).matches(PREFIX.replace(".", "\\.") + "web/[0-9a-f]{32}");
    assertThat(ci.ec2InstanceId()).matches("i-[0-9a-f]{17}");
    assertThat(ci.status()).isEqualTo("ACTIVE");
    assertThat(ci.agentConnected()).as("no agent session yet").isFalse();
    assertThat(ci.version()).isEqualTo(1L);
    assertThat(ci.registeredAt()).isEqualTo(NOW);
    assertThat(ci.runningTasksCount()).isZero();
    assertThat(ci.pendingTasksCount()).isZero();
    assertThat(ci.registeredResources()).isEqualTo(EcsFixture.resources());
    assertThat(ci.remainingResources()).isEqualTo(ci.registeredResources());
    assertThat(ci.versionInfo().agentVersion()).isEqualTo("1.0.0");
    assertThat(ci.attributes()).extracting(Attribute::name).containsExactly("ecs.os-type", "team");
    assertThat(ci.tags()).containsExactly(new Tag("env", "dev"));
  }

  @Test
  void registerTakesTheEc2InstanceIdFromTheIdentityDocument() {
    ContainerInstanceResponse r = ecs.call("RegisterContainerInstance", new RegisterContainerInstanceRequest("web",
        "{\"instanceId\":\"i-0123456789abcdef0\",\"region\":\"us-east-1\"}", "sig", EcsFixture.resources(), null, null,
        null, null, null));

    assertThat(r.containerInstance().ec2InstanceId()).isEqualTo("i-0123456789abcdef0");
  }

  @Test
  void registerAddsPlatformGpusAsAResource() {
    ContainerInstanceResponse r = ecs.call("RegisterContainerInstance", new RegisterContainerInstanceRequest("web",
        null, null, EcsFixture.resources(), null, null, null,
        List.of(new PlatformDevice("GPU-0", "GPU"), new PlatformDevice("GPU-1", "GPU")), null));

    assertThat(r.containerInstance().registeredResources())
        .contains(Resource.ofStringSet("GPU", List.of("GPU-0", "GPU-1")));
  }

  @Test
  void registerRejectsBadInput() {
    assertThat(code(() -> ecs.register("nope"))).isEqualTo(ErrorCode.CLUSTER_NOT_FOUND);
    assertThat(code(() -> ecs.call("RegisterContainerInstance", new RegisterContainerInstanceRequest("web", null, null,
        List.of(new Resource("CPU", "FLOAT", 1.0, null, null, null)), null, null, null, null, null))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("RegisterContainerInstance", new RegisterContainerInstanceRequest("web", null, null,
        List.of(new Resource("CPU", "INTEGER", null, null, -1, null)), null, null, null, null, null))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    List<Attribute> eleven = IntStream.range(0, 11).mapToObj(i -> new Attribute("custom" + i, "v", null, null)).toList();
    assertThat(code(() -> ecs.register("web", eleven, null))).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.register("web", List.of(new Attribute("bad name!", null, null, null)), null)))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
  }

  @Test
  void describeAcceptsArnsClusterSlashIdAndBareIdsAndReportsMissingOnes() {
    ContainerInstance a = ecs.register("web");
    ContainerInstance b = ecs.register("web");
    ContainerInstance c = ecs.register("web");

    ContainerInstancesResponse r = ecs.call("DescribeContainerInstances", new DescribeContainerInstancesRequest("web",
        List.of(a.containerInstanceArn(), "web/" + b.id(), c.id(), "0123456789abcdef0123456789abcdef"), null));

    assertThat(r.containerInstances()).extracting(ContainerInstance::containerInstanceArn)
        .containsExactly(a.containerInstanceArn(), b.containerInstanceArn(), c.containerInstanceArn());
    assertThat(r.failures()).containsExactly(Failure.missing(PREFIX + "web/0123456789abcdef0123456789abcdef"));
    assertThat(r.containerInstances().get(0).tags()).isNull();
    assertThat(r.containerInstances().get(0).healthStatus()).isNull();
  }

  @Test
  void describeIncludesTagsAndHealthWhenAsked() {
    ContainerInstance a = ecs.register("web", List.of(), List.of(new Tag("env", "dev")));

    ContainerInstancesResponse r = ecs.call("DescribeContainerInstances", new DescribeContainerInstancesRequest(
        "arn:aws:ecs:us-east-1:123456789012:cluster/web", List.of(a.id()), List.of("TAGS", "CONTAINER_INSTANCE_HEALTH")));

    ContainerInstance shown = r.containerInstances().get(0);
    assertThat(shown.tags()).containsExactly(new Tag("env", "dev"));
    assertThat(shown.healthStatus().overallStatus()).isEqualTo("INSUFFICIENT_DATA");
  }

  @Test
  void describeDoesNotFindAnInstanceThroughAnotherCluster() {
    ecs.createCluster("other");
    ContainerInstance a = ecs.register("web");

    ContainerInstancesResponse r = ecs.call("DescribeContainerInstances",
        new DescribeContainerInstancesRequest("other", List.of(a.containerInstanceArn(), a.id()), null));

    assertThat(r.containerInstances()).isEmpty();
    assertThat(r.failures()).extracting(Failure::arn)
        .containsExactly(a.containerInstanceArn(), PREFIX + "other/" + a.id());
  }

  @Test
  void describeValidatesItsInput() {
    List<String> many = Collections.nCopies(101, "x");
    assertThat(code(() -> ecs.call("DescribeContainerInstances", new DescribeContainerInstancesRequest("web", many, null))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("DescribeContainerInstances",
        new DescribeContainerInstancesRequest("web", List.of("x"), List.of("STATISTICS"))))).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("DescribeContainerInstances",
        new DescribeContainerInstancesRequest("nope", List.of("x"), null)))).isEqualTo(ErrorCode.CLUSTER_NOT_FOUND);
  }

  @Test
  void listPagesThroughInstancesInArnOrder() {
    List<String> arns = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      arns.add(ecs.register("web").containerInstanceArn());
    }
    Collections.sort(arns);

    List<String> seen = new ArrayList<>();
    String token = null;
    do {
      ListContainerInstancesResponse page = ecs.call("ListContainerInstances",
          new ListContainerInstancesRequest("web", null, token, 2, null));
      assertThat(page.containerInstanceArns()).hasSizeLessThanOrEqualTo(2);
      seen.addAll(page.containerInstanceArns());
      token = page.nextToken();
    } while (token != null);

    assertThat(seen).isEqualTo(arns);
  }

  @Test
  void listValidatesFilterStatusAndMaxResults() {
    assertThat(code(() -> ecs.call("ListContainerInstances",
        new ListContainerInstancesRequest("web", "attribute:ecs.os-type ==", null, null, null))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("ListContainerInstances", new ListContainerInstancesRequest("web", null, null, null, "INACTIVE"))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("ListContainerInstances", new ListContainerInstancesRequest("web", null, null, 101, null))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("ListContainerInstances", new ListContainerInstancesRequest("nope", null, null, null, null))))
        .isEqualTo(ErrorCode.CLUSTER_NOT_FOUND);
    ListContainerInstancesResponse empty = ecs.call("ListContainerInstances", new ListContainerInstancesRequest("web", "", null, null, null));
    assertThat(empty.containerInstanceArns()).isEmpty();
  }

  @Test
  void listFiltersWithTheClusterQueryLanguage() {
    ContainerInstance a = ecs.register("web", List.of(new Attribute("ecs.availability-zone", "us-east-1a", null, null),
        new Attribute("stack", "prod", null, null)), null);
    ContainerInstance b = ecs.register("web", List.of(new Attribute("ecs.availability-zone", "us-east-1b", null, null),
        new Attribute("stack", "dev", null, null)), null);
    ContainerInstance c = ecs.register("web", List.of(new Attribute("ecs.availability-zone", "us-east-1b", null, null)),
        null);

    assertThat(list("attribute:ecs.availability-zone == us-east-1b")).containsExactlyInAnyOrder(
        b.containerInstanceArn(), c.containerInstanceArn());
    assertThat(list("attribute:stack exists and not (attribute:stack == dev)")).containsExactly(a.containerInstanceArn());
    assertThat(list("attribute:ecs.availability-zone in [us-east-1a, us-east-1c] or attribute:stack =~ d.*"))
        .containsExactlyInAnyOrder(a.containerInstanceArn(), b.containerInstanceArn());
    EcsException e = org.junit.jupiter.api.Assertions.assertThrows(EcsException.class, () -> list("attribute:stack = "));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(e.getMessage()).isNotBlank();
  }

  private List<String> list(String filter) {
    ListContainerInstancesResponse r = ecs.call("ListContainerInstances",
        new ListContainerInstancesRequest("web", filter, null, null, null));
    return r.containerInstanceArns();
  }

  @Test
  void drainingMovesAnInstanceBetweenStatusFilters() {
    ContainerInstance a = ecs.register("web");
    ContainerInstance b = ecs.register("web");

    ContainerInstancesResponse r = ecs.call("UpdateContainerInstancesState",
        new UpdateContainerInstancesStateRequest("web", List.of(a.id(), "web/ffffffffffffffffffffffffffffffff"), "DRAINING"));

    assertThat(r.containerInstances()).singleElement().satisfies(ci -> {
      assertThat(ci.status()).isEqualTo("DRAINING");
      assertThat(ci.version()).isEqualTo(2L);
    });
    assertThat(r.failures()).containsExactly(Failure.missing(PREFIX + "web/ffffffffffffffffffffffffffffffff"));
    assertThat(listArns("DRAINING")).containsExactly(a.containerInstanceArn());
    assertThat(listArns("ACTIVE")).containsExactly(b.containerInstanceArn());
    assertThat(listArns(null)).containsExactlyInAnyOrder(a.containerInstanceArn(), b.containerInstanceArn());

    ecs.call("UpdateContainerInstancesState", new UpdateContainerInstancesStateRequest("web", List.of(a.id()), "ACTIVE"));
    assertThat(listArns("DRAINING")).isEmpty();
  }

  @Test
  void updateStateValidatesStatusAndCount() {
    ContainerInstance a = ecs.register("web");
    assertThat(code(() -> ecs.call("UpdateContainerInstancesState",
        new UpdateContainerInstancesStateRequest("web", List.of(a.id()), "INACTIVE")))).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("UpdateContainerInstancesState",
        new UpdateContainerInstancesStateRequest("web", Collections.nCopies(11, a.id()), "DRAINING"))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
  }

  @Test
  void deregisterReturnsTheInstanceAsInactiveAndForgetsIt() {
    ContainerInstance a = ecs.register("web", List.of(), List.of(new Tag("env", "dev")));
    assertThat(code(() -> ecs.call("DeleteCluster", new DeleteClusterRequest("web"))))
        .isEqualTo(ErrorCode.CLUSTER_CONTAINS_CONTAINER_INSTANCES);

    ContainerInstanceResponse r = ecs.call("DeregisterContainerInstance",
        new DeregisterContainerInstanceRequest("web", a.containerInstanceArn(), null));

    assertThat(r.containerInstance().status()).isEqualTo("INACTIVE");
    assertThat(r.containerInstance().containerInstanceArn()).isEqualTo(a.containerInstanceArn());
    assertThat(listArns(null)).isEmpty();
    ContainerInstancesResponse d = ecs.call("DescribeContainerInstances",
        new DescribeContainerInstancesRequest("web", List.of(a.id()), null));
    assertThat(d.failures()).containsExactly(Failure.missing(a.containerInstanceArn()));
    assertThat(ecs.kv.get(StateKeys.tags(SCOPE, a.containerInstanceArn()))).isEmpty();
    assertThat(code(() -> ecs.call("DeregisterContainerInstance", new DeregisterContainerInstanceRequest("web", a.id(), true))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    ecs.call("DeleteCluster", new DeleteClusterRequest("web"));
  }

  @Test
  void reregistrationKeepsIdentityAndCustomAttributes() {
    ContainerInstance a = ecs.register("web", List.of(new Attribute("ecs.os-type", "linux", null, null),
        new Attribute("team", "blue", null, null)), null);

    ContainerInstanceResponse r = ecs.call("RegisterContainerInstance", new RegisterContainerInstanceRequest("web", null,
        null, List.of(Resource.ofInteger("CPU", 4096), Resource.ofInteger("MEMORY", 8192)), null, a.containerInstanceArn(),
        List.of(new Attribute("ecs.os-type", "linux", null, null), new Attribute("ecs.cpu-architecture", "arm64", null, null)),
        null, null));

    ContainerInstance again = r.containerInstance();
    assertThat(again.containerInstanceArn()).isEqualTo(a.containerInstanceArn());
    assertThat(again.ec2InstanceId()).isEqualTo(a.ec2InstanceId());
    assertThat(again.registeredAt()).isEqualTo(a.registeredAt());
    assertThat(again.version()).isEqualTo(2L);
    assertThat(again.versionInfo()).isEqualTo(a.versionInfo());
    assertThat(again.registeredResources()).containsExactly(Resource.ofInteger("CPU", 4096), Resource.ofInteger("MEMORY", 8192));
    assertThat(again.remainingResources()).isEqualTo(again.registeredResources());
    assertThat(again.attributes()).extracting(Attribute::name)
        .containsExactlyInAnyOrder("ecs.os-type", "ecs.cpu-architecture", "team");
    assertThat(listArns(null)).containsExactly(a.containerInstanceArn());
  }

  @Test
  void reregisteringADeregisteredInstanceIsRefused() {
    ContainerInstance a = ecs.register("web");
    ecs.call("DeregisterContainerInstance", new DeregisterContainerInstanceRequest("web", a.id(), null));

    EcsException e = catchThrowableOfType(EcsException.class, () -> ecs.call("RegisterContainerInstance",
        new RegisterContainerInstanceRequest("web", null, null, null, null, a.containerInstanceArn(), null, null, null)));

    assertThat(e.code()).isEqualTo(ErrorCode.CLIENT);
    assertThat(e.getMessage()).isEqualTo("Container instance " + a.id() + " is inactive.");
  }

  @Test
  void aRegistrationRacingDeleteClusterNeverLeavesAnOrphan(@TempDir Path dir) throws Exception {
    ecs.close();
    ecs = new EcsFixture(EmbeddedKvStore.open(dir));
    Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
    for (int round = 0; round < 30; round++) {
      String cluster = "race" + round;
      ecs.createCluster(cluster);
      Thread register = new Thread(expecting(unexpected, ErrorCode.CLUSTER_NOT_FOUND, () -> ecs.register(cluster)));
      Thread delete = new Thread(expecting(unexpected, ErrorCode.CLUSTER_CONTAINS_CONTAINER_INSTANCES,
          () -> ecs.call("DeleteCluster", new DeleteClusterRequest(cluster))));
      register.start();
      delete.start();
      register.join();
      delete.join();

      boolean instances = !ecs.kv.range(StateKeys.containerInstances(SCOPE, cluster)).isEmpty();
      String status = ecs.store.get(StateKeys.cluster(SCOPE, cluster), Cluster.class).orElseThrow().value().status();
      assertThat(instances).as("round %d: instances exist only in an active cluster", round)
          .isEqualTo(status.equals(Cluster.ACTIVE));
    }
    assertThat(unexpected).isEmpty();
  }

  private static Runnable expecting(Queue<Throwable> unexpected, ErrorCode allowed, Runnable action) {
    return () -> {
      try {
        action.run();
      } catch (EcsException e) {
        if (e.code() != allowed) {
          unexpected.add(e);
        }
      } catch (RuntimeException | Error e) {
        unexpected.add(e);
      }
    };
  }

  private List<String> listArns(String status) {
    ListContainerInstancesResponse r = ecs.call("ListContainerInstances", new ListContainerInstancesRequest("web", null, null, null, status));
    return r.containerInstanceArns();
  }

  static ErrorCode code(ThrowingCallable call) {
    return catchThrowableOfType(EcsException.class, call).code();
  }
}
