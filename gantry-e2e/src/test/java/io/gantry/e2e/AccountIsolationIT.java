package io.gantry.e2e;

import static io.gantry.e2e.support.EcsErrors.expect;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ClientException;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Two access keys in two accounts, from one credentials file: each account sees only its own
 * resources, and every ARN carries the account of the key that made it.
 */
class AccountIsolationIT {
  static final String OTHER_ACCOUNT = "111111111111";
  static final String OTHER_KEY = "AKGAOTHERACCOUNTKEY1";
  static final String OTHER_SECRET = "other/account/secret/key/abcdefghijklmnop";

  @TempDir static Path dir;
  static GantryProcess server;
  static EcsClient mine;
  static EcsClient theirs;

  @BeforeAll
  static void start() throws Exception {
    Path data = dir.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("credentials"), "# written by AccountIsolationIT\n"
        + "[default]\n"
        + "aws_access_key_id = " + GantryProcess.ACCESS_KEY + "\n"
        + "aws_secret_access_key = " + GantryProcess.SECRET_KEY + "\n"
        + "\n"
        + "[other]\n"
        + "aws_access_key_id = " + OTHER_KEY + "\n"
        + "aws_secret_access_key = " + OTHER_SECRET + "\n"
        + "aws_account_id = " + OTHER_ACCOUNT + "\n", StandardCharsets.UTF_8);
    server = GantryProcess.start(data);
    mine = Clients.ecs(server.endpoint());
    theirs = Clients.ecs(server.endpoint(), OTHER_KEY, OTHER_SECRET, "us-east-1");
  }

  @AfterAll
  static void stop() throws Exception {
    mine.close();
    theirs.close();
    server.close();
  }

  @Test
  void clustersAreSeparatePerAccount() {
    String myArn = mine.createCluster(r -> r.clusterName("shared-name")).cluster().clusterArn();
    String theirArn = theirs.createCluster(r -> r.clusterName("shared-name")).cluster().clusterArn();
    theirs.createCluster(r -> r.clusterName("only-theirs"));
    assertThat(myArn).isEqualTo("arn:aws:ecs:us-east-1:" + GantryProcess.ACCOUNT + ":cluster/shared-name");
    assertThat(theirArn).isEqualTo("arn:aws:ecs:us-east-1:" + OTHER_ACCOUNT + ":cluster/shared-name");

    assertThat(mine.listClusters().clusterArns()).contains(myArn).noneMatch(a -> a.contains(OTHER_ACCOUNT));
    assertThat(theirs.listClusters().clusterArns()).containsExactlyInAnyOrder(theirArn,
        "arn:aws:ecs:us-east-1:" + OTHER_ACCOUNT + ":cluster/only-theirs");
    assertThat(mine.describeClusters(r -> r.clusters("only-theirs")).failures()).singleElement()
        .extracting(f -> f.reason()).isEqualTo("MISSING");
    // Naming the other account's cluster by its full ARN finds nothing either.
    assertThat(mine.describeClusters(r -> r.clusters(theirArn)).clusters()).isEmpty();

    // Deleting my cluster leaves theirs of the same name alone.
    mine.deleteCluster(r -> r.cluster("shared-name"));
    assertThat(theirs.describeClusters(r -> r.clusters("shared-name")).clusters().get(0).status()).isEqualTo("ACTIVE");
    expect(ClusterNotFoundException.class, () -> mine.deleteCluster(r -> r.cluster(
        "arn:aws:ecs:us-east-1:" + OTHER_ACCOUNT + ":cluster/only-theirs")));
    assertThat(theirs.describeClusters(r -> r.clusters("only-theirs")).clusters().get(0).status()).isEqualTo("ACTIVE");
  }

  @Test
  void taskDefinitionsAndTagsAreSeparatePerAccount() {
    var def = ContainerDefinition.builder().name("main").image("busybox").memory(32).build();
    mine.registerTaskDefinition(r -> r.family("iso").containerDefinitions(def));
    mine.registerTaskDefinition(r -> r.family("iso").containerDefinitions(def));
    String theirArn = theirs.registerTaskDefinition(r -> r.family("iso").containerDefinitions(def))
        .taskDefinition().taskDefinitionArn();
    assertThat(theirArn).isEqualTo("arn:aws:ecs:us-east-1:" + OTHER_ACCOUNT + ":task-definition/iso:1");
    assertThat(theirs.listTaskDefinitions(r -> r.familyPrefix("iso")).taskDefinitionArns()).containsExactly(theirArn);
    assertThat(mine.listTaskDefinitions(r -> r.familyPrefix("iso")).taskDefinitionArns()).hasSize(2)
        .allMatch(a -> a.contains(":" + GantryProcess.ACCOUNT + ":"));
    expect(ClientException.class, () -> mine.describeTaskDefinition(r -> r.taskDefinition(theirArn)));

    // Tagging another account's resource by ARN is refused, and leaves its tags untouched.
    theirs.tagResource(r -> r.resourceArn(theirArn).tags(Tag.builder().key("owner").value("them").build()));
    assertThat(catchAny(() -> mine.tagResource(r -> r.resourceArn(theirArn)
        .tags(Tag.builder().key("owner").value("me").build())))).isNotNull();
    assertThat(theirs.listTagsForResource(r -> r.resourceArn(theirArn)).tags())
        .containsExactly(Tag.builder().key("owner").value("them").build());
  }

  @Test
  void accountSettingsAreSeparatePerAccount() {
    var theirSetting = theirs.putAccountSetting(r -> r.name(SettingName.TASK_LONG_ARN_FORMAT).value("disabled")).setting();
    assertThat(theirSetting.principalArn()).startsWith("arn:aws:iam::" + OTHER_ACCOUNT + ":");
    assertThat(mine.listAccountSettings(r -> r.name(SettingName.TASK_LONG_ARN_FORMAT).effectiveSettings(true)).settings())
        .singleElement().satisfies(s -> {
          assertThat(s.value()).isEqualTo("enabled");
          assertThat(s.principalArn()).startsWith("arn:aws:iam::" + GantryProcess.ACCOUNT + ":");
        });
  }

  private static Throwable catchAny(Runnable r) {
    try {
      r.run();
      return null;
    } catch (RuntimeException e) {
      assertThat(e).isInstanceOf(software.amazon.awssdk.services.ecs.model.EcsException.class);
      assertThat(((software.amazon.awssdk.services.ecs.model.EcsException) e).statusCode()).isEqualTo(400);
      return e;
    }
  }
}
