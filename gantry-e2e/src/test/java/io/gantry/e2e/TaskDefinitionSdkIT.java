package io.gantry.e2e;

import static io.gantry.e2e.support.EcsErrors.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.FullTaskDefinition;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.SdkFields;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DeleteTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.ListTaskDefinitionsResponse;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionField;

/** Task definitions through the AWS SDK for Java v2: a full round trip, revisions, listings, deletion and validation. */
class TaskDefinitionSdkIT {
  /** What the server, not the caller, decides at registration. */
  static final Set<String> REGISTRATION_MEMBERS = Set.of("taskDefinitionArn", "revision", "status", "registeredAt",
      "registeredBy", "compatibilities", "requiresAttributes", "deregisteredAt", "deleteRequestedAt", "containerDefinitions");

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

  static String arn(String family, int revision) {
    return "arn:aws:ecs:us-east-1:" + GantryProcess.ACCOUNT + ":task-definition/" + family + ":" + revision;
  }

  static TaskDefinition register(String family) {
    return ecs.registerTaskDefinition(r -> r.family(family).containerDefinitions(ContainerDefinition.builder()
        .name("main").image("busybox:1.36").memory(64).command("sleep", "3600").build())).taskDefinition();
  }

  @Test
  void everyContainerFieldRoundTripsExactly() {
    RegisterTaskDefinitionRequest request = FullTaskDefinition.request("full")
        .toBuilder().tags(Tag.builder().key("owner").value("e2e").build()).build();
    Instant before = Instant.now().minusSeconds(5);
    var registered = ecs.registerTaskDefinition(request);
    TaskDefinition td = registered.taskDefinition();
    assertThat(td.taskDefinitionArn()).isEqualTo(arn("full", 1));
    assertThat(td.revision()).isEqualTo(1);
    assertThat(td.status()).hasToString("ACTIVE");
    assertThat(td.registeredAt()).isBetween(before, Instant.now().plusSeconds(5));
    assertThat(td.registeredBy()).startsWith("arn:aws:iam::" + GantryProcess.ACCOUNT + ":");
    assertThat(td.compatibilitiesAsStrings()).contains("EC2").doesNotContain("FARGATE");
    assertThat(registered.tags()).containsExactly(Tag.builder().key("owner").value("e2e").build());

    TaskDefinition described = ecs.describeTaskDefinition(r -> r.taskDefinition("full:1")).taskDefinition();
    assertThat(described).isEqualTo(td);
    RegisterTaskDefinitionRequest sent = FullTaskDefinition.request("full");
    assertThat(described.containerDefinitions()).extracting(ContainerDefinition::name).containsExactly("app", "sidecar");
    assertThat(SdkFields.differences(sent.containerDefinitions().get(0), described.containerDefinitions().get(0)))
        .as("app container").isEmpty();
    assertThat(SdkFields.differences(sent.containerDefinitions().get(1), described.containerDefinitions().get(1)))
        .as("sidecar container").isEmpty();
    assertThat(described.volumes()).isEqualTo(sent.volumes());
    assertThat(SdkFields.differences(toTaskDefinitionFields(sent), described, REGISTRATION_MEMBERS))
        .as("task-level members").isEmpty();
  }

  /** The task-level members of a request, as the TaskDefinition shape names them. */
  private static TaskDefinition toTaskDefinitionFields(RegisterTaskDefinitionRequest r) {
    return TaskDefinition.builder().family(r.family()).taskRoleArn(r.taskRoleArn()).executionRoleArn(r.executionRoleArn())
        .networkMode(r.networkMode()).volumes(r.volumes()).placementConstraints(r.placementConstraints())
        .requiresCompatibilities(r.requiresCompatibilities()).cpu(r.cpu()).memory(r.memory()).pidMode(r.pidMode())
        .ipcMode(r.ipcMode()).runtimePlatform(r.runtimePlatform()).enableFaultInjection(r.enableFaultInjection()).build();
  }

