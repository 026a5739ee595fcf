package io.gantry.model.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Unmodifiable copies of the lists inside wire records. An absent list stays absent (null) and an
 * empty one stays empty, because ECS tells the two apart in what it returns; null elements are
 * kept so request validation can reject them with an ECS message. Order is kept.
 */
final class WireCollections {
  private WireCollections() {}

  static <T> List<T> list(List<T> list) {
    return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
  }
}
