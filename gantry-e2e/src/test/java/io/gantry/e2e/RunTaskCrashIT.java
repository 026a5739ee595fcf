package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.store.etcd.EtcdProcess;
import io.gantry.testkit.SimulatedCluster;
import io.gantry.testkit.SimulationOptions;
import io.gantry.testkit.agent.AgentShape;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * A control-plane crash during 1,000 concurrent RunTask calls with client tokens, on the embedded
 * store and on etcd: the real server process (simulated agents on the node side) is killed with
 * SIGKILL once 300 calls have been answered, then restarted on the same port. Every answered
 * call's tasks exist afterwards; sending every call again with its token returns the answered
 * calls' tasks, and exactly one task per token exists (no token maps to two task sets).
 */
class RunTaskCrashIT {
  static final int CALLS = 1_000;
  static final String CLUSTER = "crash";
  @TempDir Path dir;

  @Test
  void embeddedStore() throws Exception {
    crashDuringRunTask(GantryProcess.start(dir.resolve("server")));
  }

  @Test
  void etcdStore() throws Exception {
    try (EtcdProcess etcd = EtcdProcess.startSingle()) {
      String endpoints = etcd.endpoints().stream().map(URI::toString).collect(Collectors.joining(","));
      crashDuringRunTask(GantryProcess.start(dir.resolve("server"), "--store", "etcd", "--etcd-endpoints", endpoints));
    }
  }

  private void crashDuringRunTask(GantryProcess server) throws Exception {
    SimulatedCluster sim = null;
    GantryProcess live = server;
    try (EcsClient setup = Clients.ecs(server.endpoint())) {
      setup.createCluster(b -> b.clusterName(CLUSTER));
      setup.registerTaskDefinition(b -> b.family("crash").containerDefinitions(c -> c.name("main")
          .image("sim/main").memory(8).essential(true)));
      sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster(CLUSTER)
          .attachedTo(server.endpoint(), GantryProcess.ACCESS_KEY, GantryProcess.SECRET_KEY));
      sim.addAgents(10, i -> AgentShape.standard());

      Map<String, List<String>> answered = new ConcurrentHashMap<>();
      AtomicInteger failed = new AtomicInteger();
      ExecutorService callers = Executors.newFixedThreadPool(32);
      List<Future<?>> calls = new ArrayList<>();
      try (EcsClient once = noRetries(server.endpoint())) {
        for (int i = 0; i < CALLS; i++) {
          String token = "crash-" + i;
          calls.add(callers.submit(() -> {
            try {
              answered.put(token, arns(once.runTask(b -> b.cluster(CLUSTER).taskDefinition("crash").clientToken(token))
                  .tasks()));
            } catch (RuntimeException e) {
              failed.incrementAndGet();
            }
          }));
        }
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(5)).until(() -> answered.size() >= 300);
        server.kill();
        for (Future<?> f : calls) {
          f.get(120, TimeUnit.SECONDS);
        }
      } finally {
        callers.shutdownNow();
      }
      System.out.printf("RunTask crash: %d calls answered before the SIGKILL, %d failed%n", answered.size(),
          failed.get());
      assertThat(answered.size()).isBetween(300, CALLS - 1);
      assertThat(answered.values()).allSatisfy(a -> assertThat(a).hasSize(1));

      live = server.restart();
      try (EcsClient ecs = Clients.ecs(live.endpoint())) {
        SimulatedCluster agents = sim;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
            agents.agents().stream().allMatch(a -> {
              try {
                return agents.agentConnected(a);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            }));
        Set<String> acknowledged = answered.values().stream().flatMap(List::stream).collect(Collectors.toSet());
        List<String> all = new ArrayList<>(acknowledged);
        for (int i = 0; i < all.size(); i += 100) {
          List<String> chunk = all.subList(i, Math.min(all.size(), i + 100));
          var described = ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(chunk));
          assertThat(described.failures()).as("acknowledged tasks missing after the crash").isEmpty();
          assertThat(described.tasks()).hasSize(chunk.size());
        }

        Map<String, List<String>> resent = resendAll(ecs);
        for (Map.Entry<String, List<String>> e : answered.entrySet()) {
          assertThat(resent.get(e.getKey())).as("token %s", e.getKey()).isEqualTo(e.getValue());
        }
        assertThat(resendAll(ecs)).isEqualTo(resent);
        Set<String> distinct = new HashSet<>();
        resent.values().forEach(distinct::addAll);
        assertThat(distinct).hasSize(CALLS);
        Set<String> listed = new HashSet<>();
        ecs.listTasksPaginator(b -> b.cluster(CLUSTER).maxResults(100)).taskArns().forEach(listed::add);
        assertThat(listed).as("one task per token, none besides").isEqualTo(distinct);
      }
    } finally {
      if (sim != null) {
        sim.close();
      }
      live.close();
    }
  }

  private static Map<String, List<String>> resendAll(EcsClient ecs) throws Exception {
    Map<String, List<String>> out = new ConcurrentHashMap<>();
    ExecutorService callers = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        String token = "crash-" + i;
        calls.add(callers.submit(() -> out.put(token, arns(ecs.runTask(b -> b.cluster(CLUSTER).taskDefinition("crash")
            .clientToken(token)).tasks()))));
      }
      for (Future<?> f : calls) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      callers.shutdownNow();
    }
    return out;
  }

  private static List<String> arns(List<Task> tasks) {
    return tasks.stream().map(Task::taskArn).sorted().toList();
  }

  private static EcsClient noRetries(URI endpoint) {
    return EcsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(GantryProcess.ACCESS_KEY, GantryProcess.SECRET_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofSeconds(60)))
        .build();
  }
}
