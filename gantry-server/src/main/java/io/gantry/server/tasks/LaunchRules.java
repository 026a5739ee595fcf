package io.gantry.server.tasks;

import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.api.json.AwsJson;
import io.gantry.model.EcsException;
import io.gantry.model.task.ContainerOverride;
import io.gantry.model.task.TaskEnums;
import io.gantry.model.task.TaskOverride;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.model.taskdef.TaskDefinitionEnums;
import io.gantry.model.taskdef.TaskDefinitionPlacementConstraint;
import io.gantry.model.taskdef.TaskSize;
import io.gantry.scheduler.Constraint;
import io.gantry.scheduler.RequiredAttribute;
import io.gantry.scheduler.Strategy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * ECS's rules for the members RunTask and StartTask share, and what Gantry does not run yet.
 * Each check throws {@link EcsException} (InvalidParameterException unless ECS uses
 * ClientException) with ECS's words where they are known. Pure.
 */
final class LaunchRules {
  static final int MAX_COUNT = 10;
  static final int MAX_INSTANCES = 10;
  static final int MAX_REASON = 255;
  static final int MAX_OVERRIDES_LENGTH = 8192;
  static final List<String> PROPAGATE_TAGS = List.of("TASK_DEFINITION", "SERVICE", "NONE");
  static final List<String> CONSTRAINT_TYPES = List.of("distinctInstance", "memberOf");
  static final List<String> STRATEGY_TYPES = List.of("random", "spread", "binpack");
  private static final Pattern STARTED_BY = Pattern.compile("[a-zA-Z0-9_/-]{1,128}");

  private LaunchRules() {}

  static int count(Integer count) {
    int n = count == null ? 1 : count;
    if (n < 1 || n > MAX_COUNT) {
      throw EcsException.invalidParameter("Count must be between 1 and " + MAX_COUNT + ".");
    }
    return n;
  }

  /**
   * The launch type the tasks get: EC2 unless EXTERNAL or FARGATE is asked for (FARGATE runs on
   * Gantry's managed capacity, see {@link FargateLaunchRules}); managed instances are refused;
   * null when a capacity-provider strategy decides it per provider.
   */
  static String launchType(String launchType, boolean capacityProviderStrategy, TaskDefinition td) {
    TaskDefinitionEnums.checkValue(launchType, TaskEnums.LAUNCH_TYPE, "launchType");
    if (launchType != null && capacityProviderStrategy) {
      throw EcsException.invalidParameter("Specifying both a launch type and capacity provider strategy is not "
          + "supported. Remove one and try again.");
    }
    if (capacityProviderStrategy) {
      return null; // each part of the split has its own (see LaunchTarget)
    }
    String type = launchType == null ? "EC2" : launchType;
    if (type.equals("MANAGED_INSTANCES")) {
      throw EcsException.invalidParameter("Gantry does not run " + type + " tasks yet.");
    }
    if (td.compatibilities() != null && !td.compatibilities().contains(type)) {
      throw EcsException.invalidParameter("Task definition does not support launch_type " + type + ".");
    }
    return type;
  }

  /**
   * Refuses what the service scheduler cannot launch in this stage: {@code awsvpc} services and
   * volumes configured at launch. (RunTask and StartTask check the network configuration with
   * {@link io.gantry.server.network.TaskNetworking#check} and volumes with {@link #volumes}.)
   */
  static void supported(TaskDefinition td, NetworkConfiguration network, List<?> volumeConfigurations) {
    if ("awsvpc".equals(td.networkMode())) {
      throw EcsException.invalidParameter("Gantry does not run awsvpc services yet.");
    }
    if (network != null) {
      throw EcsException.invalidParameter(
          "Network Configuration is not valid for the given networkMode of this task definition.");
    }
    volumes(volumeConfigurations);
  }

  /** Refuses volumes configured at launch, which Gantry does not support yet. */
  static void volumes(List<?> volumeConfigurations) {
    if (volumeConfigurations != null && !volumeConfigurations.isEmpty()) {
      throw EcsException.invalidParameter("Gantry does not configure volumes at launch yet.");
    }
  }

  static String startedBy(String startedBy) {
    if (startedBy != null && !STARTED_BY.matcher(startedBy).matches()) {
      throw EcsException.invalidParameter("startedBy can have up to 128 letters (uppercase and lowercase), numbers, "
          + "hyphens, forward slashes and underscores.");
    }
    return startedBy;
  }

  /** The group: as given (1–255 characters), else {@code family:FAMILY}. */
  static String group(String group, TaskDefinition td) {
    if (group == null) {
      return "family:" + td.family();
    }
    if (group.isEmpty() || group.length() > 255) {
      throw EcsException.invalidParameter("group must be between 1 and 255 characters.");
    }
    return group;
  }

  static String referenceId(String referenceId) {
    if (referenceId != null && referenceId.length() > 1024) {
      throw EcsException.invalidParameter("referenceId can be at most 1024 characters.");
    }
    return referenceId;
  }

  static String clientToken(String token) {
    if (token == null) {
      return null;
    }
    boolean valid = !token.isEmpty() && token.length() <= 64 && token.chars().allMatch(c -> c >= 33 && c <= 126);
    if (!valid) {
      throw EcsException.invalidParameter("clientToken must be 1 to 64 characters in the ASCII range 33-126.");
    }
    return token;
  }

  static String propagateTags(String propagateTags) {
    TaskDefinitionEnums.checkValue(propagateTags, PROPAGATE_TAGS, "propagateTags");
    return propagateTags == null ? "NONE" : propagateTags;
  }

