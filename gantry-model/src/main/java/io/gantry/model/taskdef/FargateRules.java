package io.gantry.model.taskdef;

import io.gantry.model.EcsException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What Fargate accepts: {@code awsvpc} networking, a task size from {@link FargateSizes}, no
 * parameter from the ECS list of those Fargate does not support, and an execution role when
 * images come from ECR or logs go to CloudWatch. {@link #check} enforces it for definitions that
 * require FARGATE; {@link #problem} tells whether any definition is Fargate-compatible. Pure.
 */
final class FargateRules {
  private static final Pattern ECR_IMAGE = Pattern.compile("\\d{12}\\.dkr\\.ecr\\.[^/]+\\.amazonaws\\.com(\\.cn)?/.*");
  private static final int MIN_WINDOWS_CPU = 1024;

  private FargateRules() {}

  /** Throws the ClientException ECS gives when a definition that requires FARGATE breaks a Fargate rule. */
  static void check(TaskDefinition td, TaskSize size) {
    problem(td, size).ifPresent(message -> {
      throw EcsException.client(message);
    });
  }

  /** The first Fargate rule {@code td} breaks, as ECS words it; empty when it can run on Fargate. */
  static Optional<String> problem(TaskDefinition td, TaskSize size) {
    if (!"awsvpc".equals(td.networkMode())) {
      return Optional.of("Fargate only supports network mode \u2018awsvpc\u2019.");
    }
    if (size.cpu() == null) {
      return Optional.of("Fargate requires that 'cpu' be defined at the task level.");
    }
    if (size.memory() == null) {
      return Optional.of("Fargate requires that 'memory' be defined at the task level.");
    }
    if (!FargateSizes.supports(size.cpu(), size.memory())) {
      return Optional.of("No Fargate configuration exists for given values: " + size.cpu() + " CPU, "
          + size.memory() + " memory. See the Amazon ECS documentation for the valid values.");
    }
    RuntimePlatform platform = td.runtimePlatform();
    boolean windows = platform != null && platform.operatingSystemFamily() != null
        && platform.operatingSystemFamily().startsWith("WINDOWS");
    if (windows && size.cpu() < MIN_WINDOWS_CPU) {
      return Optional.of("The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate.");
    }
    Optional<String> unsupported = unsupportedParameter(td);
    if (unsupported.isPresent()) {
      return Optional.of("Fargate does not support the '" + unsupported.get() + "' parameter.");
    }
    if (td.executionRoleArn() == null) {
      for (ContainerDefinition c : td.containerDefinitions()) {
        if (c.logConfiguration() != null && "awslogs".equals(c.logConfiguration().logDriver())) {
          return Optional.of(
              "Fargate requires task definition to have execution role ARN to support log driver awslogs.");
        }
        if (c.image() != null && ECR_IMAGE.matcher(c.image()).matches()) {
          return Optional.of("Fargate requires task definition to have execution role ARN to support ECR images.");
        }
      }
    }
    return Optional.empty();
  }

  /** The first parameter of {@code td} that ECS lists as not valid for Fargate tasks. */
  static Optional<String> unsupportedParameter(TaskDefinition td) {
    if (td.ipcMode() != null) {
      return Optional.of("ipcMode");
    }
    if ("host".equals(td.pidMode())) {
      return Optional.of("pidMode");
    }
    if (!Names.isEmpty(td.placementConstraints())) {
      return Optional.of("placementConstraints");
    }
    if (!Names.isEmpty(td.inferenceAccelerators())) {
      return Optional.of("inferenceAccelerators");
    }
    if (td.volumes() != null) {
      for (Volume v : td.volumes()) {
        if (v.dockerVolumeConfiguration() != null) {
          return Optional.of("dockerVolumeConfiguration");
        }
        if (v.host() != null && v.host().sourcePath() != null) {
          return Optional.of("sourcePath");
        }
      }
    }
    for (ContainerDefinition c : td.containerDefinitions()) {
      Optional<String> p = unsupportedParameter(c);
      if (p.isPresent()) {
        return p;
      }
    }
    return Optional.empty();
  }

  private static Optional<String> unsupportedParameter(ContainerDefinition c) {
    if (c.disableNetworking() != null) {
      return Optional.of("disableNetworking");
    }
    if (Boolean.TRUE.equals(c.privileged())) {
      return Optional.of("privileged");
    }
    if (!Names.isEmpty(c.links())) {
      return Optional.of("links");
    }
    if (!Names.isEmpty(c.dnsServers())) {
      return Optional.of("dnsServers");
    }
    if (!Names.isEmpty(c.dnsSearchDomains())) {
      return Optional.of("dnsSearchDomains");
    }
    if (!Names.isEmpty(c.extraHosts())) {
      return Optional.of("extraHosts");
    }
    if (!Names.isEmpty(c.dockerSecurityOptions())) {
      return Optional.of("dockerSecurityOptions");
    }
    if (c.resourceRequirements() != null
        && c.resourceRequirements().stream().anyMatch(r -> "GPU".equals(r.type()))) {
      return Optional.of("gpu");
    }
    LinuxParameters lp = c.linuxParameters();
    if (lp == null) {
      return Optional.empty();
    }
    if (lp.maxSwap() != null) {
      return Optional.of("maxSwap");
    }
    if (lp.swappiness() != null) {
      return Optional.of("swappiness");
    }
    if (!Names.isEmpty(lp.devices())) {
      return Optional.of("devices");
    }
    if (lp.sharedMemorySize() != null) {
      return Optional.of("sharedMemorySize");
    }
    if (!Names.isEmpty(lp.tmpfs())) {
      return Optional.of("tmpfs");
    }
    if (lp.capabilities() != null && lp.capabilities().add() != null
        && lp.capabilities().add().stream()
            .anyMatch(cap -> !cap.equals("SYS_PTRACE") && !cap.equals("CAP_SYS_PTRACE"))) {
      return Optional.of("capabilities");
    }
    return Optional.empty();
  }
}
