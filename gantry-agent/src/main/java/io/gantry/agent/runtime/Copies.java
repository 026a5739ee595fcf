package io.gantry.agent.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Immutable copies for spec records: absent becomes empty, and map order is kept. */
final class Copies {
  private Copies() {}

  static <T> List<T> list(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  static <K, V> Map<K, V> orderedMap(Map<K, V> map) {
    return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }

  /** An absent or empty list stays absent: "use the image's default". */
  static <T> List<T> listOrNull(List<T> list) {
    return list == null || list.isEmpty() ? null : List.copyOf(list);
  }
}
