package io.gantry.server.tasks;

import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.task.Task;
import io.gantry.server.state.EntityStore;
import io.gantry.server.tags.TagStore;
import io.gantry.store.Txn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RunTask client tokens: what a call with a token created, recorded in the commit that creates
 * it (or right after a capacity-provider split), and the answer a retry gets. Retries of one
 * token are serialised on {@link #lock} within this process, so a retry finds the first call's
 * tasks instead of its reservations. Thread-safe.
 */
final class ClientTokens {
  static final String CONFLICT = "The provided clientToken is already in use with a different RunTask request.";

  private final EntityStore store;
  private final TagStore tags;
  private final Object[] locks = new Object[64];

  ClientTokens(EntityStore store, TagStore tags) {
    this.store = store;
    this.tags = tags;
    for (int i = 0; i < locks.length; i++) {
      locks[i] = new Object();
    }
  }

  /** The monitor retries of {@code spec}'s token hold while they launch. */
  Object lock(LaunchSpec spec) {
    return locks[Math.floorMod((spec.scope() + spec.clientToken()).hashCode(), locks.length)];
  }

  /** The answer to a retry of {@code spec} when its token was used already: the tasks as they are now, or a conflict. */
  Optional<TasksResponse> replay(LaunchSpec spec) {
    Scope scope = spec.scope();
    return store.get(TaskRefs.tokenKey(scope, spec.cluster(), spec.clientToken()), RunTaskToken.class)
        .map(v -> answer(scope, spec, v.value()));
  }

  /** Adds to {@code txn} the record of what {@code spec}'s token created; the commit fails if the token is in use. */
  void stage(Txn.Builder txn, LaunchSpec spec, List<String> taskIds, List<Failure> failures, Instant now) {
    String key = TaskRefs.tokenKey(spec.scope(), spec.cluster(), spec.clientToken());
    txn.absent(key).put(key, store.encode(new RunTaskToken(spec.requestFingerprint(), spec.cluster(), taskIds,
        failures, now)));
  }

  /** Records what {@code spec}'s token created, in a commit of its own. */
  void record(LaunchSpec spec, List<String> taskIds, List<Failure> failures, Instant now) {
    Txn.Builder txn = Txn.builder();
    stage(txn, spec, taskIds, failures, now);
    store.commit(txn.build());
  }

  private TasksResponse answer(Scope scope, LaunchSpec spec, RunTaskToken used) {
    if (!used.requestFingerprint().equals(spec.requestFingerprint())) {
      throw TaskErrors.conflict(CONFLICT);
    }
    List<Task> tasks = new ArrayList<>();
    for (String id : used.taskIds()) {
      store.get(TaskRefs.key(scope, used.cluster(), id), StoredTask.class).ifPresent(v -> tasks.add(
          v.value().task().withTags(tags.tags(scope, v.value().task().taskArn()))));
    }
    return new TasksResponse(used.failures(), tasks);
  }
}
