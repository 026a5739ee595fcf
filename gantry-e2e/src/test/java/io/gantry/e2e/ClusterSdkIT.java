package io.gantry.e2e;

import static io.gantry.e2e.support.EcsErrors.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.CapacityProviderStrategyItem;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.ClusterConfiguration;
import software.amazon.awssdk.services.ecs.model.ClusterContainsContainerInstancesException;
import software.amazon.awssdk.services.ecs.model.ClusterField;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ClusterSetting;
import software.amazon.awssdk.services.ecs.model.ClusterSettingName;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.CreateClusterResponse;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandConfiguration;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandLogConfiguration;
import software.amazon.awssdk.services.ecs.model.ExecuteCommandLogging;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.ListClustersResponse;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.Tag;

/** Every cluster operation through the AWS SDK for Java v2 against a real server, errors included. */
class ClusterSdkIT {
  @TempDir static Path dir;
  static GantryProcess server;
  static EcsClient ecs;

  @BeforeAll
  static void start() throws Exception {
    server = GantryProcess.start(dir.resolve("data"));
    ecs = Clients.ecs(server.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    ecs.close();
    server.close();
  }

  static String arn(String name) {
    return "arn:aws:ecs:us-east-1:" + GantryProcess.ACCOUNT + ":cluster/" + name;
  }

  static CapacityProviderStrategyItem item(String provider, int weight, int base) {
    return CapacityProviderStrategyItem.builder().capacityProvider(provider).weight(weight).base(base).build();
  }

  @Test
  void createWithEverythingShowsItInTheResponse() {
    CreateClusterResponse created = ecs.createCluster(r -> r.clusterName("full")
        .tags(Tag.builder().key("team").value("web").build(), Tag.builder().key("env").value("dev").build())
        .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build())
        .configuration(ClusterConfiguration.builder()
            .executeCommandConfiguration(ExecuteCommandConfiguration.builder().kmsKeyId("key-1")
                .logging(ExecuteCommandLogging.DEFAULT).build())
            .build())
        .capacityProviders("FARGATE", "FARGATE_SPOT")
        .defaultCapacityProviderStrategy(item("FARGATE", 1, 1), item("FARGATE_SPOT", 4, 0)));
    Cluster c = created.cluster();
    assertThat(c.clusterName()).isEqualTo("full");
    assertThat(c.clusterArn()).isEqualTo(arn("full"));
    assertThat(c.status()).isEqualTo("ACTIVE");
    assertThat(c.registeredContainerInstancesCount()).isZero();
    assertThat(c.runningTasksCount()).isZero();
    assertThat(c.pendingTasksCount()).isZero();
    assertThat(c.activeServicesCount()).isZero();
    assertThat(c.settings()).containsExactly(
        ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build());
    assertThat(c.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
    assertThat(c.defaultCapacityProviderStrategy()).containsExactly(item("FARGATE", 1, 1), item("FARGATE_SPOT", 4, 0));
    assertThat(c.configuration().executeCommandConfiguration().kmsKeyId()).isEqualTo("key-1");
    assertThat(c.configuration().executeCommandConfiguration().logging()).isEqualTo(ExecuteCommandLogging.DEFAULT);
    assertThat(c.tags()).containsExactlyInAnyOrder(
        Tag.builder().key("team").value("web").build(), Tag.builder().key("env").value("dev").build());
  }

  @Test
  void createTwiceIsIdempotent() {
    Cluster first = ecs.createCluster(r -> r.clusterName("twice")).cluster();
    Cluster second = ecs.createCluster(r -> r.clusterName("twice")).cluster();
    assertThat(second.clusterArn()).isEqualTo(first.clusterArn());
    assertThat(second.status()).isEqualTo("ACTIVE");
    long listed = ecs.listClustersPaginator(r -> r.maxResults(100)).clusterArns().stream()
        .filter(arn("twice")::equals).count();
    assertThat(listed).isEqualTo(1);
  }

  @Test
  void createWithoutNameCreatesDefault() {
    Cluster c = ecs.createCluster(r -> { }).cluster();
    assertThat(c.clusterName()).isEqualTo("default");
    assertThat(ecs.describeClusters(r -> { }).clusters()).extracting(Cluster::clusterName).containsExactly("default");
  }

  @Test
  void describeWithIncludeAndAMissingName() {
    ecs.createCluster(r -> r.clusterName("described")
        .tags(Tag.builder().key("k").value("v").build())
        .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enhanced").build())
        .configuration(ClusterConfiguration.builder()
            .executeCommandConfiguration(ExecuteCommandConfiguration.builder().logging(ExecuteCommandLogging.NONE).build())
            .build()));
    DescribeClustersResponse all = ecs.describeClusters(r -> r.clusters("described", "nope")
        .include(ClusterField.TAGS, ClusterField.SETTINGS, ClusterField.STATISTICS, ClusterField.CONFIGURATIONS));
    assertThat(all.clusters()).hasSize(1).allSatisfy(c -> {
      assertThat(c.clusterArn()).isEqualTo(arn("described"));
      assertThat(c.tags()).containsExactly(Tag.builder().key("k").value("v").build());
      assertThat(c.settings()).containsExactly(
          ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enhanced").build());
      assertThat(c.configuration().executeCommandConfiguration().logging()).isEqualTo(ExecuteCommandLogging.NONE);
      assertThat(c.statistics()).extracting(KeyValuePair::name)
          .contains("runningEC2TasksCount", "runningFargateTasksCount", "pendingEC2TasksCount", "activeEC2ServiceCount");
      assertThat(c.statistics()).extracting(KeyValuePair::value).allMatch(v -> v.matches("\\d+"));
    });
    assertThat(all.failures()).singleElement().satisfies(f -> {
      assertThat(f.arn()).isEqualTo(arn("nope"));
      assertThat(f.reason()).isEqualTo("MISSING");
    });

    Cluster byArn = ecs.describeClusters(r -> r.clusters(arn("described")).include(ClusterField.TAGS)).clusters().get(0);
    assertThat(byArn.clusterName()).isEqualTo("described");
    assertThat(byArn.tags()).containsExactly(Tag.builder().key("k").value("v").build());
    Cluster plain = ecs.describeClusters(r -> r.clusters("described")).clusters().get(0);
    assertThat(plain.tags()).isEmpty();
    assertThat(plain.statistics()).isEmpty();
  }

  @Test
  void listPagesTwoAtATimeAndThePaginatorReturnsAll() {
    // A region of its own, so the listing holds exactly these five clusters.
    try (EcsClient tokyo = Clients.ecs(server.endpoint(), GantryProcess.ACCESS_KEY, GantryProcess.SECRET_KEY, "ap-northeast-1")) {
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= 5; i++) {
        String name = "page-" + i;
        expected.add(tokyo.createCluster(r -> r.clusterName(name)).cluster().clusterArn());
      }
      assertThat(expected).allMatch(a -> a.startsWith("arn:aws:ecs:ap-northeast-1:" + GantryProcess.ACCOUNT + ":cluster/"));

      List<String> seen = new ArrayList<>();
      List<Integer> pageSizes = new ArrayList<>();
      String token = null;
      do {
        String next = token;
        ListClustersResponse page = tokyo.listClusters(r -> r.maxResults(2).nextToken(next));
        pageSizes.add(page.clusterArns().size());
        seen.addAll(page.clusterArns());
        token = page.nextToken();
      } while (token != null);
      assertThat(pageSizes).containsExactly(2, 2, 1);
      assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();

      assertThat(tokyo.listClustersPaginator(r -> r.maxResults(2)).clusterArns())
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void listRejectsAnOutOfRangeMaxResults() {
    expect(InvalidParameterException.class, () -> ecs.listClusters(r -> r.maxResults(101)));
    expect(InvalidParameterException.class, () -> ecs.listClusters(r -> r.nextToken("not-a-token!")));
  }

  @Test
  void updateChangesSettingsAndConfiguration() {
    ecs.createCluster(r -> r.clusterName("updated"));
    Cluster updated = ecs.updateCluster(r -> r.cluster("updated")
        .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build())
        .configuration(ClusterConfiguration.builder()
            .executeCommandConfiguration(ExecuteCommandConfiguration.builder()
                .logging(ExecuteCommandLogging.OVERRIDE)
                .logConfiguration(ExecuteCommandLogConfiguration.builder()
                    .cloudWatchLogGroupName("exec-logs").cloudWatchEncryptionEnabled(true).build())
                .build())
            .build())).cluster();
    assertThat(updated.settings()).containsExactly(
        ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build());
    assertThat(updated.configuration().executeCommandConfiguration().logConfiguration().cloudWatchLogGroupName())
        .isEqualTo("exec-logs");

    Cluster described = ecs.describeClusters(r -> r.clusters("updated")
        .include(ClusterField.SETTINGS, ClusterField.CONFIGURATIONS)).clusters().get(0);
    assertThat(described.settings()).isEqualTo(updated.settings());
    assertThat(described.configuration()).isEqualTo(updated.configuration());

    expect(InvalidParameterException.class, () -> ecs.updateCluster(r -> r.cluster("updated")
        .configuration(ClusterConfiguration.builder().executeCommandConfiguration(
            ExecuteCommandConfiguration.builder().logging(ExecuteCommandLogging.OVERRIDE).build()).build())));
  }

  @Test
  void updateSettingsChangesContainerInsights() {
    ecs.createCluster(r -> r.clusterName("insights"));
    Cluster c = ecs.updateClusterSettings(r -> r.cluster(arn("insights"))
        .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enhanced").build())).cluster();
    assertThat(c.settings()).extracting(ClusterSetting::value).containsExactly("enhanced");
    assertThat(ecs.describeClusters(r -> r.clusters("insights").include(ClusterField.SETTINGS)).clusters().get(0).settings())
        .extracting(ClusterSetting::value).containsExactly("enhanced");

    InvalidParameterException bad = expect(InvalidParameterException.class, () -> ecs.updateClusterSettings(r -> r
        .cluster("insights").settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("maybe").build())));
    assertThat(bad.awsErrorDetails().errorMessage()).contains("maybe");
  }

  @Test
  void putCapacityProvidersReplacesProvidersAndStrategy() {
    ecs.createCluster(r -> r.clusterName("capacity"));
    Cluster c = ecs.putClusterCapacityProviders(r -> r.cluster("capacity")
        .capacityProviders("FARGATE", "FARGATE_SPOT")
        .defaultCapacityProviderStrategy(item("FARGATE_SPOT", 3, 0), item("FARGATE", 1, 2))).cluster();
    assertThat(c.capacityProviders()).containsExactly("FARGATE", "FARGATE_SPOT");
    assertThat(c.defaultCapacityProviderStrategy()).containsExactly(item("FARGATE_SPOT", 3, 0), item("FARGATE", 1, 2));

    Cluster cleared = ecs.putClusterCapacityProviders(r -> r.cluster("capacity")
        .capacityProviders(List.of()).defaultCapacityProviderStrategy(List.of())).cluster();
    assertThat(cleared.capacityProviders()).isEmpty();
    assertThat(cleared.defaultCapacityProviderStrategy()).isEmpty();
    Cluster described = ecs.describeClusters(r -> r.clusters("capacity")).clusters().get(0);
    assertThat(described.capacityProviders()).isEmpty();

    InvalidParameterException unknown = expect(InvalidParameterException.class, () -> ecs.putClusterCapacityProviders(r -> r
        .cluster("capacity").capacityProviders("NO_SUCH_PROVIDER").defaultCapacityProviderStrategy(List.of())));
    assertThat(unknown.awsErrorDetails().errorMessage()).contains("NO_SUCH_PROVIDER");
    expect(InvalidParameterException.class, () -> ecs.putClusterCapacityProviders(r -> r.cluster("capacity")
        .capacityProviders("FARGATE").defaultCapacityProviderStrategy(item("FARGATE_SPOT", 1, 0))));
  }

  @Test
  void deleteMakesTheClusterInactive() {
    ecs.createCluster(r -> r.clusterName("doomed"));
    Cluster deleted = ecs.deleteCluster(r -> r.cluster("doomed")).cluster();
    assertThat(deleted.status()).isEqualTo("INACTIVE");
    assertThat(deleted.clusterArn()).isEqualTo(arn("doomed"));

    DescribeClustersResponse described = ecs.describeClusters(r -> r.clusters("doomed"));
    assertThat(described.clusters()).singleElement().extracting(Cluster::status).isEqualTo("INACTIVE");
    assertThat(described.failures()).isEmpty();
    assertThat(ecs.listClustersPaginator(r -> { }).clusterArns()).doesNotContain(arn("doomed"));

    expect(ClusterNotFoundException.class, () -> ecs.deleteCluster(r -> r.cluster("doomed")));
    expect(ClusterNotFoundException.class, () -> ecs.updateCluster(r -> r.cluster("doomed")
        .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build())));
    expect(ClusterNotFoundException.class, () -> ecs.updateClusterSettings(r -> r.cluster("doomed")
        .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build())));
    expect(ClusterNotFoundException.class, () -> ecs.putClusterCapacityProviders(r -> r.cluster("doomed")
        .capacityProviders("FARGATE").defaultCapacityProviderStrategy(List.of())));
    expect(ClusterNotFoundException.class, () -> ecs.registerContainerInstance(r -> r.cluster("doomed")
        .totalResources(Resource.builder().name("CPU").type("INTEGER").integerValue(1024).build())));

    // Creating it again brings it back as a new, active cluster.
    assertThat(ecs.createCluster(r -> r.clusterName("doomed")).cluster().status()).isEqualTo("ACTIVE");
    assertThat(ecs.listClustersPaginator(r -> { }).clusterArns()).contains(arn("doomed"));
  }

