package io.gantry.agent.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gantry.agent.runtime.RuntimeInfo;
import io.gantry.api.json.AwsJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Registers this machine as a container instance (RegisterContainerInstance), as the ECS agent
 * does: CPU 1024 units per core, memory in MiB less a reservation, the ports ECS reserves, the
 * standard attributes, the machine's GPUs as platform devices, and the agent and Docker versions. Re-registers under the same ARN when
 * the agent has registered before.
 */
public final class Registration {
  /** Ports the ECS agent reserves on every instance (SSH, Docker, the ECS agent's own). */
  public static final List<String> RESERVED_PORTS = List.of("22", "2375", "2376", "51678", "51679");

  /** The attribute that tells the control plane which capacity provider the machine joins. */
  public static final String CAPACITY_PROVIDER_ATTRIBUTE = "gantry.capacity-provider";

  private Registration() {}

  /** The RegisterContainerInstance input for this machine. */
  public static ObjectNode request(AgentConfig config, RuntimeInfo runtime, String agentVersion, String previousArn) {
    ObjectNode req = AwsJson.mapper().createObjectNode();
    req.put("cluster", config.cluster());
    if (previousArn != null) {
      req.put("containerInstanceArn", previousArn);
    }
    ArrayNode resources = req.putArray("totalResources");
    resources.addObject().put("name", "CPU").put("type", "INTEGER").put("integerValue", 1024 * runtime.cpus());
    long memoryMib = runtime.memoryBytes() / (1024 * 1024) - config.reservedMemoryMib();
    resources.addObject().put("name", "MEMORY").put("type", "INTEGER").put("integerValue", Math.max(0, memoryMib));
    ArrayNode ports = resources.addObject().put("name", "PORTS").put("type", "STRINGSET").putArray("stringSetValue");
    RESERVED_PORTS.forEach(ports::add);
    resources.addObject().put("name", "PORTS_UDP").put("type", "STRINGSET").putArray("stringSetValue");
    ArrayNode attributes = req.putArray("attributes");
    Map<String, String> attrs = new java.util.LinkedHashMap<>();
    attrs.put("ecs.os-type", "linux");
    attrs.put("ecs.os-family", "LINUX");
    attrs.put("ecs.cpu-architecture", architecture(runtime.architecture()));
    attrs.put("ecs.availability-zone", config.availabilityZone());
    attrs.put("ecs.instance-type", config.instanceType());
    for (Map.Entry<String, String> a : attrs.entrySet()) {
      attributes.addObject().put("name", a.getKey()).put("value", a.getValue());
    }
    if (config.capacityProvider() != null) {
      attributes.addObject().put("name", CAPACITY_PROVIDER_ATTRIBUTE).put("value", config.capacityProvider());
    }
    for (String capability : capabilities(config)) {
      attributes.addObject().put("name", capability);
    }
    if (!config.gpus().ids().isEmpty()) {
      ArrayNode devices = req.putArray("platformDevices");
      config.gpus().ids().forEach(id -> devices.addObject().put("id", id).put("type", "GPU"));
    }
    req.putObject("versionInfo")
        .put("agentVersion", agentVersion)
        .put("agentHash", "gantry")
        .put("dockerVersion", "DockerVersion: " + runtime.runtimeVersion());
    return req;
  }

  /** Registers and returns the container instance ARN. */
  public static String register(EcsApiClient api, AgentConfig config, RuntimeInfo runtime, String agentVersion,
      String previousArn) throws IOException, InterruptedException {
    JsonNode answer = api.call("RegisterContainerInstance", request(config, runtime, agentVersion, previousArn));
    return answer.path("containerInstance").path("containerInstanceArn").asText();
  }

  private static String architecture(String dockerArch) {
    return switch (dockerArch == null ? "" : dockerArch) {
      case "aarch64", "arm64" -> "arm64";
      default -> "x86_64";
    };
  }

  private static List<String> capabilities(AgentConfig config) {
    List<String> caps = new java.util.ArrayList<>();
    for (String v : List.of("1.17", "1.18", "1.19", "1.20", "1.21", "1.22", "1.23", "1.24", "1.25", "1.26", "1.27",
        "1.28", "1.29", "1.30", "1.31", "1.32")) {
      caps.add("com.amazonaws.ecs.capability.docker-remote-api." + v);
    }
    caps.add("com.amazonaws.ecs.capability.logging-driver.json-file");
    caps.add("com.amazonaws.ecs.capability.logging-driver.none");
    caps.add("com.amazonaws.ecs.capability.logging-driver.syslog");
    caps.add("ecs.capability.container-health-check");
    caps.add("ecs.capability.container-ordering");
    caps.add("ecs.capability.task-eni"); // awsvpc tasks: a bridge network per subnet and a pause container
    caps.add("ecs.capability.docker-plugin.local");
    if (config.privilegedAllowed()) {
      caps.add("com.amazonaws.ecs.capability.privileged-container");
    }
    return caps;
  }
}
