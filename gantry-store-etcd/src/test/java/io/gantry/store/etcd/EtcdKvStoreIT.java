package io.gantry.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
import io.gantry.store.KvStoreContract;
import io.gantry.store.Txn;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the whole store contract against {@link EtcdKvStore}, each store on an etcd process of
 * its own (a new etcd cluster is the only way to get an empty store at revision 0).
 */
class EtcdKvStoreIT extends KvStoreContract {

  @Override
  protected KvStore newStore() {
    return OwnedStore.start(EtcdStoreOptions.defaults());
  }

  @Override
  protected KvStore reopen(KvStore store) {
    return ((OwnedStore) store).reconnect(EtcdStoreOptions.defaults());
  }

  @Override
  protected void compact(KvStore store, long revision) {
    ((OwnedStore) store).store().compact(revision);
  }

  @Test
  void rangePagesThroughMoreKeysThanOneRequestCarriesAtOneRevision() {
    int keys = EtcdKvStore.RANGE_PAGE * 2 + 500;
    for (int start = 0; start < keys; start += 125) { // etcd allows 128 operations per transaction
      Txn.Builder txn = Txn.builder();
      for (int i = start; i < Math.min(start + 125, keys); i++) {
        txn.put(String.format("big/%05d", i), bytes("x"));
      }
      store.commit(txn.build());
    }

    List<KeyValue> all = store.range("big/");
    assertThat(all).hasSize(keys);
    assertThat(keys(all)).isSorted();
    assertThat(all.get(keys - 1).key()).isEqualTo(String.format("big/%05d", keys - 1));
  }

  @Test
  void modRevisionIsMinusOneNeverHoldsForAMissingKey() {
    // etcd's revision 0 is what a missing key compares as; the version compare rules it out
    assertThat(store.commit(Txn.builder().modRevisionIs("missing", -1).put("missing", bytes("x")).build()).succeeded())
        .isFalse();
    assertThat(store.revision()).isZero();
  }
}
