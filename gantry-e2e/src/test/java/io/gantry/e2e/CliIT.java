package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.CliHome;
import io.gantry.e2e.support.GantryProcess;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same operations through the AWS CLI v2 as users type them: every implemented operation at
 * least once, the CLI's own pagination, {@code --cli-input-json}, and errors as exit code plus
 * error type on stderr. The CLI's bundled ECS model predates DeleteTaskDefinitions, so that one
 * runs with the current model installed in the CLI's home ({@link CliHome}).
 */
class CliIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ACCOUNT = GantryProcess.ACCOUNT;
  @TempDir static Path dir;
  static GantryProcess server;
  static AwsCli aws;
  static AwsCli current;

  @BeforeAll
  static void start() throws Exception {
    server = GantryProcess.start(dir.resolve("data"));
    aws = new AwsCli(server.endpoint(), Files.createDirectories(dir.resolve("cli-home")));
    current = new AwsCli(server.endpoint(), CliHome.withCurrentEcsModel(Files.createDirectories(dir.resolve("cli-home-current"))));
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
  }

  static JsonNode ok(String... args) throws Exception {
    return ok(aws, args);
  }

  static JsonNode ok(AwsCli cli, String... args) throws Exception {
    AwsCli.Result r = cli.ecs(args);
    assertThat(r.exitCode()).as("aws ecs %s\nstderr: %s", String.join(" ", args), r.stderr()).isZero();
    return r.stdout().isBlank() ? JSON.createObjectNode() : r.json();
  }

  /** Runs a command that must fail with {@code errorType}: exit code 254 (service error) or 255, and the type on stderr. */
  static String fails(String errorType, String... args) throws Exception {
    AwsCli.Result r = aws.ecs(args);
    assertThat(r.exitCode()).as("aws ecs %s\nstdout: %s\nstderr: %s", String.join(" ", args), r.stdout(), r.stderr())
        .isIn(254, 255);
    assertThat(r.stderr()).as("stderr of aws ecs %s", String.join(" ", args)).contains(errorType);
    return r.stderr();
  }

  static String clusterArn(String name) {
    return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/" + name;
  }

  static String taskDefinitionArn(String family, int revision) {
    return "arn:aws:ecs:us-east-1:" + ACCOUNT + ":task-definition/" + family + ":" + revision;
  }

  static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void clusterLifecycle() throws Exception {
    JsonNode created = ok("create-cluster", "--cluster-name", "cli",
        "--tags", "key=team,value=web",
        "--settings", "name=containerInsights,value=enabled",
        "--capacity-providers", "FARGATE", "FARGATE_SPOT",
        "--default-capacity-provider-strategy", "capacityProvider=FARGATE,weight=1,base=1",
        "--configuration", "executeCommandConfiguration={logging=DEFAULT}");
    assertThat(created.path("cluster").path("clusterArn").asText()).isEqualTo(clusterArn("cli"));
    assertThat(created.path("cluster").path("status").asText()).isEqualTo("ACTIVE");

    JsonNode described = ok("describe-clusters", "--clusters", "cli", "missing",
        "--include", "TAGS", "SETTINGS", "STATISTICS", "CONFIGURATIONS");
    JsonNode cluster = described.path("clusters").get(0);
    assertThat(cluster.path("tags")).hasSize(1);
    assertThat(cluster.path("tags").get(0).path("key").asText()).isEqualTo("team");
    assertThat(cluster.path("settings").get(0).path("value").asText()).isEqualTo("enabled");
    assertThat(cluster.path("statistics").size()).isPositive();
    assertThat(cluster.path("configuration").path("executeCommandConfiguration").path("logging").asText()).isEqualTo("DEFAULT");
    assertThat(cluster.path("capacityProviders")).hasSize(2);
    assertThat(described.path("failures").get(0).path("reason").asText()).isEqualTo("MISSING");
    assertThat(described.path("failures").get(0).path("arn").asText()).isEqualTo(clusterArn("missing"));

    assertThat(texts(ok("list-clusters").path("clusterArns"))).contains(clusterArn("cli"));

    JsonNode updated = ok("update-cluster", "--cluster", "cli", "--settings", "name=containerInsights,value=disabled");
    assertThat(updated.path("cluster").path("settings").get(0).path("value").asText()).isEqualTo("disabled");
    JsonNode settings = ok("update-cluster-settings", "--cluster", "cli", "--settings", "name=containerInsights,value=enhanced");
    assertThat(settings.path("cluster").path("settings").get(0).path("value").asText()).isEqualTo("enhanced");
    JsonNode providers = ok("put-cluster-capacity-providers", "--cluster", "cli", "--capacity-providers", "FARGATE",
        "--default-capacity-provider-strategy", "capacityProvider=FARGATE,weight=2");
    assertThat(texts(providers.path("cluster").path("capacityProviders"))).containsExactly("FARGATE");
    assertThat(providers.path("cluster").path("defaultCapacityProviderStrategy").get(0).path("weight").asInt()).isEqualTo(2);

    JsonNode deleted = ok("delete-cluster", "--cluster", "cli");
    assertThat(deleted.path("cluster").path("status").asText()).isEqualTo("INACTIVE");
    assertThat(texts(ok("list-clusters").path("clusterArns"))).doesNotContain(clusterArn("cli"));
    assertThat(ok("describe-clusters", "--clusters", "cli").path("clusters").get(0).path("status").asText()).isEqualTo("INACTIVE");
  }

  @Test
  void clusterErrors() throws Exception {
    fails("ClusterNotFoundException", "delete-cluster", "--cluster", "never-was");
    fails("ClusterNotFoundException", "update-cluster-settings", "--cluster", "never-was",
        "--settings", "name=containerInsights,value=enabled");
    fails("InvalidParameterException", "create-cluster", "--cluster-name", "bad name");
    fails("InvalidParameterException", "put-cluster-capacity-providers", "--cluster", "default",
        "--capacity-providers", "NOPE", "--default-capacity-provider-strategy", "[]");
  }

  @Test
  void registerABigDefinitionFromCliInputJson() throws Exception {
    Path input = dir.resolve("full.json");
    try (InputStream in = CliIT.class.getResourceAsStream("/taskdefs/full.json")) {
      Files.copy(in, input, StandardCopyOption.REPLACE_EXISTING);
    }
    JsonNode sent = JSON.readTree(input.toFile());
    JsonNode registered = ok("register-task-definition", "--cli-input-json", "file://" + input);
    assertThat(registered.path("taskDefinition").path("taskDefinitionArn").asText()).isEqualTo(taskDefinitionArn("cli-full", 1));
    assertThat(registered.path("tags")).hasSize(2);

    JsonNode described = ok("describe-task-definition", "--task-definition", "cli-full", "--include", "TAGS");
    JsonNode td = described.path("taskDefinition");
    assertThat(described.path("tags")).isEqualTo(sent.path("tags"));
    for (Iterator<Map.Entry<String, JsonNode>> it = sent.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      if (!member.getKey().equals("tags") && !member.getKey().equals("containerDefinitions")) {
        assertThat(td.path(member.getKey())).as("task definition member %s", member.getKey()).isEqualTo(member.getValue());
      }
    }
    for (int i = 0; i < sent.path("containerDefinitions").size(); i++) {
      JsonNode want = sent.path("containerDefinitions").get(i);
      JsonNode got = td.path("containerDefinitions").get(i);
      for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        assertThat(got.path(member.getKey())).as("container %s member %s", want.path("name").asText(), member.getKey())
            .isEqualTo(member.getValue());
      }
    }
  }

  @Test
  void taskDefinitionLifecycle() throws Exception {
    String containers = "[{\"name\":\"web\",\"image\":\"busybox\",\"memory\":64,\"essential\":true,"
        + "\"command\":[\"httpd\",\"-f\",\"-p\",\"8080\"],\"portMappings\":[{\"containerPort\":8080}]}]";
    for (int i = 1; i <= 5; i++) {
      JsonNode r = ok("register-task-definition", "--family", "cli-paged", "--container-definitions", containers);
      assertThat(r.path("taskDefinition").path("revision").asInt()).isEqualTo(i);
    }
    ok("register-task-definition", "--family", "cli-other", "--container-definitions", containers);

    JsonNode described = ok("describe-task-definition", "--task-definition", "cli-paged:3");
    assertThat(described.path("taskDefinition").path("containerDefinitions").get(0).path("portMappings").get(0)
        .path("protocol").asText()).isEqualTo("tcp");

    // The CLI pages by itself: --page-size 2 makes three calls and prints one merged list.
    JsonNode all = ok("list-task-definitions", "--family-prefix", "cli-paged", "--page-size", "2");
    assertThat(texts(all.path("taskDefinitionArns"))).containsExactly(taskDefinitionArn("cli-paged", 1),
        taskDefinitionArn("cli-paged", 2), taskDefinitionArn("cli-paged", 3), taskDefinitionArn("cli-paged", 4),
        taskDefinitionArn("cli-paged", 5));
    assertThat(all.has("NextToken")).isFalse();
    JsonNode firstThree = ok("list-task-definitions", "--family-prefix", "cli-paged", "--page-size", "2", "--max-items", "3");
    assertThat(firstThree.path("taskDefinitionArns")).hasSize(3);
    String token = firstThree.path("NextToken").asText();
    assertThat(token).isNotBlank();
    JsonNode rest = ok("list-task-definitions", "--family-prefix", "cli-paged", "--page-size", "2", "--starting-token", token);
    assertThat(texts(rest.path("taskDefinitionArns"))).containsExactly(taskDefinitionArn("cli-paged", 4),
        taskDefinitionArn("cli-paged", 5));
    assertThat(texts(ok("list-task-definitions", "--family-prefix", "cli-paged", "--sort", "DESC", "--max-items", "1")
        .path("taskDefinitionArns"))).containsExactly(taskDefinitionArn("cli-paged", 5));

    assertThat(texts(ok("list-task-definition-families", "--family-prefix", "cli-").path("families")))
        .contains("cli-paged", "cli-other");

    JsonNode deregistered = ok("deregister-task-definition", "--task-definition", "cli-paged:1");
    assertThat(deregistered.path("taskDefinition").path("status").asText()).isEqualTo("INACTIVE");
    assertThat(texts(ok("list-task-definitions", "--family-prefix", "cli-paged", "--status", "INACTIVE")
        .path("taskDefinitionArns"))).containsExactly(taskDefinitionArn("cli-paged", 1));

    JsonNode deleted = ok(current, "delete-task-definitions", "--task-definitions", "cli-paged:1", "cli-paged:2");
    assertThat(deleted.path("taskDefinitions")).hasSize(1);
    assertThat(deleted.path("taskDefinitions").get(0).path("status").asText()).isEqualTo("DELETE_IN_PROGRESS");
    assertThat(deleted.path("failures").get(0).path("arn").asText()).isEqualTo(taskDefinitionArn("cli-paged", 2));
  }

  @Test
  void taskDefinitionErrors() throws Exception {
    String stderr = fails("ClientException", "describe-task-definition", "--task-definition", "nope:1");
    assertThat(stderr).contains("DescribeTaskDefinition");
    fails("ClientException", "register-task-definition", "--family", "bad",
        "--container-definitions", "[{\"name\":\"web\",\"memory\":64}]");
    fails("ClientException", "register-task-definition", "--family", "bad", "--network-mode", "awsvpc",
        "--container-definitions", "[{\"name\":\"web\",\"image\":\"nginx\",\"memory\":64,"
            + "\"portMappings\":[{\"containerPort\":80,\"hostPort\":81}]}]");
    fails("ClientException", "register-task-definition", "--family", "bad", "--requires-compatibilities", "FARGATE",
        "--network-mode", "awsvpc", "--cpu", "256", "--memory", "8192",
        "--container-definitions", "[{\"name\":\"web\",\"image\":\"nginx\"}]");
    fails("ClientException", "deregister-task-definition", "--task-definition", "nope:1");
  }

  @Test
  void tags() throws Exception {
    ok("create-cluster", "--cluster-name", "cli-tags");
    String arn = clusterArn("cli-tags");
    ok("tag-resource", "--resource-arn", arn, "--tags", "key=env,value=dev", "key=team,value=web");
    assertThat(ok("list-tags-for-resource", "--resource-arn", arn).path("tags")).hasSize(2);
    ok("untag-resource", "--resource-arn", arn, "--tag-keys", "env");
    JsonNode left = ok("list-tags-for-resource", "--resource-arn", arn);
    assertThat(left.path("tags")).hasSize(1);
    assertThat(left.path("tags").get(0).path("key").asText()).isEqualTo("team");
    fails("InvalidParameterException", "tag-resource", "--resource-arn", arn, "--tags", "key=aws:owner,value=me");
    fails("ClusterNotFoundException", "list-tags-for-resource", "--resource-arn", clusterArn("ghost"));
  }

  @Test
  void accountSettings() throws Exception {
    JsonNode put = ok("put-account-setting", "--name", "serviceLongArnFormat", "--value", "enabled");
    assertThat(put.path("setting").path("principalArn").asText()).isEqualTo("arn:aws:iam::" + ACCOUNT + ":root");
    ok("put-account-setting-default", "--name", "containerInsights", "--value", "enabled");
    JsonNode insights = ok("list-account-settings", "--name", "containerInsights", "--effective-settings");
    assertThat(insights.path("settings").get(0).path("value").asText()).isEqualTo("enabled");
    assertThat(ok("list-account-settings", "--name", "serviceLongArnFormat").path("settings")).hasSize(1);
    ok("delete-account-setting", "--name", "serviceLongArnFormat");
    assertThat(ok("list-account-settings", "--name", "serviceLongArnFormat").path("settings")).isEmpty();
    fails("InvalidParameterException", "put-account-setting", "--name", "serviceLongArnFormat", "--value", "maybe");

    // All effective settings: more than one page (ECS returns at most 10 per call), which the
    // CLI follows by itself and rejects if the server ever repeats a nextToken.
    JsonNode effective = ok("list-account-settings", "--effective-settings");
    List<String> names = new ArrayList<>();
    effective.path("settings").forEach(s -> names.add(s.path("name").asText()));
    assertThat(names).contains("serviceLongArnFormat", "containerInsights", "awsvpcTrunking").doesNotHaveDuplicates();
  }

  @Test
  void containerInstancesAndAttributes() throws Exception {
    ok("create-cluster", "--cluster-name", "cli-fleet");
    JsonNode registered = ok("register-container-instance", "--cluster", "cli-fleet",
        "--total-resources", "name=CPU,type=INTEGER,integerValue=2048", "name=MEMORY,type=INTEGER,integerValue=4096");
    String instance = registered.path("containerInstance").path("containerInstanceArn").asText();
    assertThat(instance).startsWith("arn:aws:ecs:us-east-1:" + ACCOUNT + ":container-instance/cli-fleet/");

    assertThat(texts(ok("list-container-instances", "--cluster", "cli-fleet").path("containerInstanceArns")))
        .containsExactly(instance);
    JsonNode described = ok("describe-container-instances", "--cluster", "cli-fleet", "--container-instances", instance);
    assertThat(described.path("containerInstances").get(0).path("status").asText()).isEqualTo("ACTIVE");
    JsonNode drained = ok("update-container-instances-state", "--cluster", "cli-fleet",
        "--container-instances", instance, "--status", "DRAINING");
    assertThat(drained.path("containerInstances").get(0).path("status").asText()).isEqualTo("DRAINING");

    JsonNode put = ok("put-attributes", "--cluster", "cli-fleet", "--attributes", "name=stack,value=prod,targetId=" + instance);
    assertThat(put.path("attributes").get(0).path("name").asText()).isEqualTo("stack");
    JsonNode listed = ok("list-attributes", "--cluster", "cli-fleet", "--target-type", "container-instance",
        "--attribute-name", "stack");
    assertThat(listed.path("attributes")).hasSize(1);
    assertThat(listed.path("attributes").get(0).path("targetId").asText()).isEqualTo(instance);
    ok("delete-attributes", "--cluster", "cli-fleet", "--attributes", "name=stack,targetId=" + instance);
    assertThat(ok("list-attributes", "--cluster", "cli-fleet", "--target-type", "container-instance",
        "--attribute-name", "stack").path("attributes")).isEmpty();

    fails("ClusterContainsContainerInstancesException", "delete-cluster", "--cluster", "cli-fleet");
    JsonNode gone = ok("deregister-container-instance", "--cluster", "cli-fleet", "--container-instance", instance);
    assertThat(gone.path("containerInstance").path("status").asText()).isEqualTo("INACTIVE");
    fails("TargetNotFoundException", "put-attributes", "--cluster", "cli-fleet",
        "--attributes", "name=stack,value=prod,targetId=" + instance);
    ok("delete-cluster", "--cluster", "cli-fleet");
  }
}
