package io.gantry.store.etcd;

import io.etcd.jetcd.ByteSequence;
import io.gantry.store.KeyValue;
import io.gantry.store.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Translates keys, revisions and key values between the store's shapes and etcd's. Stateless
 * and thread-safe.
 *
 * <p>Keys are UTF-8 bytes, so etcd's byte order is the store's code-point order. Versions are
 * etcd's. Revisions are etcd's minus one: a new etcd cluster is already at revision 1 (its empty
 * initial state) and writes its first transaction at 2, while the store contract starts an
 * empty store at 0 and its first transaction at 1. The offset is the same for the store-wide
 * revision and for create and mod revisions, so the mapping is one-to-one and every revision a
 * caller sees can be handed back in a condition or a watch.
 */
final class EtcdCodec {
  /** etcd's revision of the store's revision 0: a new cluster's empty state. */
  static final long REVISION_OFFSET = 1;

  /** The smallest key etcd accepts as the start of a range (etcd rejects an empty key). */
  private static final byte[] FIRST_KEY = {0};

  private EtcdCodec() {}

  static long toEtcdRevision(long revision) {
    return revision + REVISION_OFFSET;
  }

  static long fromEtcdRevision(long etcdRevision) {
    return etcdRevision - REVISION_OFFSET;
  }

  static ByteSequence key(String key) {
    return ByteSequence.from(key, StandardCharsets.UTF_8);
  }

  static String key(ByteSequence key) {
    return key.toString(StandardCharsets.UTF_8);
  }

  /** The first key of a range over {@code prefix}: the prefix itself, or etcd's smallest key. */
  static ByteSequence rangeStart(String prefix) {
    return prefix.isEmpty() ? ByteSequence.from(FIRST_KEY) : key(prefix);
  }

  /**
   * The smallest key after {@code key} in byte order: {@code key} followed by a zero byte, so a
   * range starting there excludes {@code key} and nothing else.
   */
  static ByteSequence after(String key) {
    byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
    return ByteSequence.from(Arrays.copyOf(bytes, bytes.length + 1));
  }

  /**
   * The end (exclusive) of the range of keys starting with {@code prefix}: the prefix with its
   * last byte incremented; for the empty prefix, etcd's "\0" end, which means "every key".
   * UTF-8 never contains the byte 0xFF, so incrementing the last byte never overflows.
   */
  static ByteSequence rangeEnd(String prefix) {
    if (prefix.isEmpty()) {
      return ByteSequence.from(FIRST_KEY);
    }
    byte[] end = prefix.getBytes(StandardCharsets.UTF_8);
    end[end.length - 1]++;
    return ByteSequence.from(end);
  }

  /** The store's key value for etcd's. */
  static KeyValue keyValue(io.etcd.jetcd.KeyValue kv) {
    return new KeyValue(
        key(kv.getKey()),
        kv.getValue().getBytes(),
        fromEtcdRevision(kv.getCreateRevision()),
        fromEtcdRevision(kv.getModRevision()),
        kv.getVersion());
  }

  /**
   * The store's watch event for etcd's. A delete carries the key, an empty value, the delete's
   * revision as mod revision, and 0 for create revision and version (as the key no longer
   * exists).
   */
  static WatchEvent event(io.etcd.jetcd.watch.WatchEvent event) {
    io.etcd.jetcd.KeyValue kv = event.getKeyValue();
    return switch (event.getEventType()) {
      case PUT -> new WatchEvent(WatchEvent.Type.PUT, keyValue(kv));
      case DELETE -> new WatchEvent(WatchEvent.Type.DELETE,
          new KeyValue(key(kv.getKey()), new byte[0], 0, fromEtcdRevision(kv.getModRevision()), 0));
      case UNRECOGNIZED -> throw new IllegalStateException("etcd sent an unrecognised watch event: " + event);
    };
  }
}
