package io.gantry.store;

import java.util.Arrays;

/** One stored key with its value and versions. The value array must not be modified. */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision, long version) {

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyValue kv
        && key.equals(kv.key)
        && Arrays.equals(value, kv.value)
        && createRevision == kv.createRevision
        && modRevision == kv.modRevision
        && version == kv.version;
  }

  @Override
  public int hashCode() {
    return key.hashCode() * 31 + Long.hashCode(modRevision);
  }

  @Override
  public String toString() {
    return "KeyValue[" + key + " rev=" + modRevision + " v=" + version + " " + value.length + "B]";
  }
}
