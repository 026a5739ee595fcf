package io.gantry.model.taskdef;

import io.gantry.model.EcsException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules across the containers of a task definition: unique names, at least one essential
 * container, references to other containers (links, volumesFrom, dependsOn, proxy) that exist,
 * dependency conditions and cycles, total CPU and memory within the task size, unique port
 * mapping names, and FireLens wiring. Pure.
 */
final class ContainerGraphRules {
  private ContainerGraphRules() {}

  static void check(TaskDefinition td, TaskSize size) {
    Map<String, ContainerDefinition> byName = new HashMap<>();
    for (ContainerDefinition c : td.containerDefinitions()) {
      if (byName.put(c.name(), c) != null) {
        throw EcsException.client("Container names must be unique within a task definition: '" + c.name() + "'.");
      }
    }
    if (td.containerDefinitions().stream().noneMatch(ContainerDefinition::essentialOrDefault)) {
      throw EcsException.client("A task definition must have at least one essential container.");
    }
    for (ContainerDefinition c : td.containerDefinitions()) {
      references(c, byName);
    }
    noCycles(td.containerDefinitions(), byName);
    totals(td.containerDefinitions(), size);
    if (td.proxyConfiguration() != null && !byName.containsKey(td.proxyConfiguration().containerName())) {
      throw EcsException.client("The proxy configuration container '" + td.proxyConfiguration().containerName()
          + "' is not a container of the task definition.");
    }
    portMappingNames(td.containerDefinitions());
    firelens(td.containerDefinitions());
  }

  private static void references(ContainerDefinition c, Map<String, ContainerDefinition> byName) {
    if (c.links() != null) {
      for (String link : c.links()) {
        String target = link.contains(":") ? link.substring(0, link.indexOf(':')) : link;
        if (target.equals(c.name()) || !byName.containsKey(target)) {
          throw ContainerSettingRules.invalid("links", c.name(),
              "'" + target + "' is not another container of the task definition.");
        }
      }
    }
    if (c.volumesFrom() != null) {
      for (VolumeFrom vf : c.volumesFrom()) {
        if (vf.sourceContainer().equals(c.name()) || !byName.containsKey(vf.sourceContainer())) {
          throw ContainerSettingRules.invalid("volumesFrom", c.name(),
              "'" + vf.sourceContainer() + "' is not another container of the task definition.");
        }
      }
    }
    if (c.dependsOn() == null) {
      return;
    }
    for (ContainerDependency d : c.dependsOn()) {
      ContainerDefinition target = byName.get(d.containerName());
      if (target == null || target == c) {
        throw ContainerSettingRules.invalid("dependsOn", c.name(),
            "'" + d.containerName() + "' is not another container of the task definition.");
      }
      if ("HEALTHY".equals(d.condition()) && target.healthCheck() == null) {
        throw ContainerSettingRules.invalid("dependsOn", c.name(),
            "The HEALTHY condition requires container '" + target.name() + "' to have a health check.");
      }
      boolean exits = "COMPLETE".equals(d.condition()) || "SUCCESS".equals(d.condition());
      if (exits && target.essentialOrDefault()) {
        throw ContainerSettingRules.invalid("dependsOn", c.name(), "The " + d.condition()
            + " condition cannot be set on the essential container '" + target.name() + "'.");
      }
    }
  }

  private static void noCycles(List<ContainerDefinition> containers, Map<String, ContainerDefinition> byName) {
    Set<String> done = new HashSet<>();
    for (ContainerDefinition c : containers) {
      visit(c, byName, done, new ArrayList<>());
    }
  }

  private static void visit(ContainerDefinition c, Map<String, ContainerDefinition> byName, Set<String> done,
      List<String> path) {
    if (done.contains(c.name())) {
      return;
    }
    if (path.contains(c.name())) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(c.name()), path.size()));
      cycle.add(c.name());
      throw EcsException.client("Container dependencies form a cycle: " + String.join(" -> ", cycle) + ".");
    }
    path.add(c.name());
    if (c.dependsOn() != null) {
      for (ContainerDependency d : c.dependsOn()) {
        visit(byName.get(d.containerName()), byName, done, path);
      }
    }
    path.remove(path.size() - 1);
    done.add(c.name());
  }

  private static void totals(List<ContainerDefinition> containers, TaskSize size) {
    long reserved = 0;
    long cpu = 0;
    for (ContainerDefinition c : containers) {
      Integer reservation = c.memoryReservation() != null ? c.memoryReservation() : c.memory();
      reserved += reservation == null ? 0 : reservation;
      cpu += c.cpu() == null ? 0 : c.cpu();
    }
    if (size.memory() != null && reserved > size.memory()) {
      throw EcsException.client("The sum of all container 'memoryReservation' values cannot be greater than"
          + " the value of the task 'memory'.");
    }
    if (size.cpu() != null && cpu > size.cpu()) {
      throw EcsException.client(
          "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'.");
    }
  }

  private static void portMappingNames(List<ContainerDefinition> containers) {
    Set<String> names = new HashSet<>();
    for (ContainerDefinition c : containers) {
      if (c.portMappings() == null) {
        continue;
      }
      for (PortMapping pm : c.portMappings()) {
        if (pm.name() != null && !names.add(pm.name())) {
          throw EcsException.client("Port mapping names must be unique within a task definition: '" + pm.name() + "'.");
        }
      }
    }
  }

  private static void firelens(List<ContainerDefinition> containers) {
    long routers = containers.stream().filter(c -> c.firelensConfiguration() != null).count();
    if (routers > 1) {
      throw EcsException.client("A task definition can have at most one container with a firelensConfiguration.");
    }
    for (ContainerDefinition c : containers) {
      if (c.logConfiguration() != null && "awsfirelens".equals(c.logConfiguration().logDriver()) && routers == 0) {
        throw ContainerSettingRules.invalid("logConfiguration", c.name(),
            "The awsfirelens log driver requires a container with a firelensConfiguration.");
      }
    }
  }
}
