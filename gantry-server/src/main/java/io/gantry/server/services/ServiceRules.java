package io.gantry.server.services;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.ecs.service.DeploymentCircuitBreaker;
import io.gantry.api.ecs.service.DeploymentConfiguration;
import io.gantry.api.ecs.service.DeploymentController;
import io.gantry.model.EcsException;
import io.gantry.model.taskdef.TaskDefinitionEnums;
import java.util.List;

/**
 * ECS's rules for the members of CreateService and UpdateService, their defaults, and what Gantry
 * does not run yet. Each check throws {@link EcsException} (InvalidParameterException) with ECS's
 * words where they are known. Pure.
 */
final class ServiceRules {
  static final String REPLICA = "REPLICA";
  static final String DAEMON = "DAEMON";
  static final List<String> SCHEDULING_STRATEGIES = List.of(REPLICA, DAEMON);
  static final int DAEMON_MINIMUM_HEALTHY_PERCENT = 0;
  static final int DAEMON_MAXIMUM_PERCENT = 100;
  static final String DAEMON_DESIRED_COUNT = "The daemon scheduling strategy does not support a desired count for "
      + "services. Remove the desired count value and try again";
  static final String DAEMON_STRATEGIES = "The daemon scheduling strategy does not support placement strategies. "
      + "Remove the placement strategy and try again";
  static final String DAEMON_PROVIDERS = "Specifying a capacity provider strategy is not supported when you create a "
      + "service using the DAEMON scheduling strategy.";
  static final List<String> CONTROLLER_TYPES = List.of("ECS", "CODE_DEPLOY", "EXTERNAL");
  static final List<String> INCLUDE = List.of("TAGS");
  static final int MAX_DESCRIBE = 10;

  private ServiceRules() {}

  static String name(String name) {
    if (!ServiceRefs.validName(name)) {
      throw EcsException.invalidParameter("Service name can have up to 255 characters, consisting of letters "
          + "(uppercase and lowercase), numbers, hyphens and underscores.");
    }
    return name;
  }

  /** REPLICA (the default) or DAEMON. */
  static String schedulingStrategy(String value) {
    TaskDefinitionEnums.checkValue(value, SCHEDULING_STRATEGIES, "schedulingStrategy");
    return value == null ? REPLICA : value;
  }

  /**
   * What a DAEMON service may not be given: a desired count, placement strategies, a capacity
   * provider strategy (ECS's words).
   */
  static void daemon(Integer desiredCount, List<?> placementStrategy, List<?> capacityProviderStrategy) {
    if (desiredCount != null) {
      throw EcsException.invalidParameter(DAEMON_DESIRED_COUNT);
    }
    if (placementStrategy != null && !placementStrategy.isEmpty()) {
      throw EcsException.invalidParameter(DAEMON_STRATEGIES);
    }
    if (capacityProviderStrategy != null && !capacityProviderStrategy.isEmpty()) {
      throw EcsException.invalidParameter(DAEMON_PROVIDERS);
    }
  }

  /** ECS's defaults for a DAEMON service: minimum healthy 0%, maximum 100%. */
  static DeploymentConfiguration daemonDefaults() {
    return new DeploymentConfiguration(null, null, null, DeploymentCircuitBreaker.OFF, null, null,
        DAEMON_MAXIMUM_PERCENT, DAEMON_MINIMUM_HEALTHY_PERCENT, null);
  }

  static DeploymentController controller(DeploymentController given) {
    if (given == null || given.type() == null) {
      return DeploymentController.ECS;
    }
    TaskDefinitionEnums.checkValue(given.type(), CONTROLLER_TYPES, "deploymentController.type");
    if (!"ECS".equals(given.type())) {
      throw EcsException.invalidParameter("Gantry does not support the " + given.type()
          + " deployment controller yet.");
    }
    return DeploymentController.ECS;
  }

  static int desiredCount(Integer count) {
    if (count == null) {
      throw EcsException.invalidParameter("The desired count of a REPLICA service must be specified.");
    }
    if (count < 0) {
      throw EcsException.invalidParameter("Desired count must be greater than or equal to 0.");
    }
    return count;
  }

