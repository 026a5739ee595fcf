package io.gantry.testkit.agent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gantry.agent.runtime.RuntimeInfo;
import io.gantry.agent.session.AgentConfig;
import io.gantry.agent.session.Registration;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The RegisterContainerInstance input of a simulated machine: the real agent's request
 * ({@link Registration#request}: reserved ports, standard attributes and capabilities, versions)
 * with the shape's CPU units and memory, its custom attributes, and its GPUs as platform
 * devices. Pure; thread-safe.
 */
public final class InstanceRegistration {
  /** The agent version simulated agents register and say hello with. */
  public static final String AGENT_VERSION = "gantry-sim";
  private static final RuntimeInfo MACHINE =
      new RuntimeInfo("20.10.24", "1.41", 1, 1L << 30, "linux", "Simulated", "x86_64", "6.1");

  private InstanceRegistration() {}

  /** The request for an agent of {@code shape} joining {@code cluster}; {@code previousArn} re-registers. */
  public static ObjectNode request(String cluster, String name, AgentShape shape, String previousArn) {
    AgentConfig config = new AgentConfig(URI.create("http://simulated"), cluster, "us-east-1", Path.of(name), 0,
        shape.availabilityZone(), shape.instanceType(), false, Duration.ofSeconds(30));
    ObjectNode req = Registration.request(config, MACHINE, AGENT_VERSION, previousArn);
    for (JsonNode resource : req.withArray("totalResources")) {
      ObjectNode r = (ObjectNode) resource;
      switch (r.path("name").asText()) {
        case "CPU" -> r.put("integerValue", shape.cpuUnits());
        case "MEMORY" -> r.put("integerValue", shape.memoryMib());
        default -> { }
      }
    }
    ArrayNode attributes = req.withArray("attributes");
    for (Map.Entry<String, String> a : shape.attributes().entrySet()) {
      ObjectNode attr = attributes.addObject().put("name", a.getKey());
      if (!a.getValue().isEmpty()) {
        attr.put("value", a.getValue());
      }
    }
    if (shape.gpus() > 0) {
      ArrayNode devices = req.putArray("platformDevices");
      for (int i = 0; i < shape.gpus(); i++) {
        devices.addObject().put("id", name + "-gpu" + i).put("type", "GPU");
      }
    }
    return req;
  }
}
