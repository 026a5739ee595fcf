package io.gantry.scheduler;

import io.gantry.scheduler.cluster.Node;
import java.util.Objects;

/**
 * An attribute a task definition requires of its instance ({@code requiresAttributes}): the node
 * must have attribute {@code name} and, when {@code value} is not null, with that value.
 */
public record RequiredAttribute(String name, String value) {

  public RequiredAttribute {
    Objects.requireNonNull(name, "name");
  }

  /** A presence-only requirement, such as {@code com.amazonaws.ecs.capability.docker-remote-api.1.19}. */
  public static RequiredAttribute named(String name) {
    return new RequiredAttribute(name, null);
  }

  public boolean satisfiedBy(Node node) {
    return node.hasAttribute(name) && (value == null || value.equals(node.attribute(name)));
  }
}
