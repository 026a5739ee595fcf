package io.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.Service;
import software.amazon.awssdk.services.ecs.model.Task;

/** Reading services and their tasks through the SDK, and the waits service tests need. */
final class ServiceChecks {
  private ServiceChecks() {}

  static Service describe(EcsClient ecs, String cluster, String service) {
    return ecs.describeServices(b -> b.cluster(cluster).services(service)).services().get(0);
  }

  /** What {@code aws ecs wait services-stable} waits for: one deployment and runningCount == desiredCount. */
  static boolean stable(Service s) {
    return "ACTIVE".equals(s.status()) && s.deployments().size() == 1 && s.runningCount().equals(s.desiredCount());
  }

  static Service awaitStable(EcsClient ecs, String cluster, String service, Duration atMost) {
    return await().atMost(atMost).pollInterval(Duration.ofMillis(200))
        .until(() -> describe(ecs, cluster, service), s -> stable(s)
            && "COMPLETED".equals(s.deployments().get(0).rolloutStateAsString()));
  }

  /** The ARNs of the service's tasks wanted in {@code desired}. */
  static Set<String> arns(EcsClient ecs, String cluster, String service, DesiredStatus desired) {
    Set<String> out = new HashSet<>();
    ecs.listTasksPaginator(b -> b.cluster(cluster).serviceName(service).desiredStatus(desired).maxResults(100))
        .taskArns().forEach(out::add);
    return out;
  }

  /** Every task of the service (wanted RUNNING or STOPPED), as DescribeTasks shows them. */
  static List<Task> tasks(EcsClient ecs, String cluster, Set<String> arns) {
    List<String> all = new ArrayList<>(arns);
    List<Task> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += 100) {
      List<String> chunk = all.subList(i, Math.min(all.size(), i + 100));
      out.addAll(ecs.describeTasks(b -> b.cluster(cluster).tasks(chunk)).tasks());
    }
    return out;
  }

  /** One consistent sample of the service's tasks: null when tasks appeared while it was taken (try again). */
  static List<Task> sample(EcsClient ecs, String cluster, String service) {
    Set<String> before = new HashSet<>(arns(ecs, cluster, service, DesiredStatus.RUNNING));
    before.addAll(arns(ecs, cluster, service, DesiredStatus.STOPPED));
    List<Task> tasks = tasks(ecs, cluster, before);
    Set<String> after = arns(ecs, cluster, service, DesiredStatus.RUNNING);
    return before.containsAll(after) ? tasks : null;
  }

  /** Counts of a sample: tasks that exist (not STOPPED) and tasks wanted RUNNING, RUNNING and HEALTHY. */
  record Counts(int existing, int healthy) {
    static Counts of(List<Task> tasks) {
      int existing = (int) tasks.stream().filter(t -> !"STOPPED".equals(t.lastStatus())).count();
      int healthy = (int) tasks.stream().filter(t -> "RUNNING".equals(t.desiredStatus())
          && "RUNNING".equals(t.lastStatus()) && "HEALTHY".equals(t.healthStatusAsString())).count();
      return new Counts(existing, healthy);
    }

    void within(int desired, int minimumHealthyPercent, int maximumPercent) {
      assertThat(existing).as("tasks RUNNING, PENDING or STOPPING").isLessThanOrEqualTo(desired * maximumPercent / 100);
      assertThat(healthy).as("tasks RUNNING and HEALTHY")
          .isGreaterThanOrEqualTo((desired * minimumHealthyPercent + 99) / 100);
    }
  }
}
