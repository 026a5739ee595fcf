package io.gantry.server.placement;

import io.gantry.model.task.Container;
import io.gantry.model.task.Task;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.PortMapping;
import io.gantry.model.taskdef.ResourceRequirement;
import io.gantry.model.taskdef.TaskDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one task takes from the instance it is placed on, the way ECS counts it for EC2: CPU units
 * (the task's {@code cpu}, else the sum of its containers'), memory in MiB (the task's {@code
 * memory}, else per container its {@code memoryReservation}, else its {@code memory}), the
 * static host ports of its port mappings, TCP and UDP apart, and the number of GPUs its
 * containers ask for in {@code resourceRequirements}. Dynamic host ports (0 or absent in
 * bridge mode) take nothing ahead of time. Computed from the task record itself (whose resource
 * members carry the overrides) and its reserved ports, so placing and releasing a task always
 * agree. Immutable; pure.
 */
public record TaskDemand(long cpu, long memory, Set<String> tcpPorts, Set<String> udpPorts, int gpus) {
  public static final String UDP_SUFFIX = "/udp";

  public TaskDemand {
    tcpPorts = Set.copyOf(tcpPorts);
    udpPorts = Set.copyOf(udpPorts);
  }

  /** What {@code task} with {@code reservedHostPorts} (see {@link #staticHostPorts}) takes; {@code gpus} from its definition. */
  public static TaskDemand of(Task task, Map<String, Integer> reservedHostPorts, int gpus) {
    long cpu = number(task.cpu());
    long memory = number(task.memory());
    if (task.cpu() == null) {
      cpu = task.containers().stream().mapToLong(c -> number(c.cpu())).sum();
    }
    if (task.memory() == null) {
      memory = task.containers().stream().mapToLong(TaskDemand::containerMemory).sum();
    }
    Set<String> tcp = new TreeSet<>();
    Set<String> udp = new TreeSet<>();
    reservedHostPorts.forEach((key, port) -> (key.endsWith(UDP_SUFFIX) ? udp : tcp).add(Integer.toString(port)));
    return new TaskDemand(cpu, memory, tcp, udp, gpus);
  }

  /**
   * The static host ports {@code td}'s containers publish, by {@link #portKey}: mappings with a
   * host port above 0 in {@code bridge} and {@code host} mode ({@code host} mode copies the
   * container port at registration). Port ranges are left to the agent.
   */
  public static Map<String, Integer> staticHostPorts(TaskDefinition td) {
    Map<String, Integer> out = new LinkedHashMap<>();
    String mode = td.networkMode() == null ? "bridge" : td.networkMode();
    if (!mode.equals("bridge") && !mode.equals("host")) {
      return out;
    }
    for (ContainerDefinition c : td.containerDefinitions()) {
      for (PortMapping pm : c.portMappings() == null ? java.util.List.<PortMapping>of() : c.portMappings()) {
        if (pm.containerPortRange() == null && pm.containerPort() != null && pm.hostPort() != null && pm.hostPort() > 0) {
          out.put(portKey(c.name(), pm.containerPort(), pm.protocol()), pm.hostPort());
        }
      }
    }
    return out;
  }

  /** The key of one port mapping in {@code reservedHostPorts}: "web/8080" for TCP, "dns/53/udp" for UDP. */
  public static String portKey(String container, int containerPort, String protocol) {
    return container + "/" + containerPort + ("udp".equals(protocol) ? UDP_SUFFIX : "");
  }

  /** The GPUs {@code td}'s containers ask for: the sum of their GPU resource requirements. */
  public static int gpus(TaskDefinition td) {
    int total = 0;
    for (ContainerDefinition c : td.containerDefinitions()) {
      for (ResourceRequirement r : c.resourceRequirements() == null ? java.util.List.<ResourceRequirement>of()
          : c.resourceRequirements()) {
        if ("GPU".equals(r.type())) {
          total += (int) number(r.value());
        }
      }
    }
    return total;
  }

  private static long containerMemory(Container c) {
    return c.memoryReservation() != null ? number(c.memoryReservation()) : number(c.memory());
  }

  private static long number(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
