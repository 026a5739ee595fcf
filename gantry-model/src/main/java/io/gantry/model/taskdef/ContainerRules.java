package io.gantry.model.taskdef;

import static io.gantry.model.taskdef.TaskDefinitionEnums.checkValue;

import io.gantry.model.EcsException;
import io.gantry.model.KeyValuePair;
import java.util.Set;

/**
 * The rules for one container definition on its own: name and image, CPU and memory, network
 * mode restrictions, port mappings, mounts, environment, secrets, logging, limits and the
 * required members of its nested shapes. Rules across containers are in
 * {@link ContainerGraphRules}. Pure.
 */
final class ContainerRules {
  static final int MIN_CONTAINER_MEMORY_MIB = 6;
  static final int MAX_ENVIRONMENT_FILES = 10;

  private ContainerRules() {}

  /** What the rules of one container need to know about the rest of the task definition. */
  record Context(String networkMode, TaskSize size, Set<String> volumeNames, Set<String> acceleratorNames) {}

  static void check(ContainerDefinition c, Context ctx) {
    Names.checkName(c.name(), "Container.name");
    Names.required(c.image(), "Container.image");
    resources(c, ctx.size());
    networkModeRestrictions(c, ctx.networkMode());
    PortMappingRules.check(c, ctx.networkMode());
    Names.noNullElements(c.links(), "links");
    Names.noNullElements(c.entryPoint(), "entryPoint");
    Names.noNullElements(c.command(), "command");
    Names.noNullElements(c.dnsServers(), "dnsServers");
    Names.noNullElements(c.dnsSearchDomains(), "dnsSearchDomains");
    Names.noNullElements(c.dockerSecurityOptions(), "dockerSecurityOptions");
    Names.noNullElements(c.credentialSpecs(), "credentialSpecs");
    checkValue(c.versionConsistency(), TaskDefinitionEnums.VERSION_CONSISTENCY, "versionConsistency");
    if (c.repositoryCredentials() != null) {
      Names.required(c.repositoryCredentials().credentialsParameter(), "RepositoryCredentials.credentialsParameter");
    }
    if (c.startTimeout() != null && c.startTimeout() < 0) {
      throw Names.invalidSetting("startTimeout", c.name());
    }
    if (c.stopTimeout() != null && c.stopTimeout() < 0) {
      throw Names.invalidSetting("stopTimeout", c.name());
    }
    environment(c);
    mounts(c, ctx.volumeNames());
    ContainerSettingRules.check(c, ctx.acceleratorNames());
  }

  private static void resources(ContainerDefinition c, TaskSize size) {
    String name = c.name();
    if (c.cpu() != null && c.cpu() < 0) {
      throw Names.invalidSetting("cpu", name);
    }
    if (c.memory() != null && c.memory() < MIN_CONTAINER_MEMORY_MIB) {
      throw EcsException.client("Invalid 'memory' setting for container '" + name
          + "'. The minimum is " + MIN_CONTAINER_MEMORY_MIB + " MiB.");
    }
    if (c.memoryReservation() != null && c.memoryReservation() < 1) {
      throw Names.invalidSetting("memoryReservation", name);
    }
    if (c.memory() != null && c.memoryReservation() != null && c.memoryReservation() > c.memory()) {
      throw EcsException.client("Invalid setting for container '" + name
          + "'. 'memoryReservation' must be less than or equal to 'memory'.");
    }
    if (c.memory() == null && c.memoryReservation() == null && size.memory() == null) {
      throw EcsException.client("Invalid setting for container '" + name
          + "'. At least one of 'memory' or 'memoryReservation' must be specified.");
    }
    if (size.memory() != null && c.memory() != null && c.memory() > size.memory()) {
      throw EcsException.client("The 'memory' setting for container '" + name + "' is greater than for the task.");
    }
    if (size.cpu() != null && c.cpu() != null && c.cpu() > size.cpu()) {
      throw EcsException.client("The 'cpu' setting for container '" + name + "' is greater than for the task.");
    }
  }

  private static void networkModeRestrictions(ContainerDefinition c, String networkMode) {
    if (!Names.isEmpty(c.links()) && networkMode != null && !"bridge".equals(networkMode)) {
      throw EcsException.client("Links are not supported when networkMode=" + networkMode + ".");
    }
    if (!"awsvpc".equals(networkMode)) {
      return;
    }
    if (c.hostname() != null) {
      throw EcsException.client("Hostnames are not supported when networkMode=awsvpc.");
    }
    if (!Names.isEmpty(c.extraHosts())) {
      throw EcsException.client("Extra hosts are not supported when networkMode=awsvpc.");
    }
    if (!Names.isEmpty(c.dnsServers())) {
      throw EcsException.client("DNS servers are not supported when networkMode=awsvpc.");
    }
    if (!Names.isEmpty(c.dnsSearchDomains())) {
      throw EcsException.client("DNS search domains are not supported when networkMode=awsvpc.");
    }
  }

  private static void environment(ContainerDefinition c) {
    Names.noNullElements(c.environment(), "environment");
    if (c.environment() != null) {
      for (KeyValuePair kv : c.environment()) {
        if (kv.name() == null || kv.name().isEmpty()) {
          throw EcsException.client("Invalid 'environment' setting for container '" + c.name()
              + "'. Environment variable names should not be null or empty.");
        }
      }
    }
    Names.noNullElements(c.environmentFiles(), "environmentFiles");
    if (c.environmentFiles() != null) {
      if (c.environmentFiles().size() > MAX_ENVIRONMENT_FILES) {
        throw EcsException.client("Invalid 'environmentFiles' setting for container '" + c.name()
            + "'. A container can have at most " + MAX_ENVIRONMENT_FILES + " environment files.");
      }
      for (EnvironmentFile f : c.environmentFiles()) {
        Names.required(f.value(), "EnvironmentFile.value");
        Names.required(f.type(), "EnvironmentFile.type");
        checkValue(f.type(), TaskDefinitionEnums.ENVIRONMENT_FILE_TYPE, "environmentFiles.type");
      }
    }
    Names.noNullElements(c.secrets(), "secrets");
    if (c.secrets() != null) {
      c.secrets().forEach(ContainerRules::secret);
    }
  }

  static void secret(Secret s) {
    Names.required(s.name(), "Secret.name");
    Names.required(s.valueFrom(), "Secret.valueFrom");
  }

  private static void mounts(ContainerDefinition c, Set<String> volumeNames) {
    Names.noNullElements(c.mountPoints(), "mountPoints");
    if (c.mountPoints() != null) {
      for (MountPoint mp : c.mountPoints()) {
        Names.required(mp.sourceVolume(), "MountPoint.sourceVolume");
        Names.required(mp.containerPath(), "MountPoint.containerPath");
        if (!volumeNames.contains(mp.sourceVolume())) {
          throw EcsException.client("Invalid 'mountPoints' setting for container '" + c.name()
              + "'. The source volume '" + mp.sourceVolume() + "' is not a volume of the task definition.");
        }
      }
    }
    Names.noNullElements(c.volumesFrom(), "volumesFrom");
    if (c.volumesFrom() != null) {
      for (VolumeFrom vf : c.volumesFrom()) {
        Names.required(vf.sourceContainer(), "VolumeFrom.sourceContainer");
      }
    }
  }
}
