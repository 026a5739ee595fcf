package io.gantry.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Node;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The snapshot's columns and profile memo change nothing: a chain of plans, each placed on the
 * snapshot the previous one left (so columns are patched and the memo reused), with nodes now
 * and then replaced by ones of another profile (agent gone, status changed, attribute changed),
 * gives at every step the plan a fresh snapshot of the same nodes gives.
 */
class SnapshotMemoTest {

  @Property(tries = 300)
  void derivedSnapshotsPlaceAsFreshOnes(@ForAll("scenarios") Scenarios.Scenario scenario) {
    SplittableRandom changes = new SplittableRandom(scenario.seed());
    ClusterSnapshot current = scenario.snapshot();
    for (int step = 0; step < 6; step++) {
      long seed = changes.nextLong();
      Plan derived = Scheduler.place(current, scenario.request(), new SplittableRandom(seed));
      Plan fresh = Scheduler.place(ClusterSnapshot.of(current.nodes()), scenario.request(), new SplittableRandom(seed));
      assertThat(derived.placements()).isEqualTo(fresh.placements());
      assertThat(derived.unplaced()).isEqualTo(fresh.unplaced());
      current = derived.after();
      if (current.size() > 0 && changes.nextInt(2) == 0) {
        int i = changes.nextInt(current.size());
        current = current.withReplaced(Map.of(i, otherProfile(current.get(i), changes.nextInt(3))));
      }
    }
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<Scenarios.Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  private static Node otherProfile(Node n, int change) {
    Map<String, String> attributes = new HashMap<>(n.attributes());
    boolean agent = n.agentConnected();
    String status = n.status();
    switch (change) {
      case 0 -> agent = !agent;
      case 1 -> status = Node.ACTIVE.equals(status) ? "DRAINING" : Node.ACTIVE;
      default -> attributes.put("stack", "prod".equals(attributes.get("stack")) ? "dev" : "prod");
    }
    return new Node(n.arn(), n.id(), n.ec2InstanceId(), status, agent, n.agentVersion(), n.registeredAt(), attributes,
        n.cpu(), n.memory(), n.tcpPorts(), n.udpPorts(), n.freeGpuIds(), n.runningTasksCount(), n.taskGroups(),
        n.capacityProviderName());
  }

  @Property(tries = 50)
  void aNodeWithTheSameProfileKeepsTheMemo(@ForAll("scenarios") Scenarios.Scenario scenario) {
    List<Node> nodes = scenario.snapshot().nodes();
    for (Node n : nodes) {
      Node copy = new Node(n.arn(), n.id(), n.ec2InstanceId(), n.status(), n.agentConnected(), n.agentVersion(),
          n.registeredAt(), new HashMap<>(n.attributes()), n.cpu() + 1, n.memory(), n.tcpPorts(), n.udpPorts(),
          n.freeGpuIds(), n.runningTasksCount() + 1, n.taskGroups(), n.capacityProviderName());
      assertThat(n.sameProfile(copy)).isTrue();
    }
  }
}
