package io.gantry.agent.runtime;

import io.gantry.model.KeyValuePair;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.ContainerDependency;
import io.gantry.model.taskdef.ContainerRestartPolicy;
import io.gantry.model.taskdef.EnvironmentFile;
import io.gantry.model.taskdef.FirelensConfiguration;
import io.gantry.model.taskdef.HealthCheck;
import io.gantry.model.taskdef.HostEntry;
import io.gantry.model.taskdef.LinuxParameters;
import io.gantry.model.taskdef.LogConfiguration;
import io.gantry.model.taskdef.MountPoint;
import io.gantry.model.taskdef.PortMapping;
import io.gantry.model.taskdef.RepositoryCredentials;
import io.gantry.model.taskdef.ResourceRequirement;
import io.gantry.model.taskdef.Secret;
import io.gantry.model.taskdef.SystemControl;
import io.gantry.model.taskdef.Ulimit;
import io.gantry.model.taskdef.VolumeFrom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Fluent test fixture for the 44-member {@link ContainerDefinition} record. Not thread-safe. */
public final class ContainerDefinitionBuilder {
  private String name;
  private String image;
  private RepositoryCredentials repositoryCredentials;
  private Integer cpu;
  private Integer memory;
  private Integer memoryReservation;
  private List<String> links;
  private List<PortMapping> portMappings;
  private Boolean essential;
  private ContainerRestartPolicy restartPolicy;
  private List<String> entryPoint;
  private List<String> command;
  private List<KeyValuePair> environment;
  private List<EnvironmentFile> environmentFiles;
  private List<MountPoint> mountPoints;
  private List<VolumeFrom> volumesFrom;
  private LinuxParameters linuxParameters;
  private List<Secret> secrets;
  private List<ContainerDependency> dependsOn;
  private Integer startTimeout;
  private Integer stopTimeout;
  private String versionConsistency;
  private String hostname;
  private String user;
  private String workingDirectory;
  private Boolean disableNetworking;
  private Boolean privileged;
  private Boolean readonlyRootFilesystem;
  private List<String> dnsServers;
  private List<String> dnsSearchDomains;
  private List<HostEntry> extraHosts;
  private List<String> dockerSecurityOptions;
  private Boolean interactive;
  private Boolean pseudoTerminal;
  private Map<String, String> dockerLabels;
  private List<Ulimit> ulimits;
  private LogConfiguration logConfiguration;
  private HealthCheck healthCheck;
  private List<SystemControl> systemControls;
  private List<ResourceRequirement> resourceRequirements;
  private FirelensConfiguration firelensConfiguration;
  private List<String> credentialSpecs;

  public static ContainerDefinitionBuilder container(String name, String image) {
    return new ContainerDefinitionBuilder().name(name).image(image);
  }

  public ContainerDefinitionBuilder name(String value) {
    this.name = value;
    return this;
  }

  public ContainerDefinitionBuilder image(String value) {
    this.image = value;
    return this;
  }

  public ContainerDefinitionBuilder repositoryCredentials(RepositoryCredentials value) {
    this.repositoryCredentials = value;
    return this;
  }

  public ContainerDefinitionBuilder cpu(Integer value) {
    this.cpu = value;
    return this;
  }

  public ContainerDefinitionBuilder memory(Integer value) {
    this.memory = value;
    return this;
  }

  public ContainerDefinitionBuilder memoryReservation(Integer value) {
    this.memoryReservation = value;
    return this;
  }

  public ContainerDefinitionBuilder links(List<String> value) {
    this.links = value;
    return this;
  }

  public ContainerDefinitionBuilder portMappings(List<PortMapping> value) {
    this.portMappings = value;
    return this;
  }

  public ContainerDefinitionBuilder essential(Boolean value) {
    this.essential = value;
    return this;
  }

  public ContainerDefinitionBuilder restartPolicy(ContainerRestartPolicy value) {
    this.restartPolicy = value;
    return this;
  }

  public ContainerDefinitionBuilder entryPoint(List<String> value) {
    this.entryPoint = value;
    return this;
  }

  public ContainerDefinitionBuilder command(List<String> value) {
    this.command = value;
    return this;
  }

  public ContainerDefinitionBuilder environment(List<KeyValuePair> value) {
    this.environment = value;
    return this;
  }

  public ContainerDefinitionBuilder environmentFiles(List<EnvironmentFile> value) {
    this.environmentFiles = value;
    return this;
  }

  public ContainerDefinitionBuilder mountPoints(List<MountPoint> value) {
    this.mountPoints = value;
    return this;
  }

  public ContainerDefinitionBuilder volumesFrom(List<VolumeFrom> value) {
    this.volumesFrom = value;
    return this;
  }

  public ContainerDefinitionBuilder linuxParameters(LinuxParameters value) {
    this.linuxParameters = value;
    return this;
  }

