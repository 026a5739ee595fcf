/**
 * The store contract: a versioned key-value store with compare-and-set transactions, prefix reads
 * and watches from a revision. Its shape maps one-to-one onto etcd's.
 */
package io.gantry.store;
