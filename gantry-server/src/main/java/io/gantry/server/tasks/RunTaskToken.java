package io.gantry.server.tasks;

import io.gantry.model.Failure;
import java.time.Instant;
import java.util.List;

/**
 * What a RunTask request with a client token did, stored under the token (per account and region)
 * in the same transaction as its tasks: a retry with the same token and the same parameters gets
 * the same tasks and failures back; one with other parameters is a conflict. Written only when
 * the request placed at least one task. Immutable.
 */
record RunTaskToken(String requestFingerprint, String cluster, List<String> taskIds, List<Failure> failures,
    Instant createdAt) {
  RunTaskToken {
    taskIds = List.copyOf(taskIds);
    failures = failures == null ? List.of() : List.copyOf(failures);
  }
}
