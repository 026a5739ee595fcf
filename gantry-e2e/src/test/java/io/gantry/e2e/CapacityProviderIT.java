package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Capacity providers for real: a server with a capacity hook script, the AWS CLI v2 creating a
 * provider with managed scaling (target 50 %) and associating it with a cluster, a real agent
 * started with {@code --capacity-provider}, RunTask with {@code --capacity-provider-strategy}
 * landing the task on that agent's instance (RUNNING in Docker), and managed scaling calling the
 * hook to scale out (one busy instance at a 50 % target wants two). And a task that fits nowhere
 * on a provider with managed scaling waits in PROVISIONING (no failure), the hook asks for an
 * instance, and once an agent of the provider joins the task runs there. Needs Docker and the
 * local {@code gantry-test/busybox} image.
 */
class CapacityProviderIT {
  @TempDir static Path dir;
  static GantryProcess gantry;
  static AgentProcess agent;
  static AgentProcess joined;
  static AwsCli aws;
  static Path hookOut;

  @BeforeAll
  static void start() throws Exception {
    hookOut = dir.resolve("hook.out");
    Path hook = dir.resolve("hook.sh");
    Files.writeString(hook, "#!/bin/sh\necho \"$GANTRY_ACTION $GANTRY_CAPACITY_PROVIDER $GANTRY_CLUSTER "
        + "$GANTRY_DESIRED_INSTANCES\" >> '" + hookOut + "'\n");
    hook.toFile().setExecutable(true);
    gantry = GantryProcess.start(dir.resolve("data"), "--capacity-hook", hook.toString());
    aws = new AwsCli(gantry.endpoint(), Files.createDirectories(dir.resolve("cli")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (agent != null) {
      agent.close();
    }
    if (joined != null) {
      joined.close();
    }
    gantry.close();
    Host.sh("docker ps -aq --filter label=io.gantry.test=capacity-provider-it | xargs -r docker rm -f");
  }

  private static JsonNode ok(AwsCli.Result r) {
    assertThat(r.exitCode()).as(r.stderr()).isZero();
    return r.json();
  }

  @Test
  void runTaskWithAStrategyLandsOnTheProvidersAgentAndScalingCallsTheHook() throws Exception {
    ok(aws.ecs("create-cluster", "--cluster-name", "cp-it"));
    JsonNode created = ok(aws.ecs("create-capacity-provider", "--name", "edge", "--auto-scaling-group-provider",
        "autoScalingGroupArn=edge-machines,managedScaling={status=ENABLED,targetCapacity=50,"
            + "minimumScalingStepSize=1,maximumScalingStepSize=2,instanceWarmupPeriod=0},"
            + "managedTerminationProtection=ENABLED", "--tags", "key=site,value=lab"));
    assertThat(created.at("/capacityProvider/status").asText()).isEqualTo("ACTIVE");
    assertThat(created.at("/capacityProvider/autoScalingGroupProvider/managedScaling/targetCapacity").asInt())
        .isEqualTo(50);
    JsonNode described = ok(aws.ecs("describe-capacity-providers", "--capacity-providers", "edge", "FARGATE",
        "--include", "TAGS"));
    assertThat(described.path("capacityProviders")).extracting(n -> n.path("name").asText())
        .containsExactlyInAnyOrder("edge", "FARGATE");
    JsonNode cluster = ok(aws.ecs("put-cluster-capacity-providers", "--cluster", "cp-it", "--capacity-providers",
        "edge", "FARGATE", "--default-capacity-provider-strategy", "capacityProvider=edge,weight=1,base=1"));
    assertThat(cluster.at("/cluster/capacityProviders").toString()).isEqualTo("[\"edge\",\"FARGATE\"]");

    agent = AgentProcess.start(gantry.endpoint(), "cp-it", dir.resolve("agent"),
        Map.of("AWS_ACCESS_KEY_ID", GantryProcess.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", GantryProcess.SECRET_KEY),
        "--capacity-provider", "edge");
    await().atMost(Duration.ofSeconds(30)).until(() ->
        aws.ecs("list-container-instances", "--cluster", "cp-it").json().path("containerInstanceArns").size() == 1);
    String instanceArn = aws.ecs("list-container-instances", "--cluster", "cp-it").json()
        .path("containerInstanceArns").get(0).asText();
    JsonNode instance = ok(aws.ecs("describe-container-instances", "--cluster", "cp-it", "--container-instances",
        instanceArn)).path("containerInstances").get(0);
    assertThat(instance.path("capacityProviderName").asText()).isEqualTo("edge");
    await().atMost(Duration.ofSeconds(30)).until(() -> aws.ecs("describe-container-instances", "--cluster", "cp-it",
        "--container-instances", instanceArn).json().at("/containerInstances/0/agentConnected").asBoolean());

    ok(aws.ecs("register-task-definition", "--family", "cp-it-sleep", "--container-definitions",
        "[{\"name\":\"app\",\"image\":\"gantry-test/busybox\",\"memory\":32,\"essential\":true,\"stopTimeout\":1,"
            + "\"dockerLabels\":{\"io.gantry.test\":\"capacity-provider-it\"},\"command\":[\"sleep\",\"300\"]}]"));
    JsonNode run = ok(aws.ecs("run-task", "--cluster", "cp-it", "--task-definition", "cp-it-sleep",
        "--capacity-provider-strategy", "capacityProvider=edge,weight=1"));
    assertThat(run.path("failures")).isEmpty();
    JsonNode task = run.path("tasks").get(0);
    assertThat(task.path("capacityProviderName").asText()).isEqualTo("edge");
    assertThat(task.path("containerInstanceArn").asText()).isEqualTo(instanceArn);
    String taskArn = task.path("taskArn").asText();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> aws.ecs(
        "describe-tasks", "--cluster", "cp-it", "--tasks", taskArn).json().at("/tasks/0/lastStatus").asText()
        .equals("RUNNING"));
    assertThat(Host.containers(taskArn, false)).hasSize(1);

    // One busy instance of one, at a 50 % target: reservation 100 %, two instances wanted.
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(hookOut)
        && Files.readString(hookOut).contains("scale-out edge cp-it 2"));

    // The default strategy (base 1 on edge) places a task with no launch type there too.
    JsonNode byDefault = ok(aws.ecs("run-task", "--cluster", "cp-it", "--task-definition", "cp-it-sleep"));
    assertThat(byDefault.at("/tasks/0/capacityProviderName").asText()).isEqualTo("edge");

    AwsCli.Result inUse = aws.ecs("delete-capacity-provider", "--capacity-provider", "edge");
    assertThat(inUse.exitCode()).isNotZero();
    assertThat(inUse.stderr()).contains("ClientException").contains("is in use and cannot be removed");
    for (String arn : new String[] {taskArn, byDefault.at("/tasks/0/taskArn").asText()}) {
      ok(aws.ecs("stop-task", "--cluster", "cp-it", "--task", arn));
    }
  }

  @Test
  void aTaskWithNowhereToRunWaitsInProvisioningUntilTheHookBringsAnInstance() throws Exception {
    ok(aws.ecs("create-cluster", "--cluster-name", "cp-wait"));
    ok(aws.ecs("create-capacity-provider", "--name", "burst", "--auto-scaling-group-provider",
        "autoScalingGroupArn=burst-machines,managedScaling={status=ENABLED,targetCapacity=100,"
            + "instanceWarmupPeriod=0}"));
    ok(aws.ecs("put-cluster-capacity-providers", "--cluster", "cp-wait", "--capacity-providers", "burst",
        "--default-capacity-provider-strategy", "capacityProvider=burst,weight=1"));
    ok(aws.ecs("register-task-definition", "--family", "cp-wait-sleep", "--container-definitions",
        "[{\"name\":\"app\",\"image\":\"gantry-test/busybox\",\"memory\":32,\"essential\":true,\"stopTimeout\":1,"
            + "\"dockerLabels\":{\"io.gantry.test\":\"capacity-provider-it\"},\"command\":[\"sleep\",\"300\"]}]"));

    JsonNode run = ok(aws.ecs("run-task", "--cluster", "cp-wait", "--task-definition", "cp-wait-sleep"));
    assertThat(run.path("failures")).isEmpty();
    JsonNode task = run.path("tasks").get(0);
    String taskArn = task.path("taskArn").asText();
    assertThat(task.path("lastStatus").asText()).isEqualTo("PROVISIONING");
    assertThat(task.path("capacityProviderName").asText()).isEqualTo("burst");
    assertThat(task.has("containerInstanceArn")).isFalse();
    // The waiting task is the provider's reservation: no instance, one needed → the hook asks for one.
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(hookOut)
        && Files.readString(hookOut).contains("scale-out burst cp-wait 1"));
    assertThat(aws.ecs("describe-tasks", "--cluster", "cp-wait", "--tasks", taskArn).json()
        .at("/tasks/0/lastStatus").asText()).isEqualTo("PROVISIONING");

    // The operator's machine joins the provider; the task is placed there and runs.
    joined = AgentProcess.start(gantry.endpoint(), "cp-wait", dir.resolve("joined"),
        Map.of("AWS_ACCESS_KEY_ID", GantryProcess.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", GantryProcess.SECRET_KEY),
        "--capacity-provider", "burst");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> aws.ecs(
        "describe-tasks", "--cluster", "cp-wait", "--tasks", taskArn).json().at("/tasks/0/lastStatus").asText()
        .equals("RUNNING"));
    String instanceArn = aws.ecs("list-container-instances", "--cluster", "cp-wait").json()
        .path("containerInstanceArns").get(0).asText();
    assertThat(aws.ecs("describe-tasks", "--cluster", "cp-wait", "--tasks", taskArn).json()
        .at("/tasks/0/containerInstanceArn").asText()).isEqualTo(instanceArn);
    assertThat(Host.containers(taskArn, false)).hasSize(1);
    ok(aws.ecs("stop-task", "--cluster", "cp-wait", "--task", taskArn));
  }
}
