package io.gantry.store;

import java.util.List;

/**
 * A transaction: conditions that must all hold, and the operations to apply when they do.
 * Build one with {@link #builder()}.
 */
public record Txn(List<Condition> conditions, List<Op> ops) {
  public Txn {
    conditions = List.copyOf(conditions);
    ops = List.copyOf(ops);
    if (ops.isEmpty()) {
      throw new IllegalArgumentException("a transaction needs at least one operation");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A condition on one key. */
  public sealed interface Condition {
    String key();
  }

  /** Holds when the key does not exist. */
  public record Absent(String key) implements Condition {}

  /** Holds when the key exists and was last modified at exactly {@code modRevision}. */
  public record ModRevisionIs(String key, long modRevision) implements Condition {}

  /** One write. */
  public sealed interface Op {
    String key();
  }

  public record Put(String key, byte[] value) implements Op {}

  /** Deletes the key; deleting a missing key is a no-op. */
  public record Delete(String key) implements Op {}

  /** Collects conditions and operations. Not thread-safe. */
  public static final class Builder {
    private final java.util.ArrayList<Condition> conditions = new java.util.ArrayList<>();
    private final java.util.ArrayList<Op> ops = new java.util.ArrayList<>();

    public Builder absent(String key) {
      conditions.add(new Absent(key));
      return this;
    }

    public Builder modRevisionIs(String key, long modRevision) {
      conditions.add(new ModRevisionIs(key, modRevision));
      return this;
    }

    /** {@code absent(key)} when {@code modRevision} is 0, else {@code modRevisionIs}. */
    public Builder unchangedSince(String key, long modRevision) {
      return modRevision == 0 ? absent(key) : modRevisionIs(key, modRevision);
    }

    public Builder put(String key, byte[] value) {
      ops.add(new Put(key, value));
      return this;
    }

    public Builder delete(String key) {
      ops.add(new Delete(key));
      return this;
    }

    public Txn build() {
      return new Txn(conditions, ops);
    }
  }
}
