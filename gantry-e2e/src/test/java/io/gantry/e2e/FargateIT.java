package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.Host;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * FARGATE tasks for real: {@code gantry up} (its second local agent offers the machine as managed
 * capacity), the AWS CLI v2 registers a FARGATE task definition and runs it with launch type
 * FARGATE in a cluster without instances; it runs in Docker with its awsvpc interface (two
 * containers sharing localhost, its address reachable from the host: what AwsVpcIT proves for an
 * EC2 instance, here on managed capacity), shows no container instance, and stops cleanly. Bad
 * inputs answer ECS's 400s. Needs the Docker Engine, gantry-test/busybox and gantry/pause.
 */
class FargateIT {
  static final String SUBNET = "subnet-0fa26a7e0000000e2";
  static final String NET = "awsvpcConfiguration={subnets=[" + SUBNET + "]}";
  @TempDir static Path dir;
  static GantryProcess gantry;
  static AwsCli aws;

  @BeforeAll
  static void start() throws Exception {
    Host.sh("docker image inspect gantry/pause:latest >/dev/null 2>&1 || "
        + "(cd .. && bash -c 'source scripts/lib.sh; ensure_pause_image')");
    gantry = GantryProcess.up(dir.resolve("data"), "--subnets", SUBNET + "=10.209.77.0/29@us-east-1a");
    aws = new AwsCli(gantry.endpoint(), Files.createDirectories(dir.resolve("cli")));
    assertThat(aws.ecs("create-cluster", "--cluster-name", "fargateit").exitCode()).isZero();
    AwsCli.Result registered = aws.ecs("register-task-definition", "--family", "fargateit-web",
        "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE", "--cpu", "256", "--memory", "512",
        "--container-definitions", "[{\"name\":\"web\",\"image\":\"gantry-test/busybox:latest\",\"essential\":true,"
            + "\"stopTimeout\":2,\"dockerLabels\":{\"io.gantry.test\":\"fargateit\"},"
            + "\"portMappings\":[{\"containerPort\":8080}],"
            + "\"command\":[\"sh\",\"-c\",\"mkdir -p /www && echo hello-fargate > /www/index.html && "
            + "exec httpd -f -p 8080 -h /www\"]},"
            + "{\"name\":\"client\",\"image\":\"gantry-test/busybox:latest\",\"essential\":true,"
            + "\"stopTimeout\":2,\"dockerLabels\":{\"io.gantry.test\":\"fargateit\"},"
            + "\"command\":[\"sh\",\"-c\",\"for i in $(seq 60); do wget -q -O /tmp/seen http://127.0.0.1:8080/ "
            + "&& break; sleep 1; done; exec sleep 3600\"]}]");
    assertThat(registered.exitCode()).as(registered.stderr()).isZero();
    assertThat(registered.json().path("taskDefinition").path("compatibilities").toString()).contains("FARGATE");
    // No container memory of its own: only the task's 512 MiB holds it.
    AwsCli.Result hog = aws.ecs("register-task-definition", "--family", "fargateit-hog",
        "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE", "--cpu", "256", "--memory", "512",
        "--container-definitions", "[{\"name\":\"hog\",\"image\":\"gantry-test/busybox:latest\",\"essential\":true,"
            + "\"stopTimeout\":1,\"dockerLabels\":{\"io.gantry.test\":\"fargateit\"},"
            + "\"command\":[\"sh\",\"-c\",\"sleep 2; x=0123456789; while true; do x=$x$x; done\"]}]");
    assertThat(hog.exitCode()).as(hog.stderr()).isZero();
  }

  /**
   * The README's Fargate walkthrough, run as written (the block between its
   * {@code fargate-walkthrough} markers, {@code gecs} being the CLI against this server): a
   * cluster with the FARGATE providers and FARGATE as its default strategy, a Fargate task
   * definition, run-task with a network configuration and no launch type, describe, curl the
   * task's address. A README edit that breaks the walkthrough fails here.
   */
  @Test
  void theReadmeFargateWalkthroughRunsAsWritten() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("<!-- fargate-walkthrough -->");
    int end = readme.indexOf("<!-- /fargate-walkthrough -->");
    assertThat(start).as("README walkthrough markers").isPositive();
    String block = readme.substring(start, end);
    block = block.substring(block.indexOf("```sh") + 5, block.lastIndexOf("```"));
    assertThat(block).contains("create-cluster --cluster-name shop --capacity-providers FARGATE")
        .contains("run-task").contains("--network-configuration").contains("describe-tasks").contains("curl");

