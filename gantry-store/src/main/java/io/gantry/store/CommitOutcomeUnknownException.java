package io.gantry.store;

/**
 * A commit failed in a way that leaves open whether the transaction was applied (a timeout, a lost
 * answer, a dropped connection): the store did not, and must not, send it again blindly. Callers
 * decide from fresh reads with {@link CommitOutcome}.
 */
public class CommitOutcomeUnknownException extends StoreException {
  public CommitOutcomeUnknownException(String message, Throwable cause) {
    super(message, cause);
  }
}