  @Test
  void defaultsAreFilledInAsEcsDoes() {
    TaskDefinition td = ecs.registerTaskDefinition(r -> r.family("defaults").networkMode("awsvpc")
        .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").memory(128)
            .portMappings(PortMapping.builder().containerPort(80).build())
            .healthCheck(HealthCheck.builder().command("CMD", "true").build()).build())).taskDefinition();
    ContainerDefinition c = td.containerDefinitions().get(0);
    assertThat(c.cpu()).isZero();
    assertThat(c.essential()).isTrue();
    assertThat(c.portMappings()).containsExactly(PortMapping.builder().containerPort(80).hostPort(80).protocol("tcp").build());
    assertThat(c.healthCheck().interval()).isEqualTo(30);
    assertThat(c.healthCheck().timeout()).isEqualTo(5);
    assertThat(c.healthCheck().retries()).isEqualTo(3);
    assertThat(c.hasEnvironment() && c.environment().isEmpty()).isTrue();
    assertThat(c.hasMountPoints() && c.mountPoints().isEmpty()).isTrue();
    assertThat(c.hasVolumesFrom() && c.volumesFrom().isEmpty()).isTrue();
    assertThat(td.hasVolumes() && td.volumes().isEmpty()).isTrue();
    assertThat(td.hasPlacementConstraints() && td.placementConstraints().isEmpty()).isTrue();
  }

  @Test
  void fargateDefinitionIsNormalisedAndCompatible() {
    TaskDefinition td = ecs.registerTaskDefinition(r -> r.family("on-fargate").networkMode("awsvpc")
        .requiresCompatibilitiesWithStrings("FARGATE").cpu("0.5 vCPU").memory("1 GB")
        .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx")
            .portMappings(PortMapping.builder().containerPort(8080).build()).build())).taskDefinition();
    assertThat(td.cpu()).isEqualTo("512");
    assertThat(td.memory()).isEqualTo("1024");
    assertThat(td.compatibilitiesAsStrings()).contains("FARGATE", "EC2");
    assertThat(td.containerDefinitions().get(0).portMappings().get(0).hostPort()).isEqualTo(8080);
  }

  @Test
  void revisionsCountUpPerFamily() {
    assertThat(List.of(register("rev-a"), register("rev-a"), register("rev-b"), register("rev-a")))
        .extracting(TaskDefinition::taskDefinitionArn)
        .containsExactly(arn("rev-a", 1), arn("rev-a", 2), arn("rev-b", 1), arn("rev-a", 3));
  }

  @Test
  void describeByFamilyRevisionAndArn() {
    register("lookup");
    TaskDefinition second = ecs.registerTaskDefinition(r -> r.family("lookup").containerDefinitions(ContainerDefinition
        .builder().name("main").image("busybox:1.37").memory(64).build())).taskDefinition();
    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("lookup")).taskDefinition()).isEqualTo(second);
    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("lookup:2")).taskDefinition()).isEqualTo(second);
    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition(arn("lookup", 2))).taskDefinition()).isEqualTo(second);
    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("lookup:1")).taskDefinition().containerDefinitions()
        .get(0).image()).isEqualTo("busybox:1.36");

    // The latest ACTIVE revision: deregistering 2 makes the family name mean 1.
    ecs.deregisterTaskDefinition(r -> r.taskDefinition("lookup:2"));
    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("lookup")).taskDefinition().revision()).isEqualTo(1);
    // An INACTIVE revision can still be described by number.
    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("lookup:2")).taskDefinition().status()).hasToString("INACTIVE");

    ClientException missing = expect(ClientException.class, () -> ecs.describeTaskDefinition(r -> r.taskDefinition("lookup:9")));
    assertThat(missing.awsErrorDetails().errorMessage()).contains("Unable to describe task definition");
    expect(ClientException.class, () -> ecs.describeTaskDefinition(r -> r.taskDefinition("no-such-family")));
    expect(ClientException.class, () -> ecs.describeTaskDefinition(r -> r.taskDefinition(
        "arn:aws:ecs:eu-west-1:" + GantryProcess.ACCOUNT + ":task-definition/lookup:1")));
  }

  @Test
  void describeIncludesTagsOnlyWhenAsked() {
    ecs.registerTaskDefinition(r -> r.family("tagged").tags(Tag.builder().key("a").value("1").build(),
            Tag.builder().key("b").value("2").build())
        .containerDefinitions(ContainerDefinition.builder().name("main").image("busybox").memory(32).build()));
    var withTags = ecs.describeTaskDefinition(r -> r.taskDefinition("tagged:1").include(TaskDefinitionField.TAGS));
    assertThat(withTags.tags()).containsExactlyInAnyOrder(Tag.builder().key("a").value("1").build(),
        Tag.builder().key("b").value("2").build());
    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("tagged:1")).tags()).isEmpty();
  }

  @Test
  void listFiltersSortsAndPages() {
    for (int i = 0; i < 3; i++) {
      register("listed");
    }
    register("listed-other");
    register("zz-last");
    ecs.deregisterTaskDefinition(r -> r.taskDefinition("listed:2"));

    assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("listed")).taskDefinitionArns())
        .containsExactly(arn("listed", 1), arn("listed", 3));
    assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("listed").sort("DESC")).taskDefinitionArns())
        .containsExactly(arn("listed", 3), arn("listed", 1));
    assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("listed").status("INACTIVE")).taskDefinitionArns())
        .containsExactly(arn("listed", 2));

    List<String> all = ecs.listTaskDefinitions(r -> r.maxResults(100)).taskDefinitionArns();
    assertThat(all).contains(arn("listed", 1), arn("listed-other", 1), arn("zz-last", 1)).doesNotContain(arn("listed", 2));
    assertThat(all.indexOf(arn("listed", 3))).isLessThan(all.indexOf(arn("listed-other", 1)));

    List<String> paged = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      ListTaskDefinitionsResponse page = ecs.listTaskDefinitions(r -> r.maxResults(2).nextToken(next));
      assertThat(page.taskDefinitionArns()).hasSizeLessThanOrEqualTo(2);
      paged.addAll(page.taskDefinitionArns());
      token = page.nextToken();
      pages++;
    } while (token != null && pages < 1000);
    assertThat(paged).isEqualTo(all);
    assertThat(ecs.listTaskDefinitionsPaginator(r -> r.maxResults(1).sort("DESC")).taskDefinitionArns())
        .containsExactlyElementsOf(reversed(all));

    expect(InvalidParameterException.class, () -> ecs.listTaskDefinitions(r -> r.maxResults(0)));
    expect(InvalidParameterException.class, () -> ecs.listTaskDefinitions(r -> r.status("GONE")));
  }

  @Test
  void listFamiliesByPrefixAndStatus() {
    register("fam-alpha");
    register("fam-beta");
    register("fam-gamma");
    ecs.deregisterTaskDefinition(r -> r.taskDefinition("fam-gamma:1"));

    assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("fam-")).families())
        .containsExactly("fam-alpha", "fam-beta", "fam-gamma");
    assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("fam-").status("ACTIVE")).families())
        .containsExactly("fam-alpha", "fam-beta");
    assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("fam-").status("INACTIVE")).families())
        .containsExactly("fam-gamma");
    assertThat(ecs.listTaskDefinitionFamiliesPaginator(r -> r.familyPrefix("fam-").maxResults(1)).families())
        .containsExactly("fam-alpha", "fam-beta", "fam-gamma");
  }

  @Test
  void deregisterMakesARevisionInactive() {
    register("retired");
    TaskDefinition td = ecs.deregisterTaskDefinition(r -> r.taskDefinition("retired:1")).taskDefinition();
    assertThat(td.status()).hasToString("INACTIVE");
    assertThat(td.deregisteredAt()).isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now().plusSeconds(5));
    assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("retired")).taskDefinitionArns()).isEmpty();
    // Deregistering again answers the INACTIVE revision.
    assertThat(ecs.deregisterTaskDefinition(r -> r.taskDefinition(arn("retired", 1))).taskDefinition().status())
        .hasToString("INACTIVE");
    expect(ClientException.class, () -> ecs.deregisterTaskDefinition(r -> r.taskDefinition("retired:7")));
    // A bare family names no single revision; ECS wants family:revision or an ARN here.
    expect(EcsException.class, () -> ecs.deregisterTaskDefinition(r -> r.taskDefinition("retired")),
        ClientException.class, InvalidParameterException.class);
  }

  private static List<String> reversed(List<String> list) {
    List<String> copy = new ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  @Test
  void deleteAcceptsInactiveAndReportsActiveAsAFailure() {
    register("deleted");
    register("deleted");
    ecs.deregisterTaskDefinition(r -> r.taskDefinition("deleted:1"));
    DeleteTaskDefinitionsResponse out = ecs.deleteTaskDefinitions(r -> r.taskDefinitions("deleted:1", "deleted:2", "deleted:5"));
    assertThat(out.taskDefinitions()).singleElement().satisfies(td -> {
      assertThat(td.taskDefinitionArn()).isEqualTo(arn("deleted", 1));
      assertThat(td.status()).hasToString("DELETE_IN_PROGRESS");
      assertThat(td.deleteRequestedAt()).isNotNull();
    });
    assertThat(out.failures()).hasSize(2);
    assertThat(out.failures().get(0).arn()).isEqualTo(arn("deleted", 2));
    assertThat(out.failures().get(0).reason()).contains("ACTIVE");
    assertThat(out.failures().get(1).arn()).isEqualTo(arn("deleted", 5));
    assertThat(out.failures().get(1).reason()).isNotBlank();

    assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition("deleted:1")).taskDefinition().status())
        .hasToString("DELETE_IN_PROGRESS");
    assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("deleted").status("INACTIVE")).taskDefinitionArns()).isEmpty();
    assertThat(ecs.listTaskDefinitions(r -> r.familyPrefix("deleted").status("DELETE_IN_PROGRESS")).taskDefinitionArns())
        .containsExactly(arn("deleted", 1));
    // Deleting again is harmless and answers the same state.
    assertThat(ecs.deleteTaskDefinitions(r -> r.taskDefinitions("deleted:1")).taskDefinitions())
        .singleElement().extracting(TaskDefinition::statusAsString).isEqualTo("DELETE_IN_PROGRESS");
    expect(InvalidParameterException.class, () -> ecs.deleteTaskDefinitions(r -> r.taskDefinitions(
        "a:1", "a:2", "a:3", "a:4", "a:5", "a:6", "a:7", "a:8", "a:9", "a:10", "a:11")));
  }

  @Test
  void concurrentRegistrationsGetDistinctConsecutiveRevisions() throws Exception {
    int threads = 8;
    int each = 15;
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<List<Integer>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          List<Integer> revisions = new ArrayList<>();
          for (int i = 0; i < each; i++) {
            revisions.add(register("racing").revision());
          }
          return revisions;
        }));
      }
      List<Integer> all = new ArrayList<>();
      for (var f : futures) {
        all.addAll(f.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(all).doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, threads * each).boxed().toList());
      assertThat(ecs.listTaskDefinitionsPaginator(r -> r.familyPrefix("racing")).taskDefinitionArns()).hasSize(threads * each);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void fargateWithAnUnsupportedSizeIsAClientError() {
    ClientException e = expect(ClientException.class, () -> ecs.registerTaskDefinition(r -> r.family("bad-size")
        .networkMode("awsvpc").requiresCompatibilitiesWithStrings("FARGATE").cpu("256").memory("4096")
        .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").build())));
    assertThat(e.awsErrorDetails().errorMessage()).contains("Fargate").contains("256").contains("4096");
    ClientException bridge = expect(ClientException.class, () -> ecs.registerTaskDefinition(r -> r.family("bad-mode")
        .networkMode("bridge").requiresCompatibilitiesWithStrings("FARGATE").cpu("256").memory("512")
        .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").build())));
    assertThat(bridge.awsErrorDetails().errorMessage()).contains("awsvpc");
  }

  @Test
  void missingImageIsAClientError() {
    ClientException e = expect(ClientException.class, () -> ecs.registerTaskDefinition(r -> r.family("no-image")
        .containerDefinitions(ContainerDefinition.builder().name("web").memory(64).build())));
    assertThat(e.awsErrorDetails().errorMessage()).contains("image");
  }

  @Test
  void duplicateContainerNamesAreAClientError() {
    ContainerDefinition web = ContainerDefinition.builder().name("web").image("nginx").memory(64).build();
    ClientException e = expect(ClientException.class, () -> ecs.registerTaskDefinition(r -> r.family("twins")
        .containerDefinitions(web, web)));
    assertThat(e.awsErrorDetails().errorMessage()).contains("unique").contains("web");
  }

  @Test
  void awsvpcHostPortMustEqualContainerPort() {
    ClientException e = expect(ClientException.class, () -> ecs.registerTaskDefinition(r -> r.family("ports")
        .networkMode("awsvpc").containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").memory(64)
            .portMappings(PortMapping.builder().containerPort(80).hostPort(8080).build()).build())));
    assertThat(e.awsErrorDetails().errorMessage()).contains("awsvpc").contains("host ports");
  }

  @Test
  void otherInvalidDefinitionsNameTheProblem() {
    ClientException noMemory = expect(ClientException.class, () -> ecs.registerTaskDefinition(r -> r.family("no-memory")
        .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").build())));
    assertThat(noMemory.awsErrorDetails().errorMessage()).contains("memory");
    expect(ClientException.class, () -> ecs.registerTaskDefinition(r -> r.family("bad family!")
        .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").memory(64).build())));
    expect(ClientException.class, () -> ecs.registerTaskDefinition(r -> r.family("empty").containerDefinitions(List.of())));
    expect(ClientException.class, () -> ecs.registerTaskDefinition(r -> r.family("unknown-dep")
        .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").memory(64)
            .dependsOn(d -> d.containerName("ghost").condition("START")).build())));
    InvalidParameterException badTag = expect(InvalidParameterException.class, () -> ecs.registerTaskDefinition(r -> r.family("bad-tag")
        .tags(Tag.builder().key("aws:reserved").value("x").build())
        .containerDefinitions(ContainerDefinition.builder().name("web").image("nginx").memory(64).build())));
    assertThat(badTag.awsErrorDetails().errorMessage()).contains("aws:");
    // Nothing of the rejected families was stored.
    assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("no-memory")).families()).isEmpty();
    assertThat(ecs.listTaskDefinitionFamilies(r -> r.familyPrefix("bad-tag")).families()).isEmpty();
  }
}
