package io.gantry.api.model;

import java.util.Objects;

/**
 * One member of a structure shape: its wire name, the shape its value must match, and whether
 * the structure requires it.
 */
public record Member(String name, Shape target, boolean required) {
  public Member {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(target, "target");
  }

  @Override
  public String toString() {
    return name + ": " + target.name() + (required ? " (required)" : "");
  }
}
