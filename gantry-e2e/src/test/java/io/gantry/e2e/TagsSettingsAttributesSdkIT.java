package io.gantry.e2e;

import static io.gantry.e2e.support.EcsErrors.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Attribute;
import software.amazon.awssdk.services.ecs.model.AttributeLimitExceededException;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerInstance;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceField;
import software.amazon.awssdk.services.ecs.model.ContainerInstanceStatus;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.Resource;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TargetNotFoundException;

/** Tags, account settings, container instances and attributes through the AWS SDK for Java v2. */
class TagsSettingsAttributesSdkIT {
  static final String ROOT = "arn:aws:iam::" + GantryProcess.ACCOUNT + ":root";
  @TempDir static Path dir;
  static GantryProcess server;
  static EcsClient ecs;
  static String clusterArn;
  static String taskDefinitionArn;

  @BeforeAll
  static void start() throws Exception {
    server = GantryProcess.start(dir.resolve("data"));
    ecs = Clients.ecs(server.endpoint());
    clusterArn = ecs.createCluster(r -> r.clusterName("tagged")).cluster().clusterArn();
    taskDefinitionArn = ecs.registerTaskDefinition(r -> r.family("tagged").containerDefinitions(
        ContainerDefinition.builder().name("main").image("busybox").memory(32).build())).taskDefinition().taskDefinitionArn();
  }

  @AfterAll
  static void stop() throws Exception {
    ecs.close();
    server.close();
  }

  static Tag tag(String key, String value) {
    return Tag.builder().key(key).value(value).build();
  }

  static ContainerInstance registerInstance(String cluster) {
    return ecs.registerContainerInstance(r -> r.cluster(cluster).totalResources(
        Resource.builder().name("CPU").type("INTEGER").integerValue(4096).build(),
        Resource.builder().name("MEMORY").type("INTEGER").integerValue(8192).build(),
        Resource.builder().name("PORTS").type("STRINGSET").stringSetValue("22", "2375").build())).containerInstance();
  }

  static List<Tag> tagsOf(String arn) {
    return ecs.listTagsForResource(r -> r.resourceArn(arn)).tags();
  }

