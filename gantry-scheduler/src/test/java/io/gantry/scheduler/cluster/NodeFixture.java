package io.gantry.scheduler.cluster;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A fluent builder of test nodes: ACTIVE, agent connected, 4096 CPU, 8192 MiB, zone us-east-1a unless told. */
public final class NodeFixture {
  private final String id;
  private String ec2 = null;
  private String status = Node.ACTIVE;
  private boolean agent = true;
  private String agentVersion = "1.80.0";
  private Instant registeredAt = Instant.parse("2024-01-15T10:00:00Z");
  private final Map<String, String> attributes = new HashMap<>();
  private long cpu = 4096;
  private long memory = 8192;
  private final Set<Integer> tcp = new HashSet<>();
  private final Set<Integer> udp = new HashSet<>();
  private final List<String> gpus = new ArrayList<>();
  private int running;
  private final Map<String, Integer> groups = new HashMap<>();

  private NodeFixture(String id) {
    this.id = id;
    this.ec2 = "i-" + id;
    attributes.put("ecs.availability-zone", "us-east-1a");
    attributes.put("ecs.os-type", "linux");
  }

  public static NodeFixture node(String id) {
    return new NodeFixture(id);
  }

  public static String arn(String id) {
    return "arn:aws:ecs:us-east-1:123456789012:container-instance/test/" + id;
  }

  public NodeFixture zone(String zone) {
    attributes.put("ecs.availability-zone", zone);
    return this;
  }

  public NodeFixture attr(String name, String value) {
    attributes.put(name, value);
    return this;
  }

  public NodeFixture without(String name) {
    attributes.remove(name);
    return this;
  }

  public NodeFixture cpu(long units) {
    cpu = units;
    return this;
  }

  public NodeFixture memory(long mib) {
    memory = mib;
    return this;
  }

  public NodeFixture status(String s) {
    status = s;
    return this;
  }

  public NodeFixture agent(boolean connected) {
    agent = connected;
    return this;
  }

  public NodeFixture agentVersion(String v) {
    agentVersion = v;
    return this;
  }

  public NodeFixture ec2(String id) {
    ec2 = id;
    return this;
  }

  public NodeFixture registeredAt(String instant) {
    registeredAt = instant == null ? null : Instant.parse(instant);
    return this;
  }

  public NodeFixture tcp(Integer... ports) {
    tcp.addAll(List.of(ports));
    return this;
  }

  public NodeFixture udp(Integer... ports) {
    udp.addAll(List.of(ports));
    return this;
  }

  public NodeFixture gpus(String... ids) {
    gpus.addAll(List.of(ids));
    return this;
  }

  public NodeFixture running(int count) {
    running = count;
    return this;
  }

  public NodeFixture group(String group, int count) {
    groups.put(group, count);
    return this;
  }

  public Node build() {
    return new Node(arn(id), id, ec2, status, agent, agentVersion, registeredAt, attributes, cpu, memory, tcp, udp,
        gpus, running, groups, null);
  }
}
