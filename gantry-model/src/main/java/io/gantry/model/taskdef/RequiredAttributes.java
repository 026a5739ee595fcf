package io.gantry.model.taskdef;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code requiresAttributes} ECS derives from the features a definition uses: the container
 * instance capabilities (Docker remote API versions, log drivers, task roles, ENIs, secrets, EFS,
 * …) an instance must advertise to run its tasks. Covers the common features; an attribute ECS
 * adds for a rarely used feature may be missing. Pure.
 */
public final class RequiredAttributes {
  private static final String DOCKER_API = "com.amazonaws.ecs.capability.docker-remote-api.";
  private static final Pattern ECR_IMAGE = Pattern.compile("\\d{12}\\.dkr\\.ecr\\.[^/]+/.*");

  private RequiredAttributes() {}

  public static List<Attribute> of(TaskDefinition td) {
    Set<String> names = new LinkedHashSet<>();
    for (ContainerDefinition c : td.containerDefinitions()) {
      container(c, td, names);
    }
    if (td.taskRoleArn() != null) {
      names.add("com.amazonaws.ecs.capability.task-iam-role");
      if ("host".equals(td.networkMode())) {
        names.add("com.amazonaws.ecs.capability.task-iam-role-network-host");
      }
    }
    if ("awsvpc".equals(td.networkMode())) {
      names.add(DOCKER_API + "1.18");
      names.add("ecs.capability.task-eni");
    }
    if (td.proxyConfiguration() != null) {
      names.add("ecs.capability.aws-appmesh");
    }
    if (td.volumes() != null) {
      for (Volume v : td.volumes()) {
        volume(v, names);
      }
    }
    List<Attribute> out = new ArrayList<>();
    for (String name : names) {
      out.add(new Attribute(name, null, null, null));
    }
    return out;
  }

  private static void container(ContainerDefinition c, TaskDefinition td, Set<String> names) {
    LogConfiguration log = c.logConfiguration();
    if (log != null) {
      names.add("com.amazonaws.ecs.capability.logging-driver." + log.logDriver());
      names.add(DOCKER_API + ("awslogs".equals(log.logDriver()) ? "1.19" : "1.18"));
      if ("awslogs".equals(log.logDriver()) && td.executionRoleArn() != null) {
        names.add("ecs.capability.execution-role-awslogs");
      }
      if (log.secretOptions() != null && !log.secretOptions().isEmpty()) {
        names.add(secretsCapability(log.secretOptions()) + ".bootstrap.log-driver");
      }
    }
    if (c.image() != null && ECR_IMAGE.matcher(c.image()).matches()) {
      names.add("com.amazonaws.ecs.capability.ecr-auth");
      if (td.executionRoleArn() != null) {
        names.add("ecs.capability.execution-role-ecr-pull");
      }
    }
    if (c.memoryReservation() != null) {
      names.add(DOCKER_API + "1.21");
    }
    if (c.dockerLabels() != null || c.ulimits() != null) {
      names.add(DOCKER_API + "1.18");
    }
    if (c.healthCheck() != null) {
      names.add("ecs.capability.container-health-check");
      names.add(DOCKER_API + "1.24");
    }
    if (c.dependsOn() != null && !c.dependsOn().isEmpty()) {
      names.add("ecs.capability.container-ordering");
    }
    if (c.secrets() != null && !c.secrets().isEmpty()) {
      names.add(secretsCapability(c.secrets()) + ".environment-variables");
    }
    if (c.repositoryCredentials() != null) {
      names.add("com.amazonaws.ecs.capability.private-registry-authentication.secretsmanager");
    }
    if (c.environmentFiles() != null && !c.environmentFiles().isEmpty()) {
      names.add("ecs.capability.env-files.s3");
    }
    if (c.firelensConfiguration() != null) {
      names.add("ecs.capability.firelens." + c.firelensConfiguration().type());
    }
    LinuxParameters lp = c.linuxParameters();
    if (lp != null && (lp.initProcessEnabled() != null || lp.sharedMemorySize() != null || lp.tmpfs() != null)) {
      names.add(DOCKER_API + "1.25");
    }
  }

  private static String secretsCapability(List<Secret> secrets) {
    boolean secretsManager = secrets.stream().anyMatch(s -> s.valueFrom().startsWith("arn:aws:secretsmanager:")
        || s.valueFrom().contains(":secretsmanager:"));
    return secretsManager ? "ecs.capability.secrets.asm" : "ecs.capability.secrets.ssm";
  }

  private static void volume(Volume v, Set<String> names) {
    if (v.efsVolumeConfiguration() != null) {
      names.add("ecs.capability.efs");
      EFSVolumeConfiguration efs = v.efsVolumeConfiguration();
      if (efs.authorizationConfig() != null || "ENABLED".equals(efs.transitEncryption())) {
        names.add("ecs.capability.efsAuth");
      }
    }
    if (v.fsxWindowsFileServerVolumeConfiguration() != null) {
      names.add("ecs.capability.fsxWindowsFileServer");
    }
    DockerVolumeConfiguration docker = v.dockerVolumeConfiguration();
    if (docker != null) {
      names.add(DOCKER_API + "1.25");
      if (docker.driver() != null && !"local".equals(docker.driver())) {
        names.add("ecs.capability.docker-plugin." + docker.driver());
      }
    }
  }
}