  public ContainerDefinitionBuilder secrets(List<Secret> value) {
    this.secrets = value;
    return this;
  }

  public ContainerDefinitionBuilder dependsOn(List<ContainerDependency> value) {
    this.dependsOn = value;
    return this;
  }

  public ContainerDefinitionBuilder startTimeout(Integer value) {
    this.startTimeout = value;
    return this;
  }

  public ContainerDefinitionBuilder stopTimeout(Integer value) {
    this.stopTimeout = value;
    return this;
  }

  public ContainerDefinitionBuilder versionConsistency(String value) {
    this.versionConsistency = value;
    return this;
  }

  public ContainerDefinitionBuilder hostname(String value) {
    this.hostname = value;
    return this;
  }

  public ContainerDefinitionBuilder user(String value) {
    this.user = value;
    return this;
  }

  public ContainerDefinitionBuilder workingDirectory(String value) {
    this.workingDirectory = value;
    return this;
  }

  public ContainerDefinitionBuilder disableNetworking(Boolean value) {
    this.disableNetworking = value;
    return this;
  }

  public ContainerDefinitionBuilder privileged(Boolean value) {
    this.privileged = value;
    return this;
  }

  public ContainerDefinitionBuilder readonlyRootFilesystem(Boolean value) {
    this.readonlyRootFilesystem = value;
    return this;
  }

  public ContainerDefinitionBuilder dnsServers(List<String> value) {
    this.dnsServers = value;
    return this;
  }

  public ContainerDefinitionBuilder dnsSearchDomains(List<String> value) {
    this.dnsSearchDomains = value;
    return this;
  }

  public ContainerDefinitionBuilder extraHosts(List<HostEntry> value) {
    this.extraHosts = value;
    return this;
  }

  public ContainerDefinitionBuilder dockerSecurityOptions(List<String> value) {
    this.dockerSecurityOptions = value;
    return this;
  }

  public ContainerDefinitionBuilder interactive(Boolean value) {
    this.interactive = value;
    return this;
  }

  public ContainerDefinitionBuilder pseudoTerminal(Boolean value) {
    this.pseudoTerminal = value;
    return this;
  }

  public ContainerDefinitionBuilder dockerLabels(Map<String, String> value) {
    this.dockerLabels = value;
    return this;
  }

  public ContainerDefinitionBuilder ulimits(List<Ulimit> value) {
    this.ulimits = value;
    return this;
  }

  public ContainerDefinitionBuilder logConfiguration(LogConfiguration value) {
    this.logConfiguration = value;
    return this;
  }

  public ContainerDefinitionBuilder healthCheck(HealthCheck value) {
    this.healthCheck = value;
    return this;
  }

  public ContainerDefinitionBuilder systemControls(List<SystemControl> value) {
    this.systemControls = value;
    return this;
  }

  public ContainerDefinitionBuilder resourceRequirements(List<ResourceRequirement> value) {
    this.resourceRequirements = value;
    return this;
  }

  public ContainerDefinitionBuilder firelensConfiguration(FirelensConfiguration value) {
    this.firelensConfiguration = value;
    return this;
  }

  public ContainerDefinitionBuilder credentialSpecs(List<String> value) {
    this.credentialSpecs = value;
    return this;
  }

  /** Appends one environment variable. */
  public ContainerDefinitionBuilder env(String name, String value) {
    List<KeyValuePair> list = environment == null ? new ArrayList<>() : new ArrayList<>(environment);
    list.add(new KeyValuePair(name, value));
    environment = list;
    return this;
  }

  /** Sets the command. */
  public ContainerDefinitionBuilder command(String... args) {
    return command(List.of(args));
  }

  /** Sets the command to {@code sh -c script}. */
  public ContainerDefinitionBuilder shell(String script) {
    return command(List.of("sh", "-c", script));
  }

  /** Adds one docker label. */
  public ContainerDefinitionBuilder label(String key, String value) {
    Map<String, String> map = dockerLabels == null ? new LinkedHashMap<>() : new LinkedHashMap<>(dockerLabels);
    map.put(key, value);
    dockerLabels = map;
    return this;
  }

  public ContainerDefinition build() {
    return new ContainerDefinition(
        name, image, repositoryCredentials, cpu, memory, memoryReservation, links,
        portMappings, essential, restartPolicy, entryPoint, command, environment,
        environmentFiles, mountPoints, volumesFrom, linuxParameters, secrets, dependsOn,
        startTimeout, stopTimeout, versionConsistency, hostname, user, workingDirectory,
        disableNetworking, privileged, readonlyRootFilesystem, dnsServers, dnsSearchDomains,
        extraHosts, dockerSecurityOptions, interactive, pseudoTerminal, dockerLabels,
        ulimits, logConfiguration, healthCheck, systemControls, resourceRequirements,
        firelensConfiguration, credentialSpecs);
  }
}
