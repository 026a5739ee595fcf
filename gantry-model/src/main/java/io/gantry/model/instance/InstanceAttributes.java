package io.gantry.model.instance;

import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.taskdef.Attribute;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ECS's rules for container instance attributes. Names are 1–128 letters, digits, hyphens,
 * underscores, forward and back slashes and periods; values are 1–128 of those plus at signs,
 * colons and spaces, not starting or ending with a space.
 * Built-in attributes ({@code ecs.*}, {@code com.amazonaws.ecs.*}) come from the agent at
 * registration; every other one is custom, and a resource holds at most 10 custom attributes.
 * Stored attributes carry only name and value. Pure.
 */
public final class InstanceAttributes {
  public static final int MAX_CUSTOM = 10;
  public static final String TARGET_TYPE = "container-instance";
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_./\\\\-]{1,128}");
  private static final Pattern VALUE = Pattern.compile("[a-zA-Z0-9_.@/\\\\: -]{1,128}");

  private InstanceAttributes() {}

  /** Whether {@code name} is one ECS itself sets ({@code ecs.*} or {@code com.amazonaws.ecs.*}). */
  public static boolean builtIn(String name) {
    return name.startsWith("ecs.") || name.startsWith("com.amazonaws.ecs.");
  }

  /** Checks name and value of {@code attribute}; throws InvalidParameterException when one is malformed. */
  public static void validate(Attribute attribute) {
    if (attribute == null || attribute.name() == null || attribute.name().isEmpty()) {
      throw EcsException.invalidParameter("Attribute name must be specified.");
    }
    String name = attribute.name();
    if (!NAME.matcher(name).matches()) {
      throw EcsException.invalidParameter("Invalid attribute name " + name + ". The name must contain between 1 and "
          + "128 characters: letters, numbers, hyphens, underscores, forward slashes, back slashes or periods.");
    }
    String value = attribute.value();
    if (value != null && (!VALUE.matcher(value).matches() || value.startsWith(" ") || value.endsWith(" "))) {
      throw EcsException.invalidParameter("Invalid value for attribute " + name + ". The value must contain between 1 "
          + "and 128 characters: letters, numbers, hyphens, underscores, periods, at signs, forward slashes, "
          + "back slashes, colons or spaces, and cannot start or end with a space.");
    }
  }

  /** The stored form of {@code attribute}: name and value, no target. */
  public static Attribute stored(Attribute attribute) {
    return new Attribute(attribute.name(), attribute.value(), null, null);
  }

  /** {@code attribute} as shown for the instance {@code instanceArn}. */
  public static Attribute targeted(Attribute attribute, String instanceArn) {
    return new Attribute(attribute.name(), attribute.value(), TARGET_TYPE, instanceArn);
  }

  /**
   * {@code existing} with {@code added} applied: an attribute of the same name is replaced in
   * place, a new one is appended. Throws AttributeLimitExceededException when the result holds
   * more than {@value #MAX_CUSTOM} custom attributes.
   */
  public static List<Attribute> put(List<Attribute> existing, List<Attribute> added) {
    Map<String, Attribute> byName = new LinkedHashMap<>();
    for (Attribute a : existing) {
      byName.put(a.name(), a);
    }
    for (Attribute a : added) {
      byName.put(a.name(), stored(a));
    }
    List<Attribute> merged = new ArrayList<>(byName.values());
    if (customCount(merged) > MAX_CUSTOM) {
      throw limitExceeded();
    }
    return merged;
  }

  /** Whether {@code attribute} matches {@code removal}: same name, and same value when the removal names one. */
  public static boolean matches(Attribute attribute, Attribute removal) {
    return attribute.name().equals(removal.name())
        && (removal.value() == null || removal.value().equals(attribute.value()));
  }

  public static long customCount(List<Attribute> attributes) {
    return attributes.stream().filter(a -> !builtIn(a.name())).count();
  }

  public static EcsException limitExceeded() {
    return new EcsException(ErrorCode.ATTRIBUTE_LIMIT_EXCEEDED, "You can apply up to " + MAX_CUSTOM
        + " custom attributes for each resource. You can view the attributes of a resource with ListAttributes. "
        + "You can remove existing attributes on a resource with DeleteAttributes.");
  }
}
