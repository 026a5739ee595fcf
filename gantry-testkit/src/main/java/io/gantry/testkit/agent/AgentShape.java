package io.gantry.testkit.agent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The machine a simulated agent pretends to be: CPU units (1024 per core), memory in MiB offered
 * to tasks, the {@code ecs.availability-zone} and {@code ecs.instance-type} attributes, custom
 * attributes, and a number of GPUs (registered as platform devices). Immutable; the
 * {@code with…} methods return changed copies.
 */
public record AgentShape(int cpuUnits, long memoryMib, String availabilityZone, String instanceType,
    Map<String, String> attributes, int gpus) {

  public AgentShape {
    if (cpuUnits <= 0 || memoryMib <= 0 || gpus < 0) {
      throw new IllegalArgumentException("CPU units and memory must be positive, GPUs not negative");
    }
    Objects.requireNonNull(availabilityZone, "availabilityZone");
    Objects.requireNonNull(instanceType, "instanceType");
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** 2 cores (2048 units), 3840 MiB for tasks (4 GiB less the agent's 256 MiB), us-east-1a, no GPUs. */
  public static AgentShape standard() {
    return new AgentShape(2048, 3840, "us-east-1a", "sim.large", Map.of(), 0);
  }

  public AgentShape withCpu(int units) {
    return new AgentShape(units, memoryMib, availabilityZone, instanceType, attributes, gpus);
  }

  public AgentShape withMemory(long mib) {
    return new AgentShape(cpuUnits, mib, availabilityZone, instanceType, attributes, gpus);
  }

  public AgentShape inZone(String zone) {
    return new AgentShape(cpuUnits, memoryMib, zone, instanceType, attributes, gpus);
  }

  public AgentShape withInstanceType(String type) {
    return new AgentShape(cpuUnits, memoryMib, availabilityZone, type, attributes, gpus);
  }

  /** This shape joining capacity provider {@code name}, as an agent started with {@code --capacity-provider NAME}. */
  public AgentShape inCapacityProvider(String name) {
    return withAttribute(io.gantry.agent.session.Registration.CAPACITY_PROVIDER_ATTRIBUTE, name);
  }

  /** This shape with one more custom attribute (a null value registers a name-only attribute). */
  public AgentShape withAttribute(String name, String value) {
    Map<String, String> next = new LinkedHashMap<>(attributes);
    next.put(name, value == null ? "" : value);
    return new AgentShape(cpuUnits, memoryMib, availabilityZone, instanceType, next, gpus);
  }

  public AgentShape withGpus(int count) {
    return new AgentShape(cpuUnits, memoryMib, availabilityZone, instanceType, attributes, count);
  }
}