  static Integer gracePeriod(Integer seconds) {
    if (seconds != null && seconds < 0) {
      throw EcsException.invalidParameter("healthCheckGracePeriodSeconds must be greater than or equal to 0.");
    }
    return seconds;
  }

  static String clientToken(String token) {
    if (token == null) {
      return null;
    }
    boolean valid = !token.isEmpty() && token.length() <= 36 && token.chars().allMatch(c -> c >= 33 && c <= 126);
    if (!valid) {
      throw EcsException.invalidParameter("clientToken must be 1 to 36 characters in the ASCII range 33-126.");
    }
    return token;
  }

  /** The platform version is for Fargate only. */
  static void platformVersion(String platformVersion, String launchType) {
    if (platformVersion != null) {
      throw EcsException.invalidParameter("The platform version must be null when specifying an " + launchType
          + " launch type.");
    }
  }

  /** The configuration with ECS's defaults for a REPLICA service filled in, {@code given} over {@code base}. */
  static DeploymentConfiguration configuration(DeploymentConfiguration given, DeploymentConfiguration base) {
    DeploymentConfiguration b = base != null ? base : new DeploymentConfiguration(null, null, null,
        DeploymentCircuitBreaker.OFF, null, null, Rollout.DEFAULT_MAXIMUM_PERCENT,
        Rollout.DEFAULT_MINIMUM_HEALTHY_PERCENT, null);
    if (given == null) {
      return b;
    }
    if (given.strategy() != null && !"ROLLING".equals(given.strategy())) {
      throw EcsException.invalidParameter("Gantry does not run " + given.strategy() + " deployments yet.");
    }
    int min = given.minimumHealthyPercent() != null ? given.minimumHealthyPercent() : b.minimumHealthyPercent();
    int max = given.maximumPercent() != null ? given.maximumPercent() : b.maximumPercent();
    if (min < 0 || min > 100) {
      throw EcsException.invalidParameter("minimumHealthyPercent must be between 0 and 100.");
    }
    if (max < 100) {
      throw EcsException.invalidParameter("maximumPercent must be greater than or equal to 100.");
    }
    DeploymentCircuitBreaker breaker = given.deploymentCircuitBreaker() != null ? new DeploymentCircuitBreaker(
        given.deploymentCircuitBreaker().enabled(), given.deploymentCircuitBreaker().rollsBack())
        : b.deploymentCircuitBreaker();
    return new DeploymentConfiguration(given.alarms() != null ? given.alarms() : b.alarms(),
        given.bakeTimeInMinutes() != null ? given.bakeTimeInMinutes() : b.bakeTimeInMinutes(), b.canaryConfiguration(),
        breaker, b.lifecycleHooks(), b.linearConfiguration(), max, min, given.strategy() != null ? given.strategy()
        : b.strategy());
  }

  /** Refuses the members of features Gantry does not have yet when they are given. */
  static void unsupported(List<JsonNode> loadBalancers, List<JsonNode> registries, JsonNode serviceConnect,
      List<JsonNode> volumes, List<JsonNode> lattice) {
    refuse(loadBalancers != null && !loadBalancers.isEmpty(), "load balancers");
    refuse(registries != null && !registries.isEmpty(), "service registries");
    refuse(serviceConnect != null && !serviceConnect.isNull(), "Service Connect");
    refuse(volumes != null && !volumes.isEmpty(), "volume configurations");
    refuse(lattice != null && !lattice.isEmpty(), "VPC Lattice");
  }

  private static void refuse(boolean given, String what) {
    if (given) {
      throw EcsException.invalidParameter("Gantry does not support " + what + " for services yet.");
    }
  }

  static void describe(List<String> services, List<String> include) {
    if (services == null || services.isEmpty()) {
      throw EcsException.invalidParameter("Services cannot be empty.");
    }
    if (services.size() > MAX_DESCRIBE) {
      throw EcsException.invalidParameter("Services can have at most " + MAX_DESCRIBE + " items.");
    }
    for (String field : include == null ? List.<String>of() : include) {
      TaskDefinitionEnums.checkValue(field, INCLUDE, "include");
    }
  }
}
