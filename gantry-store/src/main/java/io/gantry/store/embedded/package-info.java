/**
 * The embedded store, Gantry's default: the working set in memory, every acknowledged
 * transaction made durable in a local SQLite database by one group-committing writer thread.
 */
package io.gantry.store.embedded;
