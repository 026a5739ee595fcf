package io.gantry.store;

/**
 * The outcome of a commit: whether the conditions held, and the store revision after it (the new
 * revision when it succeeded, the current one when it did not).
 */
public record TxnResult(boolean succeeded, long revision) {}
