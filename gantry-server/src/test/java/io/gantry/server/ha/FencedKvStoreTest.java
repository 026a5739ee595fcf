package io.gantry.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import io.gantry.store.embedded.EmbeddedKvStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FencedKvStoreTest {
  @TempDir Path dir;
  private KvStore kv;
  private KeyLeadership leadership;
  private FencedKvStore fenced;

  @BeforeEach
  void open() {
    kv = EmbeddedKvStore.open(dir);
    leadership = new KeyLeadership(kv);
    fenced = new FencedKvStore(kv, leadership);
  }

  @AfterEach
  void close() {
    kv.close();
  }

  private static Txn put(String key, String value) {
    return Txn.builder().put(key, value.getBytes(StandardCharsets.UTF_8)).build();
  }

  @Test
  void theLeadersWritesCommitWithTheFenceAsOneMoreCondition() {
    leadership.win("http://a");
    assertThat(fenced.commit(put("ecs/x", "1")).succeeded()).isTrue();
    assertThat(kv.get("ecs/x")).isPresent();
  }

  @Test
  void aDeposedLeaderThatStillBelievesItLeadsWritesNothing() {
    leadership.win("http://a");
    leadership.takeOver("http://b");
    assertThat(leadership.isLeader()).isTrue(); // it has not noticed
    assertThatThrownBy(() -> fenced.commit(put("ecs/x", "1"))).isInstanceOf(NotLeaderException.class);
    assertThat(kv.get("ecs/x")).isEmpty();
  }

  @Test
  void aLostRaceOnTheLeaderIsAnOrdinaryFailedCommit() {
    leadership.win("http://a");
    kv.commit(put("ecs/x", "0"));
    Txn stale = Txn.builder().absent("ecs/x").put("ecs/x", "1".getBytes(StandardCharsets.UTF_8)).build();
    assertThat(fenced.commit(stale).succeeded()).isFalse();
    assertThat(new String(kv.get("ecs/x").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("0");
  }

  @Test
  void aFollowerMayNotWriteThroughTheFencedStore() {
    assertThatThrownBy(() -> fenced.commit(put("ecs/x", "1"))).isInstanceOf(NotLeaderException.class);
    leadership.win("http://a");
    leadership.stepDown();
    assertThatThrownBy(() -> fenced.commit(put("ecs/x", "1"))).isInstanceOf(NotLeaderException.class);
    assertThat(kv.get("ecs/x")).isEmpty();
  }

  @Test
  void aSingleReplicaWritesUnfenced() {
    FencedKvStore solo = new FencedKvStore(kv, new SoloLeadership());
    assertThat(solo.commit(put("ecs/x", "1")).succeeded()).isTrue();
    assertThat(kv.get(KeyLeadership.KEY)).isEmpty();
  }

  @Test
  void readsAndWatchesSeeTheUnderlyingStore() {
    kv.commit(put("ecs/y", "1"));
    assertThat(fenced.get("ecs/y")).isPresent();
    assertThat(fenced.range("ecs/")).hasSize(1);
    assertThat(fenced.revision()).isEqualTo(kv.revision());
  }
}