  private static void tagUntagList(String arn) {
    assertThat(tagsOf(arn)).isEmpty();
    ecs.tagResource(r -> r.resourceArn(arn).tags(tag("team", "web"), tag("env", "dev")));
    assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("team", "web"), tag("env", "dev"));
    ecs.tagResource(r -> r.resourceArn(arn).tags(tag("env", "prod"), tag("empty", "")));
    assertThat(tagsOf(arn)).containsExactlyInAnyOrder(tag("team", "web"), tag("env", "prod"), tag("empty", ""));
    ecs.untagResource(r -> r.resourceArn(arn).tagKeys("team", "empty", "never-set"));
    assertThat(tagsOf(arn)).containsExactly(tag("env", "prod"));
    ecs.untagResource(r -> r.resourceArn(arn).tagKeys("env"));
    assertThat(tagsOf(arn)).isEmpty();
  }

  @Test
  void tagsOnACluster() {
    tagUntagList(clusterArn);
  }

  @Test
  void tagsOnATaskDefinition() {
    tagUntagList(taskDefinitionArn);
  }

  @Test
  void tagsOnAContainerInstance() {
    ecs.createCluster(r -> r.clusterName("instance-tags"));
    ContainerInstance instance = registerInstance("instance-tags");
    tagUntagList(instance.containerInstanceArn());
    ecs.tagResource(r -> r.resourceArn(instance.containerInstanceArn()).tags(tag("rack", "r7")));
    ContainerInstance described = ecs.describeContainerInstances(r -> r.cluster("instance-tags")
        .containerInstances(instance.containerInstanceArn()).include(ContainerInstanceField.TAGS)).containerInstances().get(0);
    assertThat(described.tags()).containsExactly(tag("rack", "r7"));
  }

  @Test
  void fiftyTagsAreTheLimit() {
    ecs.createCluster(r -> r.clusterName("many-tags"));
    String arn = "arn:aws:ecs:us-east-1:" + GantryProcess.ACCOUNT + ":cluster/many-tags";
    List<Tag> fiftyOne = IntStream.rangeClosed(1, 51).mapToObj(i -> tag("k" + i, "v" + i)).toList();
    InvalidParameterException tooMany = expect(InvalidParameterException.class,
        () -> ecs.tagResource(r -> r.resourceArn(arn).tags(fiftyOne)));
    assertThat(tooMany.awsErrorDetails().errorMessage()).contains("50");
    assertThat(tagsOf(arn)).isEmpty();

    ecs.tagResource(r -> r.resourceArn(arn).tags(fiftyOne.subList(0, 50)));
    assertThat(tagsOf(arn)).hasSize(50);
    // Overwriting an existing key is fine at the limit; a 51st key is not.
    ecs.tagResource(r -> r.resourceArn(arn).tags(tag("k1", "changed")));
    expect(InvalidParameterException.class, () -> ecs.tagResource(r -> r.resourceArn(arn).tags(tag("k51", "v51"))));
    assertThat(tagsOf(arn)).hasSize(50).contains(tag("k1", "changed"));

    expect(InvalidParameterException.class, () -> ecs.createCluster(r -> r.clusterName("too-many-tags").tags(fiftyOne)));
  }

  @Test
  void theAwsPrefixIsReserved() {
    InvalidParameterException e = expect(InvalidParameterException.class,
        () -> ecs.tagResource(r -> r.resourceArn(clusterArn).tags(tag("aws:owner", "me"))));
    assertThat(e.awsErrorDetails().errorMessage()).contains("aws:");
    expect(InvalidParameterException.class, () -> ecs.tagResource(r -> r.resourceArn(clusterArn).tags(tag("AWS:owner", "me"))));
    expect(InvalidParameterException.class, () -> ecs.tagResource(r -> r.resourceArn(clusterArn).tags(tag("", "x"))));
    expect(InvalidParameterException.class, () -> ecs.tagResource(r -> r.resourceArn(clusterArn).tags(tag("k".repeat(129), "x"))));
  }

  @Test
  void unknownResourcesAreClientErrors() {
    String prefix = "arn:aws:ecs:us-east-1:" + GantryProcess.ACCOUNT + ":";
    expect(ClusterNotFoundException.class, () -> tagsOf(prefix + "cluster/ghost"));
    expect(ClusterNotFoundException.class, () -> ecs.tagResource(r -> r.resourceArn(prefix + "cluster/ghost").tags(tag("a", "b"))));
    for (String arn : List.of(prefix + "task-definition/ghost:1", prefix + "container-instance/tagged/0123456789abcdef0123456789abcdef")) {
      // ListTagsForResource declares no ResourceNotFoundException; any client error naming the problem will do.
      EcsException listed = expect(EcsException.class, () -> tagsOf(arn), ResourceNotFoundException.class,
          InvalidParameterException.class, ClientException.class);
      assertThat(listed.awsErrorDetails().errorMessage()).isNotBlank();
      expect(ResourceNotFoundException.class, () -> ecs.tagResource(r -> r.resourceArn(arn).tags(tag("a", "b"))));
      expect(ResourceNotFoundException.class, () -> ecs.untagResource(r -> r.resourceArn(arn).tagKeys("a")));
    }
    expect(InvalidParameterException.class, () -> tagsOf("not-an-arn"));
    expect(InvalidParameterException.class, () -> tagsOf("arn:aws:s3:::bucket"));
  }

  @Test
  void accountSettingsPutListAndDelete() {
    Setting own = ecs.putAccountSetting(r -> r.name(SettingName.SERVICE_LONG_ARN_FORMAT).value("enabled")).setting();
    assertThat(own.nameAsString()).isEqualTo("serviceLongArnFormat");
    assertThat(own.value()).isEqualTo("enabled");
    assertThat(own.principalArn()).isEqualTo(ROOT);

    Setting dflt = ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enhanced")).setting();
    assertThat(dflt.nameAsString()).isEqualTo("containerInsights");
    assertThat(dflt.value()).isEqualTo("enhanced");

    assertThat(ecs.listAccountSettings(r -> { }).settings())
        .extracting(Setting::nameAsString).contains("serviceLongArnFormat").doesNotHaveDuplicates();

    assertThat(ecs.listAccountSettings(r -> r.effectiveSettings(true).name(SettingName.CONTAINER_INSIGHTS)).settings())
        .singleElement().extracting(Setting::value).isEqualTo("enhanced");
    assertThat(ecs.listAccountSettings(r -> r.effectiveSettings(true).name(SettingName.AWSVPC_TRUNKING).value("enabled"))
        .settings()).isEmpty();
    assertThat(ecs.listAccountSettings(r -> r.effectiveSettings(true).name(SettingName.AWSVPC_TRUNKING).value("disabled"))
        .settings()).hasSize(1);

    Setting deleted = ecs.deleteAccountSetting(r -> r.name(SettingName.SERVICE_LONG_ARN_FORMAT)).setting();
    assertThat(deleted.nameAsString()).isEqualTo("serviceLongArnFormat");
    assertThat(ecs.listAccountSettings(r -> r.name(SettingName.SERVICE_LONG_ARN_FORMAT)).settings()).isEmpty();

    expect(InvalidParameterException.class, () -> ecs.putAccountSetting(r -> r.name("notASetting").value("enabled")));
    expect(InvalidParameterException.class, () -> ecs.putAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).value("maybe")));
    expect(InvalidParameterException.class, () -> ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("on!")));
    expect(InvalidParameterException.class, () -> ecs.listAccountSettings(r -> r.maxResults(11)));
  }

  @Test
  void effectiveSettingsPageThroughEveryName() {
    ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enhanced"));
    assertThat(ecs.listAccountSettings(r -> r.effectiveSettings(true)).settings()).hasSizeLessThanOrEqualTo(10);
    // Bounded, so a server whose nextToken never advances fails here instead of paging forever.
    List<Setting> all = ecs.listAccountSettingsPaginator(r -> r.effectiveSettings(true).maxResults(3)).settings()
        .stream().limit(100).toList();
    assertThat(all).extracting(Setting::nameAsString).doesNotHaveDuplicates()
        .contains("serviceLongArnFormat", "taskLongArnFormat", "containerInstanceLongArnFormat", "awsvpcTrunking",
            "containerInsights", "fargateFIPSMode", "tagResourceAuthorization", "fargateTaskRetirementWaitPeriod",
            "guardDutyActivate", "defaultLogDriverMode");
    assertThat(all).filteredOn(s -> s.nameAsString().equals("containerInsights")).singleElement()
        .extracting(Setting::value).isEqualTo("enhanced");
    assertThat(all).filteredOn(s -> s.nameAsString().equals("awsvpcTrunking")).singleElement()
        .satisfies(s -> {
          assertThat(s.value()).isEqualTo("disabled");
          assertThat(s.typeAsString()).isEqualTo("aws_managed");
        });
    assertThat(all).allSatisfy(s -> assertThat(s.principalArn()).isEqualTo(ROOT));
  }

  @Test
  void containerInstancesListDescribeDrainAndDeregister() {
    ecs.createCluster(r -> r.clusterName("fleet"));
    ContainerInstance a = registerInstance("fleet");
    ContainerInstance b = registerInstance("fleet");
    assertThat(a.containerInstanceArn()).startsWith("arn:aws:ecs:us-east-1:" + GantryProcess.ACCOUNT + ":container-instance/fleet/");
    assertThat(a.registeredResources()).extracting(Resource::name).contains("CPU", "MEMORY", "PORTS");
    assertThat(a.agentConnected()).as("no agent session yet").isFalse();

    assertThat(ecs.listContainerInstances(r -> r.cluster("fleet")).containerInstanceArns())
        .containsExactlyInAnyOrder(a.containerInstanceArn(), b.containerInstanceArn());
    var drained = ecs.updateContainerInstancesState(r -> r.cluster("fleet").containerInstances(b.containerInstanceArn())
        .status(ContainerInstanceStatus.DRAINING));
    assertThat(drained.containerInstances()).singleElement().extracting(ContainerInstance::status).isEqualTo("DRAINING");
    assertThat(ecs.listContainerInstances(r -> r.cluster("fleet").status(ContainerInstanceStatus.DRAINING)).containerInstanceArns())
        .containsExactly(b.containerInstanceArn());
    var described = ecs.describeContainerInstances(r -> r.cluster("fleet")
        .containerInstances(a.containerInstanceArn(), "0123456789abcdef0123456789abcdef"));
    assertThat(described.containerInstances()).singleElement().extracting(ContainerInstance::status).isEqualTo("ACTIVE");
    assertThat(described.failures()).singleElement().extracting(f -> f.reason()).isEqualTo("MISSING");

    ContainerInstance gone = ecs.deregisterContainerInstance(r -> r.cluster("fleet").containerInstance(b.containerInstanceArn()))
        .containerInstance();
    assertThat(gone.status()).isEqualTo("INACTIVE");
    assertThat(ecs.listContainerInstances(r -> r.cluster("fleet")).containerInstanceArns())
        .containsExactly(a.containerInstanceArn());
    expect(ClusterNotFoundException.class, () -> ecs.listContainerInstances(r -> r.cluster("no-fleet")));
    expect(InvalidParameterException.class, () -> ecs.updateContainerInstancesState(r -> r.cluster("fleet")
        .containerInstances(a.containerInstanceArn()).status("REGISTERING")));
  }

  @Test
  void attributesPutListAndDelete() {
    ecs.createCluster(r -> r.clusterName("attrs"));
    ContainerInstance instance = registerInstance("attrs");
    String target = instance.containerInstanceArn();
    var put = ecs.putAttributes(r -> r.cluster("attrs").attributes(
        Attribute.builder().name("stack").value("prod").targetId(target).build(),
        Attribute.builder().name("gpu.capable").targetType("container-instance").targetId(target).build()));
    assertThat(put.attributes()).extracting(Attribute::name).containsExactly("stack", "gpu.capable");
    assertThat(put.attributes()).allSatisfy(a -> assertThat(a.targetId()).isEqualTo(target));

    List<Attribute> listed = ecs.listAttributes(r -> r.cluster("attrs").targetType("container-instance")).attributes();
    assertThat(listed).extracting(Attribute::name).contains("stack", "gpu.capable");
    assertThat(listed).filteredOn(a -> a.name().equals("stack")).singleElement().satisfies(a -> {
      assertThat(a.value()).isEqualTo("prod");
      assertThat(a.targetId()).isEqualTo(target);
    });
    assertThat(ecs.listAttributes(r -> r.cluster("attrs").targetType("container-instance")
        .attributeName("stack").attributeValue("prod")).attributes()).hasSize(1);
    assertThat(ecs.listAttributes(r -> r.cluster("attrs").targetType("container-instance")
        .attributeName("stack").attributeValue("dev")).attributes()).isEmpty();
    ContainerInstance described = ecs.describeContainerInstances(r -> r.cluster("attrs").containerInstances(target))
        .containerInstances().get(0);
    assertThat(described.attributes()).extracting(Attribute::name).contains("stack", "gpu.capable");

    var deleted = ecs.deleteAttributes(r -> r.cluster("attrs").attributes(
        Attribute.builder().name("gpu.capable").targetId(target).build()));
    assertThat(deleted.attributes()).extracting(Attribute::name).containsExactly("gpu.capable");
    assertThat(ecs.listAttributes(r -> r.cluster("attrs").targetType("container-instance").attributeName("gpu.capable"))
        .attributes()).isEmpty();
  }

  @Test
  void tenCustomAttributesAreTheLimit() {
    ecs.createCluster(r -> r.clusterName("attr-limit"));
    String target = registerInstance("attr-limit").containerInstanceArn();
    List<Attribute> ten = IntStream.rangeClosed(1, 10)
        .mapToObj(i -> Attribute.builder().name("custom" + i).value("v" + i).targetId(target).build()).toList();
    ecs.putAttributes(r -> r.cluster("attr-limit").attributes(ten));
    // Replacing one of the ten is fine; an eleventh is not.
    ecs.putAttributes(r -> r.cluster("attr-limit").attributes(
        Attribute.builder().name("custom1").value("again").targetId(target).build()));
    AttributeLimitExceededException e = expect(AttributeLimitExceededException.class, () -> ecs.putAttributes(r -> r
        .cluster("attr-limit").attributes(Attribute.builder().name("custom11").value("v").targetId(target).build())));
    assertThat(e.awsErrorDetails().errorMessage()).contains("10");
    assertThat(ecs.listAttributes(r -> r.cluster("attr-limit").targetType("container-instance").attributeName("custom11"))
        .attributes()).isEmpty();
  }

  @Test
  void attributesOfAMissingTargetAreTargetNotFound() {
    ecs.createCluster(r -> r.clusterName("attr-missing"));
    String ghost = "arn:aws:ecs:us-east-1:" + GantryProcess.ACCOUNT
        + ":container-instance/attr-missing/0123456789abcdef0123456789abcdef";
    TargetNotFoundException e = expect(TargetNotFoundException.class, () -> ecs.putAttributes(r -> r.cluster("attr-missing")
        .attributes(Attribute.builder().name("stack").value("prod").targetId(ghost).build())));
    assertThat(e.awsErrorDetails().errorMessage()).containsIgnoringCase("target");
    expect(TargetNotFoundException.class, () -> ecs.deleteAttributes(r -> r.cluster("attr-missing")
        .attributes(Attribute.builder().name("stack").targetId(ghost).build())));
    expect(ClusterNotFoundException.class, () -> ecs.putAttributes(r -> r.cluster("no-such-cluster")
        .attributes(Attribute.builder().name("stack").value("prod").targetId(ghost).build())));
    expect(InvalidParameterException.class, () -> ecs.listAttributes(r -> r.cluster("attr-missing").targetType("task")));
  }
}
