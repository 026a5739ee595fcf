package io.gantry.agent.engine;

import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.task.Container;
import io.gantry.model.task.Task;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.ContainerDependency;
import io.gantry.model.taskdef.ContainerRestartPolicy;
import io.gantry.model.taskdef.HealthCheck;
import io.gantry.model.taskdef.PortMapping;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fluent fixtures for task definitions and assignments in engine tests. */
final class Defs {
  static final String CLUSTER_ARN = "arn:aws:ecs:us-east-1:000000000000:cluster/default";

  private Defs() {}

  static ContainerDef container(String name) {
    return new ContainerDef(name);
  }

  /** A container definition under construction; every member not set stays absent. */
  static final class ContainerDef {
    private final String name;
    private String image = "busybox";
    private Boolean essential;
    private List<String> command;
    private List<PortMapping> ports;
    private List<ContainerDependency> dependsOn;
    private Integer startTimeout;
    private Integer stopTimeout;
    private ContainerRestartPolicy restartPolicy;
    private HealthCheck healthCheck;
    private List<String> links;

    ContainerDef(String name) {
      this.name = name;
    }

    ContainerDef image(String value) {
      image = value;
      return this;
    }

    ContainerDef essential(boolean value) {
      essential = value;
      return this;
    }

    ContainerDef command(String... args) {
      command = List.of(args);
      return this;
    }

    ContainerDef port(int containerPort, Integer hostPort) {
      ports = ports == null ? new ArrayList<>() : ports;
      ports.add(new PortMapping(containerPort, hostPort, "tcp", null, null, null));
      return this;
    }

    ContainerDef dependsOn(String container, String condition) {
      dependsOn = dependsOn == null ? new ArrayList<>() : dependsOn;
      dependsOn.add(new ContainerDependency(container, condition));
      return this;
    }

    ContainerDef link(String target) {
      links = links == null ? new ArrayList<>() : links;
      links.add(target);
      return this;
    }

    ContainerDef startTimeout(int seconds) {
      startTimeout = seconds;
      return this;
    }

    ContainerDef stopTimeout(int seconds) {
      stopTimeout = seconds;
      return this;
    }

    ContainerDef restartPolicy(List<Integer> ignoredExitCodes, Integer attemptPeriod) {
      restartPolicy = new ContainerRestartPolicy(true, ignoredExitCodes, attemptPeriod);
      return this;
    }

    ContainerDef healthCheck(String... command) {
      healthCheck = new HealthCheck(List.of(command), 5, 2, 3, null);
      return this;
    }

    ContainerDefinition build() {
      return new ContainerDefinition(name, image, null, null, 64, null, links, ports, essential,
          restartPolicy, null, command, null, null, null, null, null, null, dependsOn, startTimeout,
          stopTimeout, null, null, null, null, null, null, null, null, null, null, null, null, null,
          null, null, null, healthCheck, null, null, null, null);
    }
  }

  static TaskDefinition definition(String family, ContainerDef... containers) {
    List<ContainerDefinition> defs = new ArrayList<>();
    for (ContainerDef c : containers) {
      defs.add(c.build());
    }
    return new TaskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/" + family + ":1",
        defs, family, null, null, "bridge", 1, null, TaskDefinition.ACTIVE, null, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  static String taskArn(String id) {
    return "arn:aws:ecs:us-east-1:000000000000:task/default/" + id;
  }

  static TaskAssignment assignment(String id, String desiredStatus, TaskDefinition def) {
    return assignment(id, desiredStatus, def, Map.of());
  }

  static TaskAssignment assignment(
      String id, String desiredStatus, TaskDefinition def, Map<String, Integer> reservedHostPorts) {
    List<Container> containers = new ArrayList<>();
    for (ContainerDefinition c : def.containerDefinitions()) {
      containers.add(new Container(taskArn(id) + "/" + c.name(), taskArn(id), c.name(), c.image(), null,
          null, "PENDING", null, null, null, null, "UNKNOWN", null, null, null, null, null));
    }
    Task task = Task.builder()
        .taskArn(taskArn(id))
        .clusterArn(CLUSTER_ARN)
        .taskDefinitionArn(def.taskDefinitionArn())
        .desiredStatus(desiredStatus)
        .lastStatus("PENDING")
        .launchType("EC2")
        .containers(containers)
        .build();
    return new TaskAssignment(task, def, reservedHostPorts);
  }

  /** The same assignment, now wanted STOPPED (StopTask). */
  static TaskAssignment stopped(TaskAssignment a) {
    return new TaskAssignment(a.task().toBuilder().desiredStatus("STOPPED").stopCode("UserInitiated")
        .stoppedReason("Task stopped by user").build(), a.taskDefinition(), a.reservedHostPorts());
  }
}
