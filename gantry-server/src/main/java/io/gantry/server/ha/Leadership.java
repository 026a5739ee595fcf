package io.gantry.server.ha;

import io.gantry.store.Txn;
import java.net.URI;
import java.util.Optional;

/**
 * Which control-plane replica leads: the leader runs the controllers and the plan applier, and
 * conditions each of their writes on {@link #fence()}. Thread-safe.
 */
public interface Leadership extends AutoCloseable {

  /** Whether this replica leads now (it may stop leading at any moment; the fence is what counts). */
  boolean isLeader();

  /**
   * The condition a leader's write carries so that it fails once this replica no longer leads;
   * empty when there is only one replica (nothing to fence against).
   *
   * @throws NotLeaderException when this replica does not lead
   */
  Optional<Txn.Condition> fence();

  /** Whether {@code fence}, handed out earlier, still names the current leadership. */
  boolean holds(Txn.Condition fence);

  /** The advertised URL of the current leader, when one is known (empty for a single replica). */
  Optional<URI> leaderUrl();

  @Override
  void close();
}
