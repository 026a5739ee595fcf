package io.gantry.server.tasks;

import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.api.ecs.task.PlacementConstraint;
import io.gantry.api.ecs.task.PlacementStrategy;
import io.gantry.model.EcsException;
import io.gantry.model.taskdef.RuntimePlatform;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.scheduler.RequiredAttribute;
import io.gantry.scheduler.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * ECS's rules for a launch on managed capacity (launch type FARGATE, or the FARGATE and
 * FARGATE_SPOT capacity providers), checked after {@link LaunchRules#launchType} has found the
 * definition FARGATE-compatible: an awsvpc network configuration with subnets, no placement
 * strategies or constraints, a known platform version and family, a Linux runtime platform. The
 * task's CPU architecture becomes a required node attribute, so a managed node of another
 * architecture is an explained ATTRIBUTE failure. Pure.
 */
final class FargateLaunchRules {
  static final String LATEST = "LATEST";
  static final String LATEST_RESOLVED = "1.4.0";
  static final Set<String> PLATFORM_VERSIONS = Set.of(LATEST, "1.4.0", "1.3.0");
  static final String PLATFORM_FAMILY = "Linux";
  static final String NETWORK_REQUIRED = "Network Configuration must be provided when networkMode 'awsvpc' is "
      + "specified.";
  static final String NO_STRATEGIES = "Task placement strategies are not supported for tasks using the FARGATE "
      + "launch type.";
  static final String NO_CONSTRAINTS = "Task placement constraints are not supported for tasks using the FARGATE "
      + "launch type.";
  static final String NO_PLATFORM = "The specified platform does not exist.";
  /** How managed nodes are chosen: across zones, then across nodes, as Fargate spreads a family's tasks. */
  static final List<Strategy> STRATEGIES = Strategy.SERVICE_DEFAULT;

  private FargateLaunchRules() {}

  /**
   * Checks a FARGATE launch and returns what its tasks carry. {@code capacityProviderName} is
   * FARGATE or FARGATE_SPOT.
   */
  static FargateLaunch check(TaskDefinition td, String capacityProviderName, String platformVersion,
      String platformFamily, NetworkConfiguration network, List<PlacementStrategy> strategies,
      List<PlacementConstraint> constraints) {
    if (network == null || network.awsvpcConfiguration() == null) {
      throw EcsException.invalidParameter(NETWORK_REQUIRED);
    }
    List<String> subnets = network.awsvpcConfiguration().subnets();
    if (subnets == null || subnets.isEmpty()) {
      throw EcsException.invalidParameter("subnets can not be empty.");
    }
    if (subnets.size() > 16) {
      throw EcsException.invalidParameter("subnets can have at most 16 items.");
    }
    String publicIp = network.awsvpcConfiguration().assignPublicIp();
    if (publicIp != null && !publicIp.equals("ENABLED") && !publicIp.equals("DISABLED")) {
      throw EcsException.invalidParameter("assignPublicIp must be ENABLED or DISABLED.");
    }
    if (strategies != null && !strategies.isEmpty()) {
      throw EcsException.invalidParameter(NO_STRATEGIES);
    }
    if (constraints != null && !constraints.isEmpty()) {
      throw EcsException.invalidParameter(NO_CONSTRAINTS);
    }
    String version = platformVersion == null ? LATEST : platformVersion;
    if (!PLATFORM_VERSIONS.contains(version)) {
      throw EcsException.invalidParameter(NO_PLATFORM);
    }
    if (platformFamily != null && !platformFamily.equalsIgnoreCase(PLATFORM_FAMILY)) {
      throw EcsException.invalidParameter("The specified platform family " + platformFamily + " does not exist. "
          + "Gantry's managed capacity runs Linux tasks.");
    }
    RuntimePlatform platform = td.runtimePlatform();
    if (platform != null && platform.operatingSystemFamily() != null
        && !platform.operatingSystemFamily().equals("LINUX")) {
      throw EcsException.invalidParameter("Gantry's managed capacity runs Linux tasks only; the task definition "
          + "asks for operatingSystemFamily " + platform.operatingSystemFamily() + ".");
    }
    return new FargateLaunch(capacityProviderName, LATEST.equals(version) ? LATEST_RESOLVED : version,
        PLATFORM_FAMILY, network);
  }

  /** The node attributes a FARGATE task needs: its CPU architecture ({@code X86_64} unless the definition says ARM64). */
  static List<RequiredAttribute> required(TaskDefinition td) {
    List<RequiredAttribute> out = new ArrayList<>();
    String arch = td.runtimePlatform() == null || td.runtimePlatform().cpuArchitecture() == null ? "X86_64"
        : td.runtimePlatform().cpuArchitecture();
    out.add(new RequiredAttribute("ecs.cpu-architecture", arch.toLowerCase(Locale.ROOT)));
    return out;
  }

  /** Why a platform version is refused for a launch that is not on managed capacity. */
  static void notFargate(String platformVersion, String launchType) {
    if (platformVersion != null) {
      throw EcsException.invalidParameter("The platform version must be null when specifying an " + launchType
          + " launch type.");
    }
  }
}
