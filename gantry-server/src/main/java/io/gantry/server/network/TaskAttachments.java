package io.gantry.server.network;

import io.gantry.api.agent.TaskNetwork;
import io.gantry.model.KeyValuePair;
import io.gantry.model.cluster.Attachment;
import io.gantry.model.task.Container;
import io.gantry.model.task.NetworkInterface;
import io.gantry.model.task.Task;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The elastic network interface an awsvpc task shows, as ECS shows it: an attachment of type
 * {@code ElasticNetworkInterface} with the details subnetId, networkInterfaceId, macAddress,
 * privateDnsName and privateIPv4Address, PRECREATED when the task is created, ATTACHED once it
 * runs, DETACHING while its agent releases the address (DEPROVISIONING) and DETACHED once it stopped ({@code connectivity} is set by the agent's first report); and each container's
 * {@code networkInterfaces} entry naming the attachment and the address. Pure.
 */
public final class TaskAttachments {
  public static final String ENI = "ElasticNetworkInterface";

  private TaskAttachments() {}

  /** The network of a task that leased {@code leased}: new attachment and interface ids, a MAC derived from the address. */
  public static TaskNetwork network(AddressAllocator.Leased leased, String region, RandomGenerator random) {
    Ipv4Cidr cidr = leased.subnet().cidr();
    long a = leased.address();
    String mac = String.format("0a:58:%02x:%02x:%02x:%02x", (a >> 24) & 255, (a >> 16) & 255, (a >> 8) & 255, a & 255);
    String dns = "ip-" + leased.addressText().replace('.', '-')
        + ("us-east-1".equals(region) ? ".ec2.internal" : "." + region + ".compute.internal");
    return new TaskNetwork(leased.subnet().subnetId(), cidr.toString(), Ipv4Cidr.text(cidr.gateway()),
        leased.addressText(), mac, uuid(random), "eni-" + hex(random, 17), dns);
  }

  /** {@code task} with its network interface attachment (PRECREATED) and its containers' interfaces. */
  public static Task attach(Task task, TaskNetwork net) {
    List<Container> containers = new ArrayList<>();
    for (Container c : task.containers()) {
      containers.add(new Container(c.containerArn(), c.taskArn(), c.name(), c.image(), c.imageDigest(), c.runtimeId(),
          c.lastStatus(), c.exitCode(), c.reason(), c.networkBindings(),
          List.of(new NetworkInterface(net.attachmentId(), net.privateIpv4Address(), null)), c.healthStatus(),
          c.managedAgents(), c.cpu(), c.memory(), c.memoryReservation(), c.gpuIds()));
    }
    Attachment eni = new Attachment(net.attachmentId(), ENI, "PRECREATED", List.of(
        new KeyValuePair("subnetId", net.subnetId()),
        new KeyValuePair("networkInterfaceId", net.networkInterfaceId()),
        new KeyValuePair("macAddress", net.macAddress()),
        new KeyValuePair("privateDnsName", net.privateDnsName()),
        new KeyValuePair("privateIPv4Address", net.privateIpv4Address())));
    List<Attachment> attachments = new ArrayList<>(task.attachments());
    attachments.add(eni);
    return task.toBuilder().attachments(attachments).containers(containers).build();
  }

  /**
   * {@code task} with its ENI attachment's status following its known status: ATTACHED once
   * RUNNING, DETACHING while DEPROVISIONING, DETACHED once STOPPED. Tasks without
   * an ENI attachment come back unchanged.
   */
  public static Task follow(Task task) {
    if (!hasEni(task)) {
      return task;
    }
    String status = switch (task.lastStatus() == null ? "" : task.lastStatus()) {
      case "RUNNING", "DEACTIVATING", "STOPPING" -> "ATTACHED";
      case "DEPROVISIONING" -> "DETACHING";
      case "STOPPED" -> "DETACHED";
      default -> null;
    };
    if (status == null) {
      return task;
    }
    List<Attachment> next = new ArrayList<>();
    boolean changed = false;
    for (Attachment a : task.attachments()) {
      if (ENI.equals(a.type()) && !status.equals(a.status()) && !"DETACHED".equals(a.status())) {
        next.add(new Attachment(a.id(), a.type(), status, a.details()));
        changed = true;
      } else {
        next.add(a);
      }
    }
    return changed ? task.toBuilder().attachments(next).build() : task;
  }

  /** True for an awsvpc task: it has an ENI attachment. */
  public static boolean hasEni(Task task) {
    return task.attachments().stream().anyMatch(a -> ENI.equals(a.type()));
  }

  private static String hex(RandomGenerator random, int digits) {
    byte[] bytes = new byte[(digits + 1) / 2];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes).substring(0, digits);
  }

  private static String uuid(RandomGenerator random) {
    String h = hex(random, 32);
    return h.substring(0, 8) + "-" + h.substring(8, 12) + "-" + h.substring(12, 16) + "-" + h.substring(16, 20) + "-"
        + h.substring(20);
  }
}
