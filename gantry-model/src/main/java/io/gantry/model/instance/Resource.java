package io.gantry.model.instance;

import java.util.List;

/**
 * One resource of a container instance (ECS {@code Resource}): CPU units, memory, reserved ports,
 * GPUs. The {@code type} ({@code INTEGER}, {@code LONG}, {@code DOUBLE}, {@code STRINGSET}) says
 * which value member carries the amount.
 */
public record Resource(
    String name, String type, Double doubleValue, Long longValue, Integer integerValue, List<String> stringSetValue) {

  public static final String INTEGER = "INTEGER";
  public static final String LONG = "LONG";
  public static final String DOUBLE = "DOUBLE";
  public static final String STRINGSET = "STRINGSET";

  public Resource {
    stringSetValue = stringSetValue == null ? null : List.copyOf(stringSetValue);
  }

  public static Resource ofInteger(String name, int value) {
    return new Resource(name, INTEGER, null, null, value, null);
  }

  public static Resource ofLong(String name, long value) {
    return new Resource(name, LONG, null, value, null, null);
  }

  public static Resource ofDouble(String name, double value) {
    return new Resource(name, DOUBLE, value, null, null, null);
  }

  public static Resource ofStringSet(String name, List<String> values) {
    return new Resource(name, STRINGSET, null, null, null, values);
  }
}
