package io.gantry.server.tasks;

import com.fasterxml.jackson.core.type.TypeReference;
import io.gantry.api.json.AwsJson;
import io.gantry.model.task.DesiredStatus;
import io.gantry.model.task.StoppedReasons;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskStopCode;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Interrupting FARGATE_SPOT tasks for a regular FARGATE task, as a few writes joined to the
 * launch's transaction: each victim is wanted STOPPED with stop code SpotInterruption and ECS's
 * reason ("Your Spot Task was interrupted."), conditioned on its revision; the regular task
 * carries the victims' keys and a marker {@code gantry/spot-wait/TASKKEY} lists it for {@link
 * SpotWaitController}, which releases it to its agent once every victim has stopped. The agent
 * gives an interrupted task the Spot warning period between SIGTERM and SIGKILL (see {@link
 * TaskStateService}). Pure apart from the reads; thread-safe.
 */
final class SpotInterruptions {
  static final String WAIT_PREFIX = "gantry/spot-wait/";

  private SpotInterruptions() {}

  /**
   * Adds to {@code txn} the interruption of each victim, conditioned on its revision. False when
   * one is gone or no longer wanted RUNNING (another launch or a stop took it first): its room is
   * not this launch's, and the caller plans again.
   */
  static boolean interrupt(EntityStore store, Txn.Builder txn, List<String> victimKeys, Instant now) {
    for (String key : victimKeys) {
      Optional<Versioned<StoredTask>> found = store.get(key, StoredTask.class);
      if (found.isEmpty() || !DesiredStatus.RUNNING.name().equals(found.get().value().task().desiredStatus())) {
        return false;
      }
      Versioned<StoredTask> v = found.get();
      txn.modRevisionIs(key, v.modRevision())
          .put(key, store.encode(v.value().with(interrupted(v.value().task(), now))));
    }
    return true;
  }

  /** The task wanted STOPPED as a Spot interruption. */
  static Task interrupted(Task task, Instant now) {
    return task.toBuilder()
        .desiredStatus(DesiredStatus.STOPPED.name())
        .stopCode(TaskStopCode.SPOT_INTERRUPTION.wireName())
        .stoppedReason(StoppedReasons.SPOT_TASK_INTERRUPTED)
        .stoppingAt(now)
        .version(TaskProgress.nextVersion(task))
        .build();
  }

  /** Adds the marker that lists task {@code taskKey} as waiting for {@code victimKeys}. */
  static void await(EntityStore store, Txn.Builder txn, String taskKey, List<String> victimKeys) {
    String marker = WAIT_PREFIX + taskKey;
    txn.absent(marker).put(marker, store.encode(victimKeys));
  }

  /** The waiting task's key of a marker. */
  static String taskKey(KeyValue marker) {
    return marker.key().substring(WAIT_PREFIX.length());
  }

  static List<String> victims(KeyValue marker) {
    try {
      return AwsJson.mapper().readValue(marker.value(), new TypeReference<List<String>>() {});
    } catch (IOException e) {
      return List.of();
    }
  }
}
