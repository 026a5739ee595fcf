package io.gantry.model.task;

import java.util.Optional;

/** Parsing of wire strings into the status enums of this package, whose names are the wire values. */
final class WireEnums {
  private WireEnums() {}

  static <E extends Enum<E>> Optional<E> parse(Class<E> type, String wire) {
    if (wire == null) {
      return Optional.empty();
    }
    for (E value : type.getEnumConstants()) {
      if (value.name().equals(wire)) {
        return Optional.of(value);
      }
    }
    return Optional.empty();
  }
}
