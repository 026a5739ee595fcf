package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.Setting;
import software.amazon.awssdk.services.ecs.model.SettingName;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;

/**
 * Durability of acknowledged writes: whatever the server answered before a SIGKILL is there
 * after a restart on the same data directory, and SIGTERM shuts the server down cleanly.
 */
class CrashIT {
  static final int REGISTRATIONS = 200;
  static final String[] FAMILIES = {"api", "worker", "cron", "batch-job", "edge_proxy", "db-migrate", "metrics"};

  @TempDir Path dir;

  @Test
  void acknowledgedWritesSurviveSigkill() throws Exception {
    GantryProcess server = GantryProcess.start(dir.resolve("data"));
    Map<String, TaskDefinition> written = new LinkedHashMap<>();
    Map<String, Integer> lastRevision = new LinkedHashMap<>();
    try (EcsClient ecs = Clients.ecs(server.endpoint())) {
      // Tags go on with TagResource so this test does not depend on CreateCluster's tag handling.
      ecs.createCluster(r -> r.clusterName("durable"));
      ecs.tagResource(r -> r.resourceArn(clusterArn("durable")).tags(Tag.builder().key("tier").value("gold").build()));
      ecs.createCluster(r -> r.clusterName("short-lived"));
      ecs.deleteCluster(r -> r.cluster("short-lived"));
      ecs.tagResource(r -> r.resourceArn(clusterArn("durable")).tags(Tag.builder().key("late").value("tag").build()));
      ecs.putAccountSetting(r -> r.name(SettingName.AWSVPC_TRUNKING).value("enabled"));
      ecs.putAccountSettingDefault(r -> r.name(SettingName.CONTAINER_INSIGHTS).value("enhanced"));
      for (int i = 0; i < REGISTRATIONS; i++) {
        String family = FAMILIES[i % FAMILIES.length];
        int n = i;
        TaskDefinition td = ecs.registerTaskDefinition(r -> r.family(family)
            .tags(Tag.builder().key("n").value(Integer.toString(n)).build())
            .containerDefinitions(ContainerDefinition.builder().name("main").image("example/" + family + ":" + n)
                .memory(64 + n).cpu(n % 4 * 128)
                .environment(KeyValuePair.builder().name("N").value(Integer.toString(n)).build())
                .portMappings(PortMapping.builder().containerPort(1000 + n).build())
                .command("run", "--n", Integer.toString(n)).build())).taskDefinition();
        written.put(td.taskDefinitionArn(), td);
        lastRevision.put(family, td.revision());
      }
    }
    // The last call has returned: its write was acknowledged. Kill without any chance to flush.
    server.kill();
    assertThat(server.isAlive()).isFalse();
    assertThat(server.dataDir().resolve("store/store.db-wal")).as("a killed store leaves its log behind").exists();

    GantryProcess restarted = server.restart();
    try (EcsClient ecs = Clients.ecs(restarted.endpoint())) {
      assertThat(written).hasSize(REGISTRATIONS);
      for (TaskDefinition td : written.values()) {
        assertThat(ecs.describeTaskDefinition(r -> r.taskDefinition(td.taskDefinitionArn())).taskDefinition())
            .as(td.taskDefinitionArn()).isEqualTo(td);
      }
      var sample = ecs.describeTaskDefinition(r -> r.taskDefinition("api:1").includeWithStrings("TAGS"));
      assertThat(sample.tags()).containsExactly(Tag.builder().key("n").value("0").build());
      assertThat(ecs.listTaskDefinitionsPaginator(r -> r.maxResults(100)).taskDefinitionArns())
          .containsExactlyInAnyOrderElementsOf(written.keySet());

      for (Map.Entry<String, Integer> e : lastRevision.entrySet()) {
        TaskDefinition next = ecs.registerTaskDefinition(r -> r.family(e.getKey()).containerDefinitions(
            ContainerDefinition.builder().name("main").image("example/next").memory(64).build())).taskDefinition();
        assertThat(next.revision()).as("next revision of %s", e.getKey()).isEqualTo(e.getValue() + 1);
      }

      var clusters = ecs.describeClusters(r -> r.clusters("durable", "short-lived").includeWithStrings("TAGS"));
      assertThat(clusters.clusters()).hasSize(2);
      assertThat(clusters.clusters().get(0).status()).isEqualTo("ACTIVE");
      assertThat(clusters.clusters().get(0).tags()).containsExactlyInAnyOrder(
          Tag.builder().key("tier").value("gold").build(), Tag.builder().key("late").value("tag").build());
      assertThat(clusters.clusters().get(1).status()).isEqualTo("INACTIVE");
      assertThat(ecs.listClusters().clusterArns()).containsExactly(clusterArn("durable"));

      assertThat(ecs.listAccountSettings(r -> r.name(SettingName.AWSVPC_TRUNKING).effectiveSettings(true)).settings())
          .singleElement().extracting(Setting::value).isEqualTo("enabled");
      assertThat(ecs.listAccountSettings(r -> r.name(SettingName.CONTAINER_INSIGHTS).effectiveSettings(true)).settings())
          .singleElement().extracting(Setting::value).isEqualTo("enhanced");
    } finally {
      restarted.close();
    }
  }

  @Test
  void sigtermShutsDownGracefully() throws Exception {
    GantryProcess server = GantryProcess.start(dir.resolve("graceful"));
    try (EcsClient ecs = Clients.ecs(server.endpoint())) {
      ecs.createCluster(r -> r.clusterName("before-sigterm"));
    }
    long started = System.nanoTime();
    int exit = server.stop();
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(took).isLessThan(Duration.ofSeconds(10));
    // The server exits from its shutdown hook after SIGTERM; the JVM then reports the signal as
    // 128 + 15 = 143, which is how every Java process ends on SIGTERM even when all shutdown
    // hooks completed normally. A clean shutdown is therefore 143 (or 0 if the launcher ever
    // exits by itself), never 137 (SIGKILL) or 1 (a failure).
    assertThat(exit).isIn(0, 143);
    // Graceful means the shutdown hook closed the store rather than abandoning it. The server's
    // own "closed store" log line cannot be seen here: Process.destroy() closes the child's
    // output pipe right after sending SIGTERM. SQLite shows it instead: closing the last
    // connection checkpoints the write-ahead log and deletes it, while after a SIGKILL the
    // store.db-wal file stays behind.
    Path store = server.dataDir().resolve("store");
    assertThat(store.resolve("store.db")).exists();
    assertThat(store.resolve("store.db-wal")).doesNotExist();

    GantryProcess again = server.restart();
    try (EcsClient ecs = Clients.ecs(again.endpoint())) {
      assertThat(ecs.listClusters().clusterArns()).containsExactly(clusterArn("before-sigterm"));
    } finally {
      again.close();
    }
  }

  static String clusterArn(String name) {
    return "arn:aws:ecs:us-east-1:" + GantryProcess.ACCOUNT + ":cluster/" + name;
  }
}
