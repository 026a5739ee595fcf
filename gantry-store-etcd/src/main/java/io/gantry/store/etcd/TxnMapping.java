package io.gantry.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.PutOption;
import io.gantry.store.Keys;
import io.gantry.store.Txn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A store transaction as the compares and operations of one etcd transaction, checked before
 * anything is sent. An immutable value; the values of its puts are copies, taken when it is
 * built.
 *
 * <ul>
 *   <li>{@link Txn.Absent} becomes {@code create_revision(key) == 0}: etcd compares a missing key
 *       as all zeros, and an existing key was created at revision 2 or later.
 *   <li>{@link Txn.ModRevisionIs} becomes {@code version(key) > 0} and {@code mod_revision(key) ==
 *       r + 1}: the key exists and was last written at the store's revision {@code r}. The
 *       version compare is what makes a missing key fail for every {@code r}, including
 *       {@code r = -1}, whose etcd revision 0 a missing key would otherwise match.
 *   <li>{@link Txn.Put} and {@link Txn.Delete} become an etcd put and a single-key delete, in
 *       order, in the success branch; the failure branch is empty.
 * </ul>
 */
record TxnMapping(List<Cmp> compares, List<Op> ops) {

  TxnMapping {
    compares = List.copyOf(compares);
    ops = List.copyOf(ops);
  }

  /**
   * Checks and translates {@code txn}.
   *
   * @throws IllegalArgumentException when a key is empty or malformed, a value is null, or two
   *     operations name the same key (etcd would reject that too, but only after a round trip)
   */
  static TxnMapping of(Txn txn) {
    List<Cmp> compares = new ArrayList<>(txn.conditions().size() * 2);
    for (Txn.Condition condition : txn.conditions()) {
      ByteSequence key = EtcdCodec.key(Keys.requireValid(condition.key()));
      if (condition instanceof Txn.ModRevisionIs m) {
        compares.add(new Cmp(key, Cmp.Op.GREATER, CmpTarget.version(0)));
        compares.add(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.modRevision(EtcdCodec.toEtcdRevision(m.modRevision()))));
      } else {
        compares.add(new Cmp(key, Cmp.Op.EQUAL, CmpTarget.createRevision(0)));
      }
    }
    Set<String> written = new HashSet<>();
    List<Op> ops = new ArrayList<>(txn.ops().size());
    for (Txn.Op op : txn.ops()) {
      String key = Keys.requireValid(op.key());
      if (!written.add(key)) {
        throw new IllegalArgumentException("a transaction may write a key only once: " + key);
      }
      if (op instanceof Txn.Put put) {
        if (put.value() == null) {
          throw new IllegalArgumentException("the value for " + key + " is null");
        }
        // ByteSequence.from copies the array, so later changes by the caller are not stored
        ops.add(Op.put(EtcdCodec.key(key), ByteSequence.from(put.value()), PutOption.DEFAULT));
      } else {
        ops.add(Op.delete(EtcdCodec.key(key), DeleteOption.DEFAULT));
      }
    }
    return new TxnMapping(compares, ops);
  }

  Cmp[] compareArray() {
    return compares.toArray(Cmp[]::new);
  }

  Op[] opArray() {
    return ops.toArray(Op[]::new);
  }
}