  /** Checks the constraints; true when one of them is {@code distinctInstance}. */
  /**
   * The placement constraints of a launch: the task definition's and the call's together (at most
   * 10), parsed once; a memberOf expression with a syntax error is refused with the parser's
   * message, which points at the problem.
   */
  static List<Constraint> constraints(List<PlacementConstraint> fromCall, TaskDefinition td) {
    List<Constraint> out = new ArrayList<>();
    for (TaskDefinitionPlacementConstraint c : td.placementConstraints() == null
        ? List.<TaskDefinitionPlacementConstraint>of() : td.placementConstraints()) {
      out.add(constraint(c.type(), c.expression()));
    }
    for (PlacementConstraint c : fromCall == null ? List.<PlacementConstraint>of() : fromCall) {
      if (c == null || c.type() == null) {
        throw EcsException.invalidParameter("Placement constraints must have a type.");
      }
      TaskDefinitionEnums.checkValue(c.type(), CONSTRAINT_TYPES, "placementConstraints.type");
      out.add(constraint(c.type(), c.expression()));
    }
    if (out.size() > Constraint.MAX) {
      throw EcsException.invalidParameter("A task can have at most " + Constraint.MAX + " placement constraints.");
    }
    return out;
  }

  /** The placement strategies of a RunTask: as given (at most 5), or the ECS default, spread across zones. */
  static List<Strategy> strategies(List<PlacementStrategy> given) {
    if (given == null || given.isEmpty()) {
      return Strategy.RUN_TASK_DEFAULT;
    }
    if (given.size() > Strategy.MAX) {
      throw EcsException.invalidParameter("A task can have at most " + Strategy.MAX + " placement strategies.");
    }
    List<Strategy> out = new ArrayList<>();
    for (PlacementStrategy s : given) {
      if (s == null || s.type() == null) {
        throw EcsException.invalidParameter("Placement strategies must have a type.");
      }
      TaskDefinitionEnums.checkValue(s.type(), STRATEGY_TYPES, "placementStrategy.type");
      try {
        out.add(Strategy.parse(s.type(), s.field()));
      } catch (IllegalArgumentException e) {
        throw EcsException.invalidParameter(e.getMessage());
      }
    }
    return out;
  }

  /** What the task definition requires of its instance ({@code requiresAttributes}). */
  static List<RequiredAttribute> requiredAttributes(TaskDefinition td) {
    return td.requiresAttributes() == null ? List.of()
        : td.requiresAttributes().stream().map(a -> new RequiredAttribute(a.name(), a.value())).toList();
  }

  private static Constraint constraint(String type, String expression) {
    if (expression != null && expression.length() > 2000) {
      throw EcsException.invalidParameter("Placement constraint expressions can be at most 2000 characters.");
    }
    if ("memberOf".equals(type) && (expression == null || expression.isBlank())) {
      throw EcsException.invalidParameter("A memberOf placement constraint must have an expression.");
    }
    try {
      return Constraint.parse(type, expression);
    } catch (IllegalArgumentException e) {
      throw EcsException.invalidParameter(e.getMessage());
    }
  }

  /**
   * The overrides as the task shows them: one container override per container of the
   * definition, in its order (just the name when nothing is overridden), and the task-level size
   * normalised to numbers. Refuses overrides of containers the definition does not have.
   */
  static TaskOverride overrides(TaskOverride given, TaskDefinition td) {
    TaskOverride o = given == null ? new TaskOverride(null, null, null, null, null, null, null) : given;
    if (AwsJson.mapper().valueToTree(o).toString().length() > MAX_OVERRIDES_LENGTH) {
      throw EcsException.invalidParameter("Container overrides can be at most " + MAX_OVERRIDES_LENGTH
          + " characters long.");
    }
    Map<String, ContainerOverride> byName = new HashMap<>();
    for (ContainerOverride co : o.containerOverrides() == null ? List.<ContainerOverride>of() : o.containerOverrides()) {
      if (co == null || co.name() == null || co.name().isEmpty()) {
        throw EcsException.invalidParameter("Container overrides must name a container.");
      }
      if (td.containerDefinitions().stream().noneMatch(d -> d.name().equals(co.name()))) {
        throw EcsException.invalidParameter(
            "Override for container named " + co.name() + " is not a container in the TaskDefinition.");
      }
      if (byName.put(co.name(), co) != null) {
        throw EcsException.invalidParameter("Container overrides name container " + co.name() + " more than once.");
      }
      nonNegative(co.cpu(), "cpu", co.name());
      nonNegative(co.memory(), "memory", co.name());
      nonNegative(co.memoryReservation(), "memoryReservation", co.name());
      if (co.environment() != null && co.environment().stream().anyMatch(e -> e == null || e.name() == null)) {
        throw EcsException.invalidParameter("Environment variables in container overrides must have a name.");
      }
    }
    List<ContainerOverride> shown = new ArrayList<>();
    for (ContainerDefinition d : td.containerDefinitions()) {
      shown.add(byName.getOrDefault(d.name(), new ContainerOverride(d.name(), null, null, null, null, null, null, null)));
    }
    TaskSize size = TaskSize.parse(o.cpu(), o.memory());
    return new TaskOverride(shown, size.cpuText(), o.inferenceAcceleratorOverrides() == null ? List.of()
        : o.inferenceAcceleratorOverrides(), o.executionRoleArn(), size.memoryText(), o.taskRoleArn(),
        o.ephemeralStorage());
  }

  static String stopReason(String reason) {
    if (reason != null && reason.length() > MAX_REASON) {
      throw EcsException.invalidParameter("reason can be at most " + MAX_REASON + " characters.");
    }
    return reason;
  }

  private static void nonNegative(Integer value, String member, String container) {
    if (value != null && value < 0) {
      throw EcsException.invalidParameter("Invalid " + member + " override for container " + container
          + ": it cannot be negative.");
    }
  }
}
