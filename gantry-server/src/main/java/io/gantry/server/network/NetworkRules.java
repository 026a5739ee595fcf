package io.gantry.server.network;

import io.gantry.api.ecs.task.AwsVpcConfiguration;
import io.gantry.api.ecs.task.NetworkConfiguration;
import io.gantry.model.EcsException;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.model.taskdef.TaskDefinitionEnums;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * ECS's rules for a launch's {@code networkConfiguration}, with ECS's words: required for an
 * {@code awsvpc} task definition and refused for any other network mode; 1–16 subnets that exist;
 * at most 5 security groups; {@code assignPublicIp} ENABLED only for Fargate. Pure.
 */
public final class NetworkRules {
  public static final String AWSVPC = "awsvpc";
  public static final int MAX_SUBNETS = 16;
  public static final int MAX_SECURITY_GROUPS = 5;
  static final String NOT_VALID_FOR_MODE =
      "Network Configuration is not valid for the given networkMode of this task definition.";
  static final String REQUIRED = "Network Configuration must be provided when networkMode 'awsvpc' is specified.";
  static final String PUBLIC_IP = "Assign public IP is not supported for this launch type.";

  private NetworkRules() {}

  /**
   * The task's network request: null for a task definition that is not {@code awsvpc} (which
   * must then come without a network configuration). {@code subnets} finds a subnet by id.
   */
  public static AwsVpcRequest check(TaskDefinition td, NetworkConfiguration network, String launchType,
      Function<String, Optional<Subnet>> subnets) {
    if (!AWSVPC.equals(td.networkMode())) {
      if (network != null) {
        throw EcsException.invalidParameter(NOT_VALID_FOR_MODE);
      }
      return null;
    }
    AwsVpcConfiguration vpc = network == null ? null : network.awsvpcConfiguration();
    if (vpc == null) {
      throw EcsException.invalidParameter(REQUIRED);
    }
    List<String> ids = vpc.subnets() == null ? List.of() : vpc.subnets();
    if (ids.isEmpty()) {
      throw EcsException.invalidParameter("subnets can not be empty.");
    }
    if (ids.size() > MAX_SUBNETS) {
      throw EcsException.invalidParameter("subnets can have at most " + MAX_SUBNETS + " items.");
    }
    List<String> groups = vpc.securityGroups() == null ? List.of() : vpc.securityGroups();
    if (groups.size() > MAX_SECURITY_GROUPS) {
      throw EcsException.invalidParameter("securityGroups can have at most " + MAX_SECURITY_GROUPS + " items.");
    }
    if (groups.stream().anyMatch(g -> g == null || g.isBlank())) {
      throw EcsException.invalidParameter("security group cannot be blank");
    }
    TaskDefinitionEnums.checkValue(vpc.assignPublicIp(), List.of("ENABLED", "DISABLED"),
        "networkConfiguration.awsvpcConfiguration.assignPublicIp");
    String publicIp = vpc.assignPublicIp() == null ? "DISABLED" : vpc.assignPublicIp();
    if ("ENABLED".equals(publicIp) && !"FARGATE".equals(launchType)) {
      throw EcsException.invalidParameter(PUBLIC_IP);
    }
    List<Subnet> found = new ArrayList<>();
    for (String id : new LinkedHashSet<>(ids)) {
      Optional<Subnet> subnet = id == null ? Optional.empty() : subnets.apply(id);
      if (subnet.isEmpty()) {
        throw EcsException.invalidParameter("Error retrieving subnet information for [" + id + "]: The subnet ID '"
            + id + "' does not exist (ErrorCode: InvalidSubnetID.NotFound)");
      }
      found.add(subnet.get());
    }
    return new AwsVpcRequest(found, groups, publicIp);
  }
}
