package io.gantry.testkit;

import static org.awaitility.Awaitility.await;

import io.gantry.testkit.server.EmbeddedServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/** The AWS SDK for Java v2 pointed at a simulated cluster's control plane, and the waits tests need. */
final class Sdk {
  private Sdk() {}

  static EcsClient ecs(URI endpoint) {
    return EcsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(
            AwsBasicCredentials.create(EmbeddedServer.ACCESS_KEY, EmbeddedServer.SECRET_KEY)))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(c -> c.retryStrategy(RetryMode.STANDARD).apiCallTimeout(Duration.ofSeconds(60)))
        .build();
  }

  /** Registers family {@code family} with one essential container {@code app} (64 MiB) changed by {@code customize}. */
  static String register(EcsClient ecs, String family, java.util.function.UnaryOperator<ContainerDefinition.Builder> customize) {
    ContainerDefinition app = customize.apply(ContainerDefinition.builder().name("app").image("busybox").memory(64)
        .essential(true)).build();
    return ecs.registerTaskDefinition(b -> b.family(family).containerDefinitions(app))
        .taskDefinition().taskDefinitionArn();
  }

  static List<KeyValuePair> env(Map<String, String> vars) {
    return vars.entrySet().stream().map(e -> KeyValuePair.builder().name(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  /** Waits until DescribeTasks shows every one of {@code arns} satisfying {@code done}; returns them. */
  static List<Task> awaitTasks(EcsClient ecs, String cluster, List<String> arns, Duration atMost,
      Predicate<Task> done) {
    return await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(
        () -> ecs.describeTasks(b -> b.cluster(cluster).tasks(arns)).tasks(),
        tasks -> tasks.size() == arns.size() && tasks.stream().allMatch(done));
  }

  static Task awaitTask(EcsClient ecs, String cluster, String arn, String status) {
    return awaitTasks(ecs, cluster, List.of(arn), Duration.ofSeconds(20), t -> status.equals(t.lastStatus())).get(0);
  }
}
