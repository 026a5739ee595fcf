package io.gantry.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.json.AwsJson;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.MovableClock;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import io.gantry.store.embedded.EmbeddedKvStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader's sweep of sessions held by replicas that are gone: a replica that keeps beating
 * keeps its agents connected however long; one that falls silent for the limit (as a server
 * killed with SIGKILL does) has its agents marked disconnected, its claims, index entries and
 * beacon removed — except an agent that has claimed its instance again through a live replica.
 */
class OrphanedSessionsTest {
  static final Scope SCOPE = new Scope("000000000000", "us-east-1");
  static final Duration SILENT = Duration.ofSeconds(15);
  @TempDir Path dir;
  KvStore kv;
  EntityStore store;
  final MovableClock clock = new MovableClock(Instant.parse("2026-11-27T12:00:00Z"));
  OrphanedSessions sweep;

  @BeforeEach
  void open() throws Exception {
    kv = EmbeddedKvStore.open(dir);
    store = new EntityStore(kv);
    for (String id : new String[] {"i-1", "i-2"}) {
      ContainerInstance instance = AwsJson.mapper().readValue("{\"containerInstanceArn\":\"arn:aws:ecs:us-east-1:"
          + "000000000000:container-instance/c1/" + id + "\",\"status\":\"ACTIVE\",\"agentConnected\":false}",
          ContainerInstance.class);
      store.commit(Txn.builder().put(instanceKey(id), store.encode(instance)).build());
    }
    sweep = new OrphanedSessions(store, clock, SILENT);
  }

  @AfterEach
  void close() {
    sweep.close();
    kv.close();
  }

  private static String instanceKey(String id) {
    return StateKeys.containerInstance(SCOPE, "c1", id);
  }

  private static SessionKey session(String id) {
    return new SessionKey(SCOPE, "c1", id);
  }

  private Boolean connected(String id) {
    return store.get(instanceKey(id), ContainerInstance.class).orElseThrow().value().agentConnected();
  }

  /** Sweeps every 2 s for {@code seconds}, the replicas in {@code beating} renewing their beacons in between. */
  private void run(int seconds, SessionClaims... beating) {
    for (int t = 0; t < seconds; t += 2) {
      for (SessionClaims replica : beating) {
        replica.beat();
      }
      sweep.sweep();
      clock.advance(Duration.ofSeconds(2));
    }
    sweep.sweep();
  }

  @Test
  void aBeatingReplicaKeepsItsAgentsConnectedAndASilentOneLosesThem() {
    SessionClaims a = new SessionClaims(store, "replica-a", clock);
    a.beat();
    assertThat(a.claim(session("i-1"))).isPositive();
    assertThat(a.claim(session("i-2"))).isPositive();
    run(60, a);
    assertThat(connected("i-1")).isTrue();
    assertThat(connected("i-2")).isTrue();

    run(12); // silent, but not for the whole limit yet
    assertThat(connected("i-1")).isTrue();
    run(6);
    assertThat(connected("i-1")).isFalse();
    assertThat(connected("i-2")).isFalse();
    assertThat(kv.get(StateKeys.agentSession(SCOPE, "c1", "i-1"))).isEmpty();
    assertThat(kv.range(SessionClaims.INDEX)).isEmpty();
    assertThat(kv.range(SessionClaims.BEACONS)).isEmpty();
  }

  @Test
  void anAgentThatMovedToALiveReplicaStaysConnectedWhenTheOldOneDies() {
    SessionClaims a = new SessionClaims(store, "replica-a", clock);
    SessionClaims b = new SessionClaims(store, "replica-b", clock);
    a.beat();
    b.beat();
    a.claim(session("i-1"));
    a.claim(session("i-2"));
    b.claim(session("i-1")); // i-1's agent moved to b; i-2's agent is gone with a
    run(20, b);
    assertThat(connected("i-1")).isTrue();
    assertThat(connected("i-2")).isFalse();
    assertThat(SessionClaims.holderOf(kv.get(StateKeys.agentSession(SCOPE, "c1", "i-1")).orElseThrow()))
        .isEqualTo("replica-b");
    assertThat(kv.range(SessionClaims.INDEX)).singleElement()
        .satisfies(e -> assertThat(e.key()).startsWith(SessionClaims.INDEX + "replica-b/"));
  }

  @Test
  void aReplicaThatNeverWroteABeaconIsTakenForGoneOnlyAfterTheLimit() {
    SessionClaims a = new SessionClaims(store, "replica-a", clock); // claims, never beats
    a.claim(session("i-1"));
    run(12);
    assertThat(connected("i-1")).isTrue();
    run(6);
    assertThat(connected("i-1")).isFalse();
  }

  @Test
  void aReconnectToTheSameReplicaKeepsItsIndexEntryWhenTheOldSessionEnds() {
    SessionClaims a = new SessionClaims(store, "replica-a", clock);
    long first = a.claim(session("i-1"));
    long second = a.claim(session("i-1"));
    a.release(session("i-1"), first); // the old session's end, noticed late
    assertThat(connected("i-1")).isTrue();
    assertThat(kv.get(SessionClaims.indexKey("replica-a", StateKeys.agentSession(SCOPE, "c1", "i-1")))).isPresent();
    a.release(session("i-1"), second);
    assertThat(connected("i-1")).isFalse();
    assertThat(kv.range(SessionClaims.INDEX)).isEmpty();
  }

  @Test
  void aClaimWrittenBeforeClaimsNamedTheirReplicaIsLeftAlone() {
    store.commit(Txn.builder().put(StateKeys.agentSession(SCOPE, "c1", "i-1"),
        "{\"since\":\"2026-01-01T00:00:00Z\"}".getBytes(StandardCharsets.UTF_8)).build());
    run(40);
    assertThat(kv.get(StateKeys.agentSession(SCOPE, "c1", "i-1"))).isPresent();
  }
}
