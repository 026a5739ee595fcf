package io.gantry.server.agents;

import io.gantry.server.state.EntityStore;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's sweep of agent sessions held by replicas that are gone (see {@link SessionClaims}):
 * a replica whose beacon has not changed for {@code silentAfter}, as this leader sees it, or has
 * none, is dead; each instance it still claims is marked disconnected and its claim dropped,
 * unless the agent has claimed it again through a live replica. Without this, an agent that never
 * came back after its replica died (or after a single server's kill -9) would stay
 * {@code agentConnected} for ever and its service tasks would never be replaced. Time is this
 * replica's own clock: only the beacon's revision is read, never a timestamp another machine wrote.
 */
public final class OrphanedSessions implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(OrphanedSessions.class);

  /** A replica's beacon revision (-1: none) and when this leader first saw it at that revision. */
  private record Seen(long revision, Instant since) {}

  private final EntityStore store;
  private final SessionClaims claims;
  private final Clock clock;
  private final Duration silentAfter;
  private final Map<String, Seen> seen = new HashMap<>();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gantry-orphaned-sessions");
    t.setDaemon(true);
    return t;
  });

  public OrphanedSessions(EntityStore store, Clock clock, Duration silentAfter) {
    this.store = store;
    this.claims = new SessionClaims(store, "leader", clock);
    this.clock = clock;
    this.silentAfter = silentAfter;
  }

  public OrphanedSessions start(Duration every) {
    timer.scheduleWithFixedDelay(() -> {
      try {
        sweep();
      } catch (RuntimeException e) {
        log.warn("orphaned-session sweep failed; trying again", e);
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** One pass: updates what it knows of each replica's beacon, releases the claims of dead ones. */
  synchronized int sweep() {
    Instant now = clock.instant();
    Map<String, KeyValue> beacons = new HashMap<>();
    for (KeyValue kv : store.kv().range(SessionClaims.BEACONS)) {
      beacons.put(kv.key().substring(SessionClaims.BEACONS.length()), kv);
    }
    Map<String, Set<String>> held = new HashMap<>();
    for (KeyValue kv : store.kv().range(SessionClaims.INDEX)) {
      String rest = kv.key().substring(SessionClaims.INDEX.length());
      int slash = rest.indexOf('/');
      if (slash > 0) {
        held.computeIfAbsent(rest.substring(0, slash), r -> new HashSet<>()).add(rest.substring(slash + 1));
      }
    }
    Set<String> replicas = new HashSet<>(beacons.keySet());
    replicas.addAll(held.keySet());
    seen.keySet().retainAll(replicas);
    int released = 0;
    for (String replica : replicas) {
      long revision = beacons.containsKey(replica) ? beacons.get(replica).modRevision() : -1;
      Seen last = seen.get(replica);
      if (last == null || last.revision() != revision) {
        seen.put(replica, new Seen(revision, now));
        continue;
      }
      if (now.isBefore(last.since().plus(silentAfter))) {
        continue;
      }
      released += release(replica, held.getOrDefault(replica, Set.of()));
      if (revision >= 0) {
        store.kv().commit(Txn.builder().modRevisionIs(SessionClaims.BEACONS + replica, revision)
            .delete(SessionClaims.BEACONS + replica).build());
      }
    }
    return released;
  }

  private int release(String replica, Set<String> claimKeys) {
    int released = 0;
    for (String claimKey : claimKeys) {
      long revision = store.kv().get(claimKey)
          .filter(c -> replica.equals(SessionClaims.holderOf(c)))
          .map(KeyValue::modRevision).orElse(-1L);
      if (claims.release(replica, claimKey, SessionClaims.instanceKeyOf(claimKey), revision) && revision >= 0) {
        released++;
      }
    }
    if (released > 0) {
      log.info("replica {} is silent; marked {} of its agents disconnected", replica, released);
    }
    return released;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
