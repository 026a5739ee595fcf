package io.gantry.server.ha;

import io.gantry.store.Txn;
import java.net.URI;
import java.util.Optional;

/**
 * The only replica (embedded store): always the leader, with nothing to fence against, since no
 * other process can open the same store.
 */
public final class SoloLeadership implements Leadership {
  @Override
  public boolean isLeader() {
    return true;
  }

  @Override
  public Optional<Txn.Condition> fence() {
    return Optional.empty();
  }

  @Override
  public boolean holds(Txn.Condition fence) {
    return true;
  }

  @Override
  public Optional<URI> leaderUrl() {
    return Optional.empty();
  }

  @Override
  public void close() {}
}
