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

  /**
   * What remains of {@code registered} when an instance re-registers, keeping what its tasks use:
   * for numbers the amount in use ({@code oldRegistered - oldRemaining}) is subtracted from the
   * new total (never below zero); for string sets (ports) the entries in use beyond the old
   * registered set are added to the new one, as ECS lists ports in use among the remaining ones.
   */
  public static List<Resource> remaining(List<Resource> oldRegistered, List<Resource> oldRemaining, List<Resource> registered) {
    Map<String, Resource> before = byName(oldRegistered);
    Map<String, Resource> left = byName(oldRemaining);
    List<Resource> out = new ArrayList<>(registered.size());
    for (Resource r : registered) {
      Resource was = before.get(r.name());
      Resource rem = left.get(r.name());
      if (was == null || rem == null || !r.type().equals(was.type()) || !r.type().equals(rem.type())) {
        out.add(r);
        continue;
      }
      out.add(switch (r.type()) {
        case Resource.INTEGER -> Resource.ofInteger(r.name(),
            Math.max(0, r.integerValue() - (was.integerValue() - rem.integerValue())));
        case Resource.LONG -> Resource.ofLong(r.name(), Math.max(0, r.longValue() - (was.longValue() - rem.longValue())));
        case Resource.DOUBLE -> Resource.ofDouble(r.name(),
            Math.max(0, r.doubleValue() - (was.doubleValue() - rem.doubleValue())));
        default -> {
          Set<String> used = new LinkedHashSet<>(rem.stringSetValue());
          used.removeAll(was.stringSetValue());
          Set<String> all = new LinkedHashSet<>(r.stringSetValue());
          all.addAll(used);
          yield Resource.ofStringSet(r.name(), List.copyOf(all));
        }
      });
    }
    return List.copyOf(out);
  }

  private static Map<String, Resource> byName(List<Resource> resources) {
    return resources == null ? Map.of()
        : resources.stream().collect(Collectors.toMap(Resource::name, Function.identity(), (a, b) -> a));
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
