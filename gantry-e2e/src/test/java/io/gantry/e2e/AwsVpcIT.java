package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.e2e.support.AgentProcess;
import io.gantry.e2e.support.AwsCli;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.Host;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.NetworkMode;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * awsvpc tasks end to end on a real agent and Docker, driven by the AWS CLI and SDK: the task's
 * two containers share localhost, the task answers on its private address from the host, tasks get
 * distinct addresses of their subnet (a /29: five), a full subnet refuses and a stopped task's
 * address comes back, the task's memory limit OOM-kills with ECS's words, and an agent killed with
 * SIGKILL and restarted keeps exactly one pause container per task.
 */
class AwsVpcIT {
  private static final String CLUSTER = "vpc";
  private static final String SUBNET = "subnet-0e2e0a1b2c3d4e5f6";
  private static final String CIDR = "10.204.17.0/29";
  @TempDir static Path dir;
  static GantryProcess server;
  static AgentProcess agent;
  static EcsClient ecs;
  static AwsCli aws;
  static final List<String> TASK_IDS = new java.util.concurrent.CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Host.sh("docker image inspect gantry/pause:latest >/dev/null 2>&1 || "
        + "(cd .. && bash -c 'source scripts/lib.sh; ensure_pause_image')");
    server = GantryProcess.start(dir.resolve("server"), "--subnets", SUBNET + "=" + CIDR + "@us-east-1a");
    ecs = Clients.ecs(server.endpoint());
    aws = new AwsCli(server.endpoint(), Files.createDirectories(dir.resolve("cli")));
    ecs.createCluster(b -> b.clusterName(CLUSTER));
    agent = AgentProcess.start(server.endpoint(), CLUSTER, dir.resolve("agent"));
    Host.awaitOneAgentConnected(ecs, CLUSTER, Duration.ofSeconds(30));
    ecs.registerTaskDefinition(b -> b.family("vpcweb").networkMode(NetworkMode.AWSVPC).cpu("256").memory("128")
        .containerDefinitions(
            c -> c.name("web").image("gantry-test/busybox").essential(true).stopTimeout(1)
                .portMappings(p -> p.containerPort(8080))
                .command("sh", "-c", "mkdir -p /www && echo hello-from-web > /www/index.html && httpd -f -p 8080 -h /www"),
            c -> c.name("client").image("gantry-test/busybox").essential(true).stopTimeout(1)
                .command("sh", "-c", "for i in $(seq 60); do wget -q -O /tmp/seen http://127.0.0.1:8080/ && break; "
                    + "sleep 1; done; exec sleep 3600")));
    ecs.registerTaskDefinition(b -> b.family("vpcsleep").networkMode(NetworkMode.AWSVPC).memory("32")
        .containerDefinitions(c -> c.name("main").image("gantry-test/busybox").essential(true).stopTimeout(1)
            .command("sleep", "3600")));
    ecs.registerTaskDefinition(b -> b.family("vpchog").networkMode(NetworkMode.AWSVPC).memory("64")
        .containerDefinitions(c -> c.name("hog").image("gantry-test/busybox").essential(true).stopTimeout(1)
            .command("sh", "-c", "sleep 2; x=0123456789; while true; do x=$x$x; done")));
  }

  @AfterAll
  static void stop() throws Exception {
    if (ecs != null) {
      for (String arn : ecs.listTasks(b -> b.cluster(CLUSTER)).taskArns()) {
        TASK_IDS.add(arn.substring(arn.lastIndexOf('/') + 1));
        ecs.stopTask(b -> b.cluster(CLUSTER).task(arn));
      }
    }
    if (agent != null) {
      agent.close();
    }
    if (ecs != null) {
      ecs.close();
    }
    if (server != null) {
      server.close();
    }
    Host.sh("docker ps -aq --filter label=com.amazonaws.ecs.task-arn | while read c; do "
        + "docker inspect -f '{{index .Config.Labels \"com.amazonaws.ecs.task-arn\"}} {{.Id}}' $c; done "
        + "| grep ':task/" + CLUSTER + "/' | cut -d' ' -f2 | xargs -r docker rm -f");
    Host.sh("docker network rm gantry-subnet-" + SUBNET);
    for (String id : TASK_IDS) {
      Host.sh("rmdir /sys/fs/cgroup/memory/gantry/" + id + " /sys/fs/cgroup/cpu/gantry/" + id + " 2>/dev/null");
    }
  }

  @Test
  void awsvpcTasksShareLocalhostAnswerOnTheirAddressAndGetTheirOwnAddresses() throws Exception {
    AwsCli.Result run = aws.ecs("run-task", "--cluster", CLUSTER, "--task-definition", "vpcweb",
        "--network-configuration", "awsvpcConfiguration={subnets=[" + SUBNET + "],securityGroups=[sg-0e2e],"
            + "assignPublicIp=DISABLED}");
    assertThat(run.exitCode()).as(run.stderr()).isZero();
    JsonNode task = run.json().path("tasks").get(0);
    String web = task.path("taskArn").asText();
    JsonNode eni = task.path("attachments").get(0);
    assertThat(eni.path("type").asText()).isEqualTo("ElasticNetworkInterface");
    String ip = detail(eni, "privateIPv4Address");
    assertThat(detail(eni, "subnetId")).isEqualTo(SUBNET);
    assertThat(ip).startsWith("10.204.17.");
    Host.awaitTasks(ecs, CLUSTER, List.of(web), "RUNNING", Duration.ofSeconds(90));
    Task described = describe(web);
    assertThat(described.attachments().get(0).status()).isEqualTo("ATTACHED");
    assertThat(described.containers()).allSatisfy(c -> assertThat(c.networkInterfaces().get(0).privateIpv4Address())
        .isEqualTo(ip));

    // The two containers share localhost: the client fetched the web container's page.
    String client = containerNamed(web, "client");
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() ->
        Host.sh("docker exec " + client + " cat /tmp/seen").strip().equals("hello-from-web"));
    // The task is reached on its own address, on the container port (nothing published on the host).
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    String body = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
        .until(() -> http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString()).body(), b -> b != null);
    assertThat(body.strip()).isEqualTo("hello-from-web");
    assertThat(Host.sh("docker inspect -f '{{.HostConfig.NetworkMode}}' " + client).strip()).startsWith("container:");
    // Task-level memory: the task's cgroup holds 128 MiB for all its containers.
    String taskId = web.substring(web.lastIndexOf('/') + 1);
    assertThat(Host.sh("cat /sys/fs/cgroup/memory/gantry/" + taskId + "/memory.limit_in_bytes").strip())
        .isEqualTo(Long.toString(128L << 20));

    // Four more tasks fill the /29 (five addresses); each has its own.
    var four = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition("vpcsleep").count(4)
        .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(SUBNET).assignPublicIp(AssignPublicIp.DISABLED))));
    assertThat(four.failures()).isEmpty();
    List<String> sleepers = new ArrayList<>(four.tasks().stream().map(Task::taskArn).toList());
    List<String> addresses = new ArrayList<>(four.tasks().stream().map(AwsVpcIT::address).toList());
    addresses.add(ip);
    assertThat(addresses).doesNotHaveDuplicates().hasSize(5);
    Host.awaitTasks(ecs, CLUSTER, sleepers, "RUNNING", Duration.ofSeconds(90));

    var full = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition("vpcsleep")
        .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(SUBNET))));
    assertThat(full.tasks()).isEmpty();
    assertThat(full.failures().get(0).reason()).isEqualTo("RESOURCE:IP_ADDRESS");

    // The agent is killed and restarted: every task keeps exactly one pause container.
    agent.kill();
    agent = AgentProcess.start(server.endpoint(), CLUSTER, dir.resolve("agent"));
    List<String> all = new ArrayList<>(sleepers);
    all.add(web);
    Host.awaitTasks(ecs, CLUSTER, all, "RUNNING", Duration.ofSeconds(90));
    Thread.sleep(3000);
    for (String arn : all) {
      assertThat(pauses(arn)).as("pause containers of %s", arn).hasSize(1);
    }

    // A stopped task's pause container goes and its address comes back.
    String freed = address(describe(sleepers.get(0)));
    ecs.stopTask(b -> b.cluster(CLUSTER).task(sleepers.get(0)));
    Host.awaitTasks(ecs, CLUSTER, List.of(sleepers.get(0)), "STOPPED", Duration.ofSeconds(60));
    assertThat(pauses(sleepers.get(0))).isEmpty();
    assertThat(describe(sleepers.get(0)).attachments().get(0).status()).isEqualTo("DETACHED");
    var again = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition("vpcsleep")
        .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(SUBNET))));
    assertThat(again.failures()).isEmpty();
    assertThat(address(again.tasks().get(0))).isEqualTo(freed);
    sleepers.set(0, again.tasks().get(0).taskArn());
    Host.awaitTasks(ecs, CLUSTER, List.of(sleepers.get(0)), "RUNNING", Duration.ofSeconds(90));

    // The task's memory limit holds for the whole task: going past it is an OOM kill, in ECS's words.
    ecs.stopTask(b -> b.cluster(CLUSTER).task(sleepers.get(1)));
    Host.awaitTasks(ecs, CLUSTER, List.of(sleepers.get(1)), "STOPPED", Duration.ofSeconds(60));
    var hog = ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition("vpchog")
        .networkConfiguration(n -> n.awsvpcConfiguration(v -> v.subnets(SUBNET))));
    assertThat(hog.failures()).isEmpty();
    String hogArn = hog.tasks().get(0).taskArn();
    Host.awaitTasks(ecs, CLUSTER, List.of(hogArn), "STOPPED", Duration.ofSeconds(90));
    Task hogTask = describe(hogArn);
    assertThat(hogTask.stopCodeAsString()).isEqualTo("EssentialContainerExited");
    assertThat(hogTask.containers().get(0).reason()).isEqualTo("OutOfMemoryError: Container killed due to memory usage");
    assertThat(pauses(hogArn)).isEmpty();
    String hogId = hogArn.substring(hogArn.lastIndexOf('/') + 1);
    assertThat(Path.of("/sys/fs/cgroup/memory/gantry/" + hogId)).as("the task's cgroup goes with it").doesNotExist();
  }

  private static List<String> pauses(String taskArn) throws Exception {
    String out = Host.sh("docker ps -aq --filter label=com.amazonaws.ecs.task-arn=" + taskArn
        + " --filter label=com.amazonaws.ecs.container-name=~internal~ecs~pause");
    return out.isBlank() ? List.of() : List.of(out.strip().split("\\s+"));
  }

  private static String containerNamed(String taskArn, String name) throws Exception {
    return Host.sh("docker ps -q --filter label=com.amazonaws.ecs.task-arn=" + taskArn
        + " --filter label=com.amazonaws.ecs.container-name=" + name).strip();
  }

  private static String detail(JsonNode attachment, String name) {
    for (JsonNode d : attachment.path("details")) {
      if (name.equals(d.path("name").asText())) {
        return d.path("value").asText();
      }
    }
    return null;
  }

  private static String address(Task task) {
    return task.containers().get(0).networkInterfaces().get(0).privateIpv4Address();
  }

  private static Task describe(String arn) {
    return ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arn)).tasks().get(0);
  }
}
