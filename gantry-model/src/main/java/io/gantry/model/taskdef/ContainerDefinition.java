package io.gantry.model.taskdef;

import io.gantry.model.KeyValuePair;
import java.util.List;
import java.util.Map;

/**
 * One container of a task definition (ECS {@code ContainerDefinition}), with every member of the
 * ECS model under its wire name. Absent members stay null; what ECS fills in at registration is
 * applied by {@link RegistrationDefaults}. Immutable.
 */
public record ContainerDefinition(
    String name,
    String image,
    RepositoryCredentials repositoryCredentials,
    Integer cpu,
    Integer memory,
    Integer memoryReservation,
    List<String> links,
    List<PortMapping> portMappings,
    Boolean essential,
    ContainerRestartPolicy restartPolicy,
    List<String> entryPoint,
    List<String> command,
    List<KeyValuePair> environment,
    List<EnvironmentFile> environmentFiles,
    List<MountPoint> mountPoints,
    List<VolumeFrom> volumesFrom,
    LinuxParameters linuxParameters,
    List<Secret> secrets,
    List<ContainerDependency> dependsOn,
    Integer startTimeout,
    Integer stopTimeout,
    String versionConsistency,
    String hostname,
    String user,
    String workingDirectory,
    Boolean disableNetworking,
    Boolean privileged,
    Boolean readonlyRootFilesystem,
    List<String> dnsServers,
    List<String> dnsSearchDomains,
    List<HostEntry> extraHosts,
    List<String> dockerSecurityOptions,
    Boolean interactive,
    Boolean pseudoTerminal,
    Map<String, String> dockerLabels,
    List<Ulimit> ulimits,
    LogConfiguration logConfiguration,
    HealthCheck healthCheck,
    List<SystemControl> systemControls,
    List<ResourceRequirement> resourceRequirements,
    FirelensConfiguration firelensConfiguration,
    List<String> credentialSpecs) {

  public ContainerDefinition {
    links = WireCollections.list(links);
    portMappings = WireCollections.list(portMappings);
    entryPoint = WireCollections.list(entryPoint);
    command = WireCollections.list(command);
    environment = WireCollections.list(environment);
    environmentFiles = WireCollections.list(environmentFiles);
    mountPoints = WireCollections.list(mountPoints);
    volumesFrom = WireCollections.list(volumesFrom);
    secrets = WireCollections.list(secrets);
    dependsOn = WireCollections.list(dependsOn);
    dnsServers = WireCollections.list(dnsServers);
    dnsSearchDomains = WireCollections.list(dnsSearchDomains);
    extraHosts = WireCollections.list(extraHosts);
    dockerSecurityOptions = WireCollections.list(dockerSecurityOptions);
    dockerLabels = WireCollections.map(dockerLabels);
    ulimits = WireCollections.list(ulimits);
    systemControls = WireCollections.list(systemControls);
    resourceRequirements = WireCollections.list(resourceRequirements);
    credentialSpecs = WireCollections.list(credentialSpecs);
  }

  /** True unless the definition says {@code essential: false} (ECS's default is essential). */
  public boolean essentialOrDefault() {
    return essential == null || essential;
  }

  /** This container with the members ECS fills in at registration replaced; the rest unchanged. */
  public ContainerDefinition withFilledIn(
      Integer cpu,
      List<PortMapping> portMappings,
      Boolean essential,
      List<KeyValuePair> environment,
      List<MountPoint> mountPoints,
      List<VolumeFrom> volumesFrom,
      HealthCheck healthCheck,
      List<SystemControl> systemControls) {
    return new ContainerDefinition(name, image, repositoryCredentials, cpu, memory,
        memoryReservation, links, portMappings, essential, restartPolicy, entryPoint, command,
        environment, environmentFiles, mountPoints, volumesFrom, linuxParameters, secrets, dependsOn,
        startTimeout, stopTimeout, versionConsistency, hostname, user, workingDirectory,
        disableNetworking, privileged, readonlyRootFilesystem, dnsServers, dnsSearchDomains,
        extraHosts, dockerSecurityOptions, interactive, pseudoTerminal, dockerLabels, ulimits,
        logConfiguration, healthCheck, systemControls, resourceRequirements, firelensConfiguration,
        credentialSpecs);
  }
}