  @Test
  void aRecreatedClusterDoesNotInheritTheOldTags() {
    ecs.createCluster(r -> r.clusterName("reborn").tags(Tag.builder().key("generation").value("1").build()));
    ecs.deleteCluster(r -> r.cluster("reborn"));
    Cluster plain = ecs.createCluster(r -> r.clusterName("reborn")).cluster();
    assertThat(plain.tags()).isEmpty();
    assertThat(ecs.listTagsForResource(r -> r.resourceArn(arn("reborn"))).tags()).isEmpty();
    ecs.deleteCluster(r -> r.cluster("reborn"));
    Cluster tagged = ecs.createCluster(r -> r.clusterName("reborn").tags(Tag.builder().key("generation").value("3").build()))
        .cluster();
    assertThat(tagged.tags()).containsExactly(Tag.builder().key("generation").value("3").build());
    assertThat(ecs.describeClusters(r -> r.clusters("reborn").include(ClusterField.TAGS)).clusters().get(0).tags())
        .containsExactly(Tag.builder().key("generation").value("3").build());
  }

  @Test
  void deleteOfAMissingClusterIsClusterNotFound() {
    ClusterNotFoundException e = expect(ClusterNotFoundException.class, () -> ecs.deleteCluster(r -> r.cluster("never-was")));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ClusterNotFoundException");
    expect(ClusterNotFoundException.class, () -> ecs.updateClusterSettings(r -> r.cluster(arn("never-was"))
        .settings(ClusterSetting.builder().name(ClusterSettingName.CONTAINER_INSIGHTS).value("enabled").build())));
  }

