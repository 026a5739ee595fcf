package io.gantry.model.taskdef;

import io.gantry.model.EcsException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The name and presence checks shared by the task definition rules: ECS names (families,
 * containers, volumes) are 1–255 letters, digits, hyphens and underscores, and ECS reports a
 * missing required member as {@code Shape.member should not be null or empty.}
 */
final class Names {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");
  static final int MAX_NAME = 255;

  private Names() {}

  /** Checks an ECS name; {@code label} is how ECS names the member, e.g. {@code Container.name}. */
  static void checkName(String name, String label) {
    required(name, label);
    if (name.length() > MAX_NAME) {
      throw EcsException.client(label + " must be between 1 and 255 characters long.");
    }
    if (!NAME.matcher(name).matches()) {
      throw EcsException.client(label + " contains invalid characters.");
    }
  }

  static void required(String value, String label) {
    if (value == null || value.isBlank()) {
      throw EcsException.client(label + " should not be null or empty.");
    }
  }

  static void required(Object value, String label) {
    if (value == null) {
      throw EcsException.client(label + " should not be null or empty.");
    }
  }

  /** Rejects null elements, which a JSON list can carry but no ECS list accepts. */
  static void noNullElements(List<?> list, String member) {
    if (list != null && list.contains(null)) {
      throw EcsException.invalidParameter("Invalid null element in '" + member + "'.");
    }
  }

  /** ECS's error for a bad container member: {@code Invalid 'cpu' setting for container 'web'.} */
  static EcsException invalidSetting(String member, String container) {
    return EcsException.client("Invalid '" + member + "' setting for container '" + container + "'.");
  }

  static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
