package io.gantry.model.instance;

import io.gantry.model.EcsException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rules and arithmetic for the resources a container instance registers: each has a name and a
 * type ({@code INTEGER}, {@code LONG}, {@code DOUBLE}, {@code STRINGSET}) whose value member is
 * set and not negative; names are unique. Pure.
 */
public final class Resources {
  private static final Set<String> TYPES = Set.of(Resource.INTEGER, Resource.LONG, Resource.DOUBLE, Resource.STRINGSET);

  private Resources() {}

  /** Validates resources as a request gives them (null means none); returns a copy. */
  public static List<Resource> validate(List<Resource> resources) {
    if (resources == null) {
      return List.of();
    }
    Set<String> names = new HashSet<>();
    for (Resource r : resources) {
      if (r == null || r.name() == null || r.name().isEmpty()) {
        throw EcsException.invalidParameter("Resource name must be specified.");
      }
      if (r.type() == null || !TYPES.contains(r.type())) {
        throw EcsException.invalidParameter("Invalid type for resource " + r.name()
            + ". Valid types are INTEGER, LONG, DOUBLE and STRINGSET.");
      }
      if (!names.add(r.name())) {
        throw EcsException.invalidParameter("Resource " + r.name() + " is specified more than once.");
      }
      boolean valid = switch (r.type()) {
        case Resource.INTEGER -> r.integerValue() != null && r.integerValue() >= 0;
        case Resource.LONG -> r.longValue() != null && r.longValue() >= 0;
        case Resource.DOUBLE -> r.doubleValue() != null && r.doubleValue() >= 0 && Double.isFinite(r.doubleValue());
        default -> r.stringSetValue() != null && r.stringSetValue().stream().allMatch(s -> s != null);
      };
      if (!valid) {
        throw EcsException.invalidParameter("Resource " + r.name() + " of type " + r.type()
            + " needs a non-negative " + valueMember(r.type()) + ".");
      }
    }
    return List.copyOf(resources);
  }

  private static String valueMember(String type) {
    return switch (type) {
      case Resource.INTEGER -> "integerValue";
      case Resource.LONG -> "longValue";
      case Resource.DOUBLE -> "doubleValue";
      default -> "stringSetValue";
    };
  }
}
