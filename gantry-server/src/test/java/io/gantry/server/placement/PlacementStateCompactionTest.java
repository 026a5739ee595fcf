package io.gantry.server.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.Scope;
import io.gantry.server.state.EntityStore;
import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import io.gantry.store.Watch;
import io.gantry.store.WatchListener;
import io.gantry.store.embedded.EmbeddedKvStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When its watch falls behind the store's compaction (an etcd watch that was disconnected), the
 * placement state reloads from the store and follows it again: an instance registered while the
 * watch heard nothing is in the ledger afterwards, and later changes arrive through the new watch.
 */
class PlacementStateCompactionTest {
  static final Scope SCOPE = new Scope("000000000000", "us-east-1");
  @TempDir Path dir;

  @Test
  void reloadsWhenItsWatchMissedCompactedHistory() {
    try (KvStore kv = EmbeddedKvStore.open(dir)) {
      DeafStore deaf = new DeafStore(kv);
      PlacementState state = new PlacementState(new EntityStore(deaf), v -> Optional.empty()).start();
      deaf.deaf = true;
      long revision = kv.commit(instance("i-1")).revision();
      assertThat(state.ledger(SCOPE, "c1").instances()).isEmpty(); // the watch missed it

      deaf.deaf = false;
      deaf.compacted(revision);
      assertThat(state.ledger(SCOPE, "c1").instance("i-1")).isPresent();
      kv.commit(instance("i-2"));
      org.awaitility.Awaitility.await().until(() -> state.ledger(SCOPE, "c1").instance("i-2").isPresent());
      state.close();
    }
  }

  private static Txn instance(String id) {
    String json = "{\"containerInstanceArn\":\"arn:aws:ecs:us-east-1:000000000000:container-instance/c1/" + id
        + "\",\"status\":\"ACTIVE\",\"agentConnected\":true}";
    return Txn.builder().put("ecs/000000000000/us-east-1/instance/c1/" + id, json.getBytes(StandardCharsets.UTF_8))
        .build();
  }

  /** The store, with watches that can be made deaf (events dropped) and told of a compaction. */
  static final class DeafStore implements KvStore {
    private final KvStore store;
    private final List<WatchListener> listeners = new CopyOnWriteArrayList<>();
    volatile boolean deaf;

    DeafStore(KvStore store) {
      this.store = store;
    }

    /** What a store does to a watch that fell behind its compaction: tell it, and deliver nothing more. */
    void compacted(long revision) {
      List<WatchListener> told = List.copyOf(listeners);
      listeners.clear();
      told.forEach(l -> l.onCompacted(revision));
    }

    @Override
    public long revision() {
      return store.revision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
      return store.get(key);
    }

    @Override
    public List<KeyValue> range(String prefix) {
      return store.range(prefix);
    }

    @Override
    public TxnResult commit(Txn txn) {
      return store.commit(txn);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
      listeners.add(listener);
      return store.watch(prefix, afterRevision, event -> {
        if (!deaf && listeners.contains(listener)) {
          listener.onEvent(event);
        }
      });
    }

    @Override
    public void close() {}
  }
}
