package io.gantry.testkit;

import static io.gantry.testkit.Sdk.register;
import static io.gantry.testkit.ServiceChecks.awaitStable;
import static io.gantry.testkit.ServiceChecks.describe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.testkit.agent.AgentShape;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListServicesResponse;
import software.amazon.awssdk.services.ecs.model.PlacementConstraintType;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.ServiceField;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The service API bullets the other service tests leave open, through the AWS SDK on nine
 * simulated agents in three zones: CreateService idempotency with a clientToken, ListServices
 * filters and paging, DescribeServices include TAGS, new deployments on forceNewDeployment and on
 * configuration changes (not on a desiredCount change), ECS's default service placement (spread
 * over zones, then instances) and a service's placement constraints, and deployment alarms kept
 * but shown as not monitored.
 */
class ServiceApiSimulationTest {
  static final String CLUSTER = "service-api";
  static final List<String> ZONES = List.of("us-east-1a", "us-east-1b", "us-east-1c");
  static SimulatedCluster sim;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(CLUSTER));
    sim.addAgents(9, i -> AgentShape.standard().inZone(ZONES.get(i % 3)));
    ecs = Sdk.ecs(sim.endpoint());
  }

  @AfterAll
  static void stop() {
    ecs.close();
    sim.close();
  }

  @Test
  void createServiceWithTheSameClientTokenAndRequestReturnsTheSameService() {
    String td = register(ecs, "idem", c -> c);
    Service first = ecs.createService(b -> b.cluster(CLUSTER).serviceName("idem").taskDefinition(td).desiredCount(1)
        .clientToken("tok-idem")).service();
    Service again = ecs.createService(b -> b.cluster(CLUSTER).serviceName("idem").taskDefinition(td).desiredCount(1)
        .clientToken("tok-idem")).service();

    assertThat(again.serviceArn()).isEqualTo(first.serviceArn());
    assertThat(again.deployments().get(0).id()).isEqualTo(first.deployments().get(0).id());
    assertThat(again.createdAt()).isEqualTo(first.createdAt());
    assertThatThrownBy(() -> ecs.createService(b -> b.cluster(CLUSTER).serviceName("idem").taskDefinition(td)
        .desiredCount(2).clientToken("tok-idem")))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Creation of service was not idempotent.");
    assertThatThrownBy(() -> ecs.createService(b -> b.cluster(CLUSTER).serviceName("idem").taskDefinition(td)
        .desiredCount(1)))
        .isInstanceOf(InvalidParameterException.class).hasMessageContaining("Creation of service was not idempotent.");
  }

  @Test
  void listServicesFiltersByLaunchTypeAndSchedulingStrategyAndPages() {
    String td = register(ecs, "listed", c -> c.memory(16));
    for (int i = 0; i < 5; i++) {
      int n = i;
      ecs.createService(b -> b.cluster(CLUSTER).serviceName("listed-" + n).taskDefinition(td).desiredCount(0));
    }
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("listed-daemon").taskDefinition(td)
        .schedulingStrategy("DAEMON"));

    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String t = token;
      ListServicesResponse page = ecs.listServices(b -> b.cluster(CLUSTER).maxResults(2).nextToken(t));
      assertThat(page.serviceArns()).hasSizeLessThanOrEqualTo(2);
      paged.addAll(page.serviceArns());
      token = page.nextToken();
      pages++;
    } while (token != null);
    List<String> all = ecs.listServices(b -> b.cluster(CLUSTER).maxResults(100)).serviceArns();
    assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
    assertThat(pages).isGreaterThanOrEqualTo(3);
    assertThat(names(all)).contains("listed-0", "listed-4", "listed-daemon");

    List<String> daemons = ecs.listServices(b -> b.cluster(CLUSTER).schedulingStrategy("DAEMON")).serviceArns();
    assertThat(names(daemons)).contains("listed-daemon").doesNotContain("listed-0");
    List<String> replicas = ecs.listServices(b -> b.cluster(CLUSTER).schedulingStrategy("REPLICA")).serviceArns();
    assertThat(names(replicas)).contains("listed-0", "listed-4").doesNotContain("listed-daemon");
    assertThat(names(ecs.listServices(b -> b.cluster(CLUSTER).launchType("EC2").maxResults(100)).serviceArns()))
        .contains("listed-0", "listed-daemon");
    assertThat(ecs.listServices(b -> b.cluster(CLUSTER).launchType("FARGATE")).serviceArns()).isEmpty();
  }

  @Test
  void describeServicesShowsTagsOnlyWhenAskedAndUnknownNamesAsMissing() {
    String td = register(ecs, "tags", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("tags").taskDefinition(td).desiredCount(0)
        .tags(Tag.builder().key("team").value("web").build()));

    var plain = ecs.describeServices(b -> b.cluster(CLUSTER).services("tags", "nope"));
    var tagged = ecs.describeServices(b -> b.cluster(CLUSTER).services("tags").include(ServiceField.TAGS));

    assertThat(plain.services()).singleElement().satisfies(s -> assertThat(s.tags()).isEmpty());
    assertThat(plain.failures()).singleElement().satisfies(f -> {
      assertThat(f.reason()).isEqualTo("MISSING");
      assertThat(f.arn()).endsWith(":service/" + CLUSTER + "/nope");
    });
    assertThat(tagged.services()).singleElement().satisfies(s -> assertThat(s.tags())
        .containsExactly(Tag.builder().key("team").value("web").build()));
  }

  @Test
  void forceNewDeploymentAndConfigurationChangesStartDeploymentsButAScaleDoesNot() {
    String td = register(ecs, "redeploy", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("redeploy").taskDefinition(td).desiredCount(2));
    String first = awaitStable(ecs, CLUSTER, "redeploy", Duration.ofSeconds(30)).deployments().get(0).id();

    Service scaled = ecs.updateService(b -> b.cluster(CLUSTER).service("redeploy").desiredCount(3)).service();
    assertThat(scaled.deployments()).singleElement().satisfies(d -> {
      assertThat(d.id()).isEqualTo(first);
      assertThat(d.desiredCount()).isEqualTo(3);
    });
    String second = awaitStable(ecs, CLUSTER, "redeploy", Duration.ofSeconds(30)).deployments().get(0).id();
    assertThat(second).isEqualTo(first);

    Service forced = ecs.updateService(b -> b.cluster(CLUSTER).service("redeploy").forceNewDeployment(true))
        .service();
    assertThat(forced.deployments()).hasSize(2);
    assertThat(forced.deployments().get(0).id()).isNotEqualTo(first);
    assertThat(forced.deployments().get(0).taskDefinition()).isEqualTo(td);
    assertThat(forced.deployments().get(0).status()).isEqualTo("PRIMARY");
    assertThat(forced.deployments().get(1)).satisfies(d -> {
      assertThat(d.id()).isEqualTo(first);
      assertThat(d.status()).isEqualTo("ACTIVE");
    });
    Service afterForce = awaitStable(ecs, CLUSTER, "redeploy", Duration.ofSeconds(30));
    assertThat(ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "redeploy", DesiredStatus.RUNNING)))
        .hasSize(3).allSatisfy(t -> assertThat(t.startedBy()).isEqualTo(afterForce.deployments().get(0).id()));

    Service moved = ecs.updateService(b -> b.cluster(CLUSTER).service("redeploy")
        .placementConstraints(c -> c.type(PlacementConstraintType.DISTINCT_INSTANCE))).service();
    assertThat(moved.deployments()).hasSize(2);
    assertThat(moved.deployments().get(0).id()).isNotEqualTo(afterForce.deployments().get(0).id());
  }

  @Test
  void serviceTasksSpreadOverZonesThenInstancesByDefaultAndKeepToTheirConstraints() {
    String td = register(ecs, "spread", c -> c);
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("spread").taskDefinition(td).desiredCount(6));
    ecs.createService(b -> b.cluster(CLUSTER).serviceName("pinned").taskDefinition(td).desiredCount(4)
        .placementConstraints(c -> c.type(PlacementConstraintType.MEMBER_OF)
            .expression("attribute:ecs.availability-zone == us-east-1b")));
    awaitStable(ecs, CLUSTER, "spread", Duration.ofSeconds(30));
    awaitStable(ecs, CLUSTER, "pinned", Duration.ofSeconds(30));
    Map<String, String> zoneOf = zones();

    List<Task> spread = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "spread",
        DesiredStatus.RUNNING));
    assertThat(spread.stream().collect(Collectors.groupingBy(t -> zoneOf.get(t.containerInstanceArn()),
        Collectors.counting()))).isEqualTo(Map.of("us-east-1a", 2L, "us-east-1b", 2L, "us-east-1c", 2L));
    assertThat(spread.stream().map(Task::containerInstanceArn).distinct()).hasSize(6);
    List<Task> pinned = ServiceChecks.tasks(ecs, CLUSTER, ServiceChecks.arns(ecs, CLUSTER, "pinned",
        DesiredStatus.RUNNING));
    assertThat(pinned).hasSize(4).allSatisfy(t -> assertThat(zoneOf.get(t.containerInstanceArn()))
        .isEqualTo("us-east-1b"));
  }

  @Test
  void deploymentAlarmsAreKeptAsGivenAndShownAsNotMonitored() {
    String td = register(ecs, "alarmed", c -> c);
    Service created = ecs.createService(b -> b.cluster(CLUSTER).serviceName("alarmed").taskDefinition(td)
        .desiredCount(0).deploymentConfiguration(d -> d.alarms(a -> a.alarmNames("high-5xx").enable(true)
            .rollback(true)))).service();

    assertThat(created.deploymentConfiguration().alarms()).satisfies(a -> {
      assertThat(a.alarmNames()).containsExactly("high-5xx");
      assertThat(a.enable()).isTrue();
      assertThat(a.rollback()).isTrue();
    });
    assertThat(describe(ecs, CLUSTER, "alarmed").deploymentConfiguration().alarms().alarmNames())
        .containsExactly("high-5xx");
    String arn = ecs.listServiceDeployments(b -> b.cluster(CLUSTER).service("alarmed")).serviceDeployments().get(0)
        .serviceDeploymentArn();
    assertThat(ecs.describeServiceDeployments(b -> b.serviceDeploymentArns(arn)).serviceDeployments().get(0).alarms())
        .satisfies(a -> {
          assertThat(a.alarmNames()).containsExactly("high-5xx");
          assertThat(a.statusAsString()).isEqualTo("DISABLED");
          assertThat(a.triggeredAlarmNames()).isEmpty();
        });
  }

  private static Map<String, String> zones() {
    List<String> arns = ecs.listContainerInstances(b -> b.cluster(CLUSTER).maxResults(100)).containerInstanceArns();
    return ecs.describeContainerInstances(b -> b.cluster(CLUSTER).containerInstances(arns)).containerInstances()
        .stream().collect(Collectors.toMap(ContainerInstance::containerInstanceArn, ci -> ci.attributes().stream()
            .filter(a -> a.name().equals("ecs.availability-zone")).findFirst().orElseThrow().value(),
            (a, b) -> a));
  }

  private static List<String> names(List<String> arns) {
    return arns.stream().map(a -> a.substring(a.lastIndexOf('/') + 1)).toList();
  }
}
