package io.gantry.server.capacity;

import io.gantry.model.EcsException;
import io.gantry.model.capacity.AutoScalingGroupProvider;
import io.gantry.model.capacity.ManagedScaling;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * ECS's rules for capacity providers: names, the Auto Scaling group settings and their defaults
 * (managed scaling DISABLED, target 100 %, steps 1 and 10000, warm-up 300 s; termination
 * protection DISABLED; managed draining ENABLED). Pure.
 */
public final class CapacityProviderRules {
  /** How many capacity providers one cluster may have associated (built-in ones included). */
  public static final int MAX_PER_CLUSTER = 20;
  static final int MAX_DESCRIBE = 100;
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_-]{1,255}");
  private static final Set<String> RESERVED_PREFIXES = Set.of("aws", "ecs", "fargate");
  private static final Set<String> SWITCH = Set.of(ManagedScaling.ENABLED, ManagedScaling.DISABLED);

  private CapacityProviderRules() {}

  /** A new provider's name: 1–255 letters, digits, hyphens and underscores, not starting with aws, ecs or fargate. */
  public static String name(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw EcsException.invalidParameter("The capacity provider name can have up to 255 characters, consisting of "
          + "letters (uppercase and lowercase), numbers, hyphens and underscores.");
    }
    String lower = name.toLowerCase(Locale.ROOT);
    for (String prefix : RESERVED_PREFIXES) {
      if (lower.startsWith(prefix)) {
        throw EcsException.client("The capacity provider name cannot begin with \"aws\", \"ecs\", or \"fargate\". "
            + "Specify a different name and try again.");
      }
    }
    return name;
  }

  /** Whether {@code name} could name a capacity provider at all (for lookups). */
  static boolean plausibleName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The group of a CreateCapacityProvider with ECS's defaults filled in. */
  public static AutoScalingGroupProvider create(AutoScalingGroupProvider given) {
    if (given == null) {
      throw EcsException.invalidParameter("The autoScalingGroupProvider must be specified.");
    }
    if (given.autoScalingGroupArn() == null || given.autoScalingGroupArn().isBlank()) {
      throw EcsException.invalidParameter("The autoScalingGroupArn must be specified.");
    }
    if (given.autoScalingGroupArn().length() > 1600) {
      throw EcsException.invalidParameter("The autoScalingGroupArn can be at most 1600 characters.");
    }
    return checked(new AutoScalingGroupProvider(given.autoScalingGroupArn(), scaling(given.managedScaling(), null),
        toggle(given.managedTerminationProtection(), ManagedScaling.DISABLED, "managedTerminationProtection"),
        toggle(given.managedDraining(), ManagedScaling.ENABLED, "managedDraining")));
  }

  /** {@code current} with the members an UpdateCapacityProvider gives replaced. */
  public static AutoScalingGroupProvider update(AutoScalingGroupProvider current, ManagedScaling scaling,
      String terminationProtection, String draining) {
    return checked(new AutoScalingGroupProvider(current.autoScalingGroupArn(),
        scaling == null ? current.managedScaling() : scaling(scaling, current.managedScaling()),
        toggle(terminationProtection, current.managedTerminationProtection(), "managedTerminationProtection"),
        toggle(draining, current.managedDraining(), "managedDraining")));
  }

  private static AutoScalingGroupProvider checked(AutoScalingGroupProvider group) {
    if (group.terminationProtected() && !group.managedScaling().enabled()) {
      throw EcsException.client("The managed termination protection setting for the capacity provider is invalid. "
          + "To enable managed termination protection for a capacity provider, managed scaling must also be enabled.");
    }
    return group;
  }

  private static ManagedScaling scaling(ManagedScaling given, ManagedScaling current) {
    ManagedScaling base = current != null ? current : new ManagedScaling(ManagedScaling.DISABLED, 100, 1, 10_000, 300);
    if (given == null) {
      return base;
    }
    ManagedScaling out = new ManagedScaling(
        toggle(given.status(), base.status(), "managedScaling.status"),
        range(given.targetCapacity(), base.targetCapacity(), 1, 100, "targetCapacity"),
        range(given.minimumScalingStepSize(), base.minimumScalingStepSize(), 1, 10_000, "minimumScalingStepSize"),
        range(given.maximumScalingStepSize(), base.maximumScalingStepSize(), 1, 10_000, "maximumScalingStepSize"),
        range(given.instanceWarmupPeriod(), base.instanceWarmupPeriod(), 0, 10_000, "instanceWarmupPeriod"));
    if (out.minimumScalingStepSize() > out.maximumScalingStepSize()) {
      throw EcsException.invalidParameter("The minimumScalingStepSize cannot be greater than the "
          + "maximumScalingStepSize.");
    }
    return out;
  }

  private static String toggle(String given, String fallback, String member) {
    if (given == null) {
      return fallback;
    }
    if (!SWITCH.contains(given)) {
      throw EcsException.invalidParameter("Invalid value for " + member + ": " + given
          + ". Valid values are ENABLED and DISABLED.");
    }
    return given;
  }

  private static int range(Integer given, int fallback, int min, int max, String member) {
    if (given == null) {
      return fallback;
    }
    if (given < min || given > max) {
      throw EcsException.invalidParameter("The " + member + " must be between " + min + " and " + max + ".");
    }
    return given;
  }
}