  @Test
  void badNamesAreInvalidParameter() {
    InvalidParameterException e = expect(InvalidParameterException.class, () -> ecs.createCluster(r -> r.clusterName("has space")));
    assertThat(e.awsErrorDetails().errorMessage()).contains("255");
    expect(InvalidParameterException.class, () -> ecs.createCluster(r -> r.clusterName("x".repeat(256))));
    expect(InvalidParameterException.class, () -> ecs.createCluster(r -> r.clusterName("slash/name")));
    expect(InvalidParameterException.class, () -> ecs.createCluster(r -> r.clusterName("ok-name")
        .settings(ClusterSetting.builder().name("notASetting").value("enabled").build())));
    expect(InvalidParameterException.class, () -> ecs.describeClusters(r -> r.clusters("x").includeWithStrings("EVERYTHING")));
    assertThat(ecs.describeClusters(r -> r.clusters("ok-name")).failures()).singleElement()
        .extracting(f -> f.reason()).isEqualTo("MISSING");
  }

  @Test
  void deleteIsRefusedWhileAnInstanceIsRegistered() {
    ecs.createCluster(r -> r.clusterName("busy"));
    ContainerInstance instance = ecs.registerContainerInstance(r -> r.cluster("busy").totalResources(
        Resource.builder().name("CPU").type("INTEGER").integerValue(2048).build(),
        Resource.builder().name("MEMORY").type("INTEGER").integerValue(4096).build())).containerInstance();
    assertThat(instance.status()).isEqualTo("ACTIVE");
    assertThat(ecs.describeClusters(r -> r.clusters("busy")).clusters().get(0).registeredContainerInstancesCount()).isEqualTo(1);

    ClusterContainsContainerInstancesException refused =
        expect(ClusterContainsContainerInstancesException.class, () -> ecs.deleteCluster(r -> r.cluster("busy")));
    assertThat(refused.awsErrorDetails().errorMessage()).containsIgnoringCase("container instances");
    assertThat(ecs.describeClusters(r -> r.clusters("busy")).clusters().get(0).status()).isEqualTo("ACTIVE");

    ContainerInstance gone = ecs.deregisterContainerInstance(r -> r.cluster("busy")
        .containerInstance(instance.containerInstanceArn())).containerInstance();
    assertThat(gone.status()).isEqualTo("INACTIVE");
    assertThat(ecs.describeClusters(r -> r.clusters("busy")).clusters().get(0).registeredContainerInstancesCount()).isZero();
    assertThat(ecs.deleteCluster(r -> r.cluster("busy")).cluster().status()).isEqualTo("INACTIVE");
  }
}
