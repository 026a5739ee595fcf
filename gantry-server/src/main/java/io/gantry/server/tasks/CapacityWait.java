package io.gantry.server.tasks;

import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import io.gantry.model.capacity.CapacityProvider;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStatus;
import io.gantry.server.capacity.CapacityProviders;
import io.gantry.server.placement.TaskDemand;
import io.gantry.server.state.EntityStore;
import io.gantry.server.tags.TagStore;
import io.gantry.store.Txn;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Tasks that wait for capacity, as ECS cluster auto scaling has them: a task of a launch's part on
 * an EC2 capacity provider with managed scaling ENABLED that fits on none of the provider's
 * instances is not a failure but a task in PROVISIONING, without an instance. It counts towards
 * the provider's CapacityProviderReservation (so the scale-out hook fires), and {@link
 * CapacityWaitController} places it when an instance of the provider has room, or stops it
 * (TaskFailedToStart) when none has after the provisioning timeout. A marker {@code
 * gantry/capacity-wait/TASKKEY} lists each waiting task, written in the launch's transaction. At
 * most {@link #DEFAULT_LIMIT} tasks wait per cluster (ECS's "Tasks in the PROVISIONING state per
 * cluster" quota, 500; checked before the commit, not in it, so racing launches may pass it by a
 * few, as a soft quota); beyond it RunTask answers ECS's ClientException. Not for awsvpc tasks
 * (their address is leased at placement) nor tasks that want GPUs: those fail as before. Nor for
 * a service's launches: the service controller already retries its unplaced tasks, and they
 * count in the reservation metric as the service's shortfall (the controller would take a task
 * without an instance for one on a lost instance).
 * Pure apart from store reads; thread-safe.
 */
final class CapacityWait {
  static final String PREFIX = "gantry/capacity-wait/";
  /** How a service's launches are marked ({@code startedBy}); they keep the service controller's own retry. */
  static final String SERVICE_STARTED_BY = "ecs-svc/";
  static final int DEFAULT_LIMIT = 500;
  static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);
  static final String LIMIT_EXCEEDED = "Tasks provisioning capacity limit exceeded.";
  static final String TIMED_OUT = "Task timed out waiting for capacity: no instance of capacity provider %s "
      + "had room within %d minutes.";

  /** What a marker records: where the waiting task is and the provider it waits for. */
  record Marker(String accountId, String region, String cluster, String taskId, String provider) {
    Scope scope() {
      return new Scope(accountId, region);
    }
  }

  private CapacityWait() {}

  /** Whether tasks of {@code spec} that do not fit on {@code provider} wait for it instead of failing. */
  static boolean waits(EntityStore store, LaunchSpec spec, String provider) {
    if (spec.network() != null || spec.fargate() != null || TaskDemand.gpus(spec.taskDefinition()) > 0
        || (spec.startedBy() != null && spec.startedBy().startsWith(SERVICE_STARTED_BY))) {
      return false;
    }
    return new CapacityProviders(store).stored(spec.scope(), provider).map(v -> v.value())
        .filter(p -> CapacityProvider.ACTIVE.equals(p.status()) && p.autoScalingGroupProvider() != null
            && p.autoScalingGroupProvider().managedScaling().enabled())
        .isPresent();
  }

  /** Refuses {@code more} waiting tasks when the cluster would pass {@code limit}. */
  static void checkLimit(EntityStore store, Scope scope, String cluster, int more, int limit) {
    if (more > 0 && store.kv().range(PREFIX + TaskRefs.key(scope, cluster, "")).size() + more > limit) {
      throw EcsException.client(LIMIT_EXCEEDED);
    }
  }

  /** The stored form of a new task of {@code spec} waiting for {@code provider}: PROVISIONING, no instance. */
  private static StoredTask task(LaunchSpec spec, String id, String provider, Instant now, RandomGenerator random) {
    Task task = spec.newTask(id, null, now, random).toBuilder()
        .lastStatus(TaskStatus.PROVISIONING.name())
        .capacityProviderName(provider)
        .launchType(LaunchTarget.of(provider).launchType())
        .build();
    return new StoredTask(task, null, spec.hostPorts(), spec.clientToken(), spec.requestFingerprint(),
        spec.referenceId(), spec.placementConstraints(), spec.placementStrategy(), List.of());
  }

  /**
   * Adds to {@code txn} one waiting task of {@code spec} per entry of {@code providers} (the
   * provider it waits for): its record (absent before), its tags and its marker. Returns the tasks
   * as RunTask answers them.
   */
  static List<Task> stage(EntityStore store, TagStore tags, Txn.Builder txn, LaunchSpec spec, List<String> providers,
      Instant now, RandomGenerator random) {
    List<Task> out = new ArrayList<>();
    for (String provider : providers) {
      String id = TaskIds.newId(random);
      StoredTask stored = task(spec, id, provider, now, random);
      String key = TaskRefs.key(spec.scope(), spec.cluster(), id);
      txn.absent(key).put(key, store.encode(stored));
      await(store, txn, spec, id, provider);
      tags.put(txn, spec.scope(), stored.task().taskArn(), spec.tags());
      out.add(stored.task().withTags(spec.tags()));
    }
    return out;
  }

  /** Adds the marker listing task {@code id} as waiting for {@code provider}. */
  private static void await(EntityStore store, Txn.Builder txn, LaunchSpec spec, String id, String provider) {
    String marker = PREFIX + TaskRefs.key(spec.scope(), spec.cluster(), id);
    txn.absent(marker).put(marker, store.encode(new Marker(spec.scope().accountId(), spec.scope().region(),
        spec.cluster(), id, provider)));
  }
}