    AwsCli.Result out = aws.script(block);
    assertThat(out.exitCode()).as(out.stdout() + out.stderr()).isZero();
    assertThat(out.stdout()).contains("RUNNING\tFARGATE\tFARGATE\tElasticNetworkInterface")
        .contains("hello from fargate").contains("STOPPED");
    JsonNode shop = aws.ecs("describe-clusters", "--clusters", "shop").json().path("clusters").get(0);
    assertThat(shop.path("capacityProviders").toString()).contains("FARGATE_SPOT");
    String taskArn = aws.ecs("list-tasks", "--cluster", "shop", "--desired-status", "STOPPED").json()
        .path("taskArns").get(0).asText();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> aws.ecs(
        "describe-tasks", "--cluster", "shop", "--tasks", taskArn).json().path("tasks").get(0)
        .path("lastStatus").asText().equals("STOPPED"));
    assertThat(Host.containers(taskArn, false)).isEmpty();
  }

  /**
   * The task's memory (512 MiB, no container limit) holds for the whole task on managed
   * capacity: the container that allocates past it is OOM-killed and the task stops as ECS says.
   */
  @Test
  void aFargateTaskPastItsMemoryIsOomKilledWithEcsReasons() throws Exception {
    AwsCli.Result run = aws.ecs("run-task", "--cluster", "fargateit", "--task-definition", "fargateit-hog",
        "--launch-type", "FARGATE", "--network-configuration", NET);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.json().path("failures")).isEmpty();
    String taskArn = run.json().path("tasks").get(0).path("taskArn").asText();
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
        describe(taskArn).path("lastStatus").asText().equals("STOPPED"));
    JsonNode stopped = describe(taskArn);
    assertThat(stopped.path("stopCode").asText()).isEqualTo("EssentialContainerExited");
    assertThat(stopped.path("stoppedReason").asText()).isEqualTo("Essential container in task exited");
    JsonNode hog = stopped.path("containers").get(0);
    assertThat(hog.path("reason").asText()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
    assertThat(hog.path("exitCode").asInt()).isEqualTo(137);
    assertThat(Host.containers(taskArn, false)).isEmpty();
  }

  @AfterAll
  static void stop() throws Exception {
    if (gantry != null) {
      gantry.close();
    }
    Host.sh("docker ps -aq --filter label=io.gantry.test=fargateit | xargs -r docker rm -f");
    Host.sh("docker ps -aq --filter label=com.amazonaws.ecs.task-arn | while read c; do "
        + "docker inspect -f '{{index .Config.Labels \"com.amazonaws.ecs.task-arn\"}} {{.Id}}' $c; done "
        + "| grep -E ':task/(fargateit|shop|spotit)/' | cut -d' ' -f2 | xargs -r docker rm -f");
    Host.sh("docker network rm gantry-subnet-" + SUBNET);
  }

  @Test
  void aFargateTaskRunsOnManagedCapacityAndStopsCleanly() throws Exception {
    AwsCli.Result run = aws.ecs("run-task", "--cluster", "fargateit", "--task-definition", "fargateit-web",
        "--launch-type", "FARGATE", "--network-configuration", NET);
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    assertThat(run.json().path("failures")).isEmpty();
    JsonNode task = run.json().path("tasks").get(0);
    String taskArn = task.path("taskArn").asText();
    assertThat(task.path("launchType").asText()).isEqualTo("FARGATE");
    assertThat(task.path("platformVersion").asText()).isEqualTo("1.4.0");
    assertThat(task.has("containerInstanceArn")).isFalse();

    JsonNode eni = task.path("attachments").get(0);
    assertThat(eni.path("type").asText()).isEqualTo("ElasticNetworkInterface");
    String ip = detail(eni, "privateIPv4Address");
    assertThat(ip).startsWith("10.209.77.");
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
        describe(taskArn).path("lastStatus").asText().equals("RUNNING"));
    assertThat(Host.containers(taskArn, false)).hasSizeGreaterThanOrEqualTo(2);
    // Its containers share localhost, and the task answers on its own address from the host.
    String client = Host.sh("docker ps -q --no-trunc --filter label=com.amazonaws.ecs.task-arn=" + taskArn
        + " --filter label=com.amazonaws.ecs.container-name=client").strip();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
        Host.sh("docker exec " + client + " cat /tmp/seen").strip().equals("hello-fargate"));
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String body = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body(), b -> b != null);
    assertThat(body.strip()).isEqualTo("hello-fargate");
    // The cluster has no instance of its own; the managed node is nobody's instance.
    assertThat(aws.ecs("list-container-instances", "--cluster", "fargateit").json()
        .path("containerInstanceArns")).isEmpty();
    assertThat(aws.ecs("list-clusters").stdout()).doesNotContain("gantry-fargate");

    AwsCli.Result stopped = aws.ecs("stop-task", "--cluster", "fargateit", "--task", taskArn);
    assertThat(stopped.exitCode()).as(stopped.stderr()).isZero();
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        describe(taskArn).path("lastStatus").asText().equals("STOPPED"));
    assertThat(describe(taskArn).path("stopCode").asText()).isEqualTo("UserInitiated");
    assertThat(Host.containers(taskArn, false)).isEmpty();
  }

  @Test
  void badFargateLaunchesAreEcsStyle400s() throws Exception {
    AwsCli.Result noNetwork = aws.ecs("run-task", "--cluster", "fargateit", "--task-definition", "fargateit-web",
        "--launch-type", "FARGATE");
    assertThat(noNetwork.exitCode()).isNotZero();
    assertThat(noNetwork.stderr()).contains("InvalidParameterException")
        .contains("Network Configuration must be provided when networkMode 'awsvpc' is specified.");

    AwsCli.Result strategy = aws.ecs("run-task", "--cluster", "fargateit", "--task-definition", "fargateit-web",
        "--launch-type", "FARGATE", "--network-configuration", NET, "--placement-strategy", "type=random");
    assertThat(strategy.stderr()).contains("InvalidParameterException")
        .contains("Task placement strategies are not supported for tasks using the FARGATE launch type.");

    AwsCli.Result badSize = aws.ecs("register-task-definition", "--family", "fargateit-bad",
        "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE", "--cpu", "256", "--memory", "4096",
        "--container-definitions", "[{\"name\":\"web\",\"image\":\"gantry-test/busybox:latest\"}]");
    assertThat(badSize.stderr()).contains("ClientException").contains("No Fargate configuration exists for given "
        + "values: 256 CPU, 4096 memory.");

    AwsCli.Result privileged = aws.ecs("register-task-definition", "--family", "fargateit-bad",
        "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE", "--cpu", "256", "--memory", "512",
        "--container-definitions", "[{\"name\":\"web\",\"image\":\"gantry-test/busybox:latest\",\"privileged\":true}]");
    assertThat(privileged.stderr()).contains("ClientException");

    AwsCli.Result reserved = aws.ecs("create-cluster", "--cluster-name", "gantry-fargate");
    assertThat(reserved.stderr()).contains("InvalidParameterException").contains("reserved");
  }

  /**
   * FARGATE_SPOT on real Docker: Spot tasks fill the managed node, a regular FARGATE task
   * interrupts one; the victim's container gets SIGTERM (it traps it and exits 0, long before the
   * 120 s Spot warning would end in SIGKILL), the victim stops with ECS's SpotInterruption words,
   * and the regular task then runs on the room it left.
   */
  @Test
  void aRegularTaskInterruptsASpotTaskWhoseContainerGetsSigterm() throws Exception {
    assertThat(aws.ecs("create-cluster", "--cluster-name", "spotit", "--capacity-providers", "FARGATE",
        "FARGATE_SPOT").exitCode()).isZero();
    AwsCli.Result big = aws.ecs("register-task-definition", "--family", "fargateit-big",
        "--network-mode", "awsvpc", "--requires-compatibilities", "FARGATE", "--cpu", "1024", "--memory", "2048",
        "--container-definitions", "[{\"name\":\"app\",\"image\":\"gantry-test/busybox:latest\",\"essential\":true,"
            + "\"dockerLabels\":{\"io.gantry.test\":\"fargateit\"},"
            + "\"command\":[\"sh\",\"-c\",\"trap 'exit 0' TERM; while true; do sleep 1; done\"]}]");
    assertThat(big.exitCode()).as(big.stderr()).isZero();
    // As many 1 vCPU / 2 GiB Spot tasks as the managed node has room for (this machine: its 2 cores).
    String node = aws.ecs("list-container-instances", "--cluster", "gantry-fargate").json()
        .path("containerInstanceArns").get(0).asText();
    JsonNode remaining = aws.ecs("describe-container-instances", "--cluster", "gantry-fargate",
        "--container-instances", node).json().at("/containerInstances/0/remainingResources");
    int cpu = 0;
    int memory = 0;
    for (JsonNode r : remaining) {
      if (r.path("name").asText().equals("CPU")) {
        cpu = r.path("integerValue").asInt();
      } else if (r.path("name").asText().equals("MEMORY")) {
        memory = r.path("integerValue").asInt();
      }
    }
    int fill = Math.min(cpu / 1024, memory / 2048);
    assertThat(fill).as("Spot tasks that fill the node (CPU %d, memory %d)", cpu, memory).isBetween(1, 4);
    AwsCli.Result spot = aws.ecs("run-task", "--cluster", "spotit", "--task-definition", "fargateit-big",
        "--count", Integer.toString(fill), "--network-configuration", NET,
        "--capacity-provider-strategy", "capacityProvider=FARGATE_SPOT,weight=1");
    assertThat(spot.exitCode()).as(spot.stderr()).isZero();
    assertThat(spot.json().path("tasks")).hasSize(fill);
    java.util.List<String> spotArns = new java.util.ArrayList<>();
    spot.json().path("tasks").forEach(t -> spotArns.add(t.path("taskArn").asText()));
    for (String arn : spotArns) {
      await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
          describeIn("spotit", arn).path("lastStatus").asText().equals("RUNNING"));
    }

    AwsCli.Result regular = aws.ecs("run-task", "--cluster", "spotit", "--task-definition", "fargateit-big",
        "--launch-type", "FARGATE", "--network-configuration", NET);
    assertThat(regular.exitCode()).as(regular.stderr()).isZero();
    assertThat(regular.json().path("failures")).isEmpty();
    String regularArn = regular.json().at("/tasks/0/taskArn").asText();
    String victim = await().atMost(Duration.ofSeconds(10)).until(() -> {
      for (String arn : spotArns) {
        if (describeIn("spotit", arn).path("desiredStatus").asText().equals("STOPPED")) {
          return arn;
        }
      }
      return null;
    }, v -> v != null);
    // SIGTERM, not the SIGKILL at the end of the 120 s warning: it is gone well before that.
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
        describeIn("spotit", victim).path("lastStatus").asText().equals("STOPPED"));
    JsonNode stopped = describeIn("spotit", victim);
    assertThat(stopped.path("stopCode").asText()).isEqualTo("SpotInterruption");
    assertThat(stopped.path("stoppedReason").asText()).isEqualTo("Your Spot Task was interrupted.");
    assertThat(stopped.at("/containers/0/exitCode").asInt()).isZero();
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
        describeIn("spotit", regularArn).path("lastStatus").asText().equals("RUNNING"));
    assertThat(describeIn("spotit", regularArn).path("capacityProviderName").asText()).isEqualTo("FARGATE");
    long stillSpot = spotArns.stream().filter(a -> !a.equals(victim)).count();
    assertThat(spotArns.stream().filter(a -> !a.equals(victim))
        .allMatch(a -> {
          try {
            return describeIn("spotit", a).path("lastStatus").asText().equals("RUNNING");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        })).as("the other %d Spot tasks keep running", stillSpot).isTrue();

    java.util.List<String> all = new java.util.ArrayList<>(spotArns);
    all.add(regularArn);
    for (String arn : all) {
      aws.ecs("stop-task", "--cluster", "spotit", "--task", arn);
    }
    for (String arn : all) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
          describeIn("spotit", arn).path("lastStatus").asText().equals("STOPPED"));
    }
  }

  private static JsonNode describeIn(String cluster, String taskArn) throws Exception {
    return aws.ecs("describe-tasks", "--cluster", cluster, "--tasks", taskArn).json().path("tasks").get(0);
  }

  private static String detail(JsonNode attachment, String name) {
    for (JsonNode d : attachment.path("details")) {
      if (name.equals(d.path("name").asText())) {
        return d.path("value").asText();
      }
    }
    return null;
  }

  private static JsonNode describe(String taskArn) throws Exception {
    return aws.ecs("describe-tasks", "--cluster", "fargateit", "--tasks", taskArn).json().path("tasks").get(0);
  }
}
