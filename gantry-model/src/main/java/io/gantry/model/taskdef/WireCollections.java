package io.gantry.model.taskdef;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies of the collections inside wire records. An absent collection stays absent
 * (null) and an empty one stays empty, because ECS tells the two apart in what it returns; null
 * elements are kept so validation can reject them with an ECS message instead of a
 * NullPointerException while decoding. Order is kept.
 */
final class WireCollections {
  private WireCollections() {}

  static <T> List<T> list(List<T> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }

  static <K, V> Map<K, V> map(Map<K, V> map) {
    return map == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
