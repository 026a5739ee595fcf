package io.gantry.store.etcd;

import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import io.gantry.store.Watch;
import io.gantry.store.WatchListener;
import java.util.List;
import java.util.Optional;

/**
 * An {@link EtcdKvStore} together with the etcd process it alone uses: closing the store also
 * stops the process and deletes its data. Lets the contract suite, which closes the stores it
 * opens, start a fresh etcd for each store. Thread-safe as the store is.
 */
record OwnedStore(EtcdKvStore store, EtcdProcess etcd) implements KvStore {

  static OwnedStore start(EtcdStoreOptions options) {
    EtcdProcess etcd = EtcdProcess.startSingle();
    return new OwnedStore(EtcdKvStore.connect(etcd.endpoints(), options), etcd);
  }

  /** Closes only the store and connects a new one to the same etcd. */
  OwnedStore reconnect(EtcdStoreOptions options) {
    store.close();
    return new OwnedStore(EtcdKvStore.connect(etcd.endpoints(), options), etcd);
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
  public List<KeyValue> rangeFrom(String prefix, String startKeyExclusive, int limit) {
    return store.rangeFrom(prefix, startKeyExclusive, limit);
  }

  @Override
  public TxnResult commit(Txn txn) {
    return store.commit(txn);
  }

  @Override
  public Watch watch(String prefix, long afterRevision, WatchListener listener) {
    return store.watch(prefix, afterRevision, listener);
  }

  @Override
  public void close() {
    store.close();
    etcd.close();
  }
}
