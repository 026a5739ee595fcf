package io.gantry.store.etcd;

import io.gantry.store.KvStore;
import io.gantry.store.KvStoreContract;

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
}
