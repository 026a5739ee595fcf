package io.gantry.store.etcd;

import io.etcd.jetcd.common.exception.EtcdException;
import io.gantry.store.CommitOutcomeUnknownException;
import io.gantry.store.StoreException;
import io.grpc.Status;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Decides what a failed etcd transaction means for its caller: etcd refused it before applying
 * anything, or nobody can tell whether it was applied. Pure and thread-safe.
 *
 * <p>Only refusals etcd makes before a transaction reaches its raft log, or at apply time without
 * changing anything, count as "not applied". Everything else (a timeout, a dropped connection, a
 * leader change while the proposal was in flight, an error that is not a gRPC status at all)
 * means the request may have been sent and applied with its answer lost. The store never retries
 * such a write; it reports that the outcome is unknown, and the caller, whose write is
 * conditioned on revisions, re-reads to find out.
 */
final class CommitFailures {

  /** What a failure says about whether the transaction was applied. */
  enum Outcome { NOT_APPLIED, UNKNOWN }

  /**
   * The gRPC codes etcd uses for requests it rejects without applying them: malformed or
   * too-large requests, failed authentication or permission checks, the space-quota alarm
   * (checked at apply time, where the transaction then changes nothing).
   */
  private static final Set<Status.Code> REJECTED = Set.of(
      Status.Code.INVALID_ARGUMENT,
      Status.Code.PERMISSION_DENIED,
      Status.Code.UNAUTHENTICATED,
      Status.Code.RESOURCE_EXHAUSTED,
      Status.Code.FAILED_PRECONDITION,
      Status.Code.OUT_OF_RANGE,
      Status.Code.UNIMPLEMENTED);

  private CommitFailures() {}

  /** What {@code failure}, thrown while committing, says about the commit. */
  static Outcome classify(Throwable failure) {
    Status.Code code = code(unwrap(failure));
    return REJECTED.contains(code) ? Outcome.NOT_APPLIED : Outcome.UNKNOWN;
  }

  /** The exception a caller of {@code commit} gets for {@code failure}. */
  static StoreException toStoreException(Throwable failure) {
    Throwable cause = unwrap(failure);
    return classify(cause) == Outcome.NOT_APPLIED
        ? new StoreException("etcd rejected the transaction: " + cause.getMessage()
            + "; it was not applied", cause)
        : unknown("the etcd transaction failed: " + cause, cause);
  }

  /** A failure after which the transaction may or may not have been applied. */
  static StoreException unknown(String what, Throwable cause) {
    return new CommitOutcomeUnknownException(what + "; the transaction may or may not have been applied", cause);
  }

  /** The gRPC status code behind {@code t}; UNKNOWN when it carries none. */
  private static Status.Code code(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof EtcdException e) {
        return Status.Code.valueOf(e.getErrorCode().name());
      }
    }
    return Status.fromThrowable(t).getCode();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
