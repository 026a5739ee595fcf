package io.gantry.api.model;

import java.util.Locale;

/** The closed set of botocore shape types, each named as it is spelled in a service model. */
public enum ShapeType {
  STRUCTURE,
  LIST,
  MAP,
  STRING,
  INTEGER,
  LONG,
  BOOLEAN,
  DOUBLE,
  FLOAT,
  TIMESTAMP,
  BLOB;

  /** The type named {@code wireName} in a model ("structure", "integer", …). */
  public static ShapeType fromWireName(String wireName) {
    for (ShapeType type : values()) {
      if (type.wireName().equals(wireName)) {
        return type;
      }
    }
    throw new IllegalArgumentException("unsupported shape type '" + wireName + "'");
  }

  /** The spelling used in a service model. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
