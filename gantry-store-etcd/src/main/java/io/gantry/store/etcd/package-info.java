/**
 * The store contract on etcd, for control-plane replicas that share state: {@link
 * io.gantry.store.etcd.EtcdKvStore} maps every store transaction onto one etcd transaction, and
 * {@link io.gantry.store.etcd.EtcdLeadership} elects one replica and gives it a revision to fence
 * its writes with.
 */
package io.gantry.store.etcd;
