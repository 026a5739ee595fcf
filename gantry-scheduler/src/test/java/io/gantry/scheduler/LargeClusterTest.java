package io.gantry.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import io.gantry.scheduler.cluster.NodeFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * 10 tasks over 5,000 nodes in 3 zones with spread(zone) + binpack(memory) + one memberOf. Checks
 * the result and prints a rough timing; it never fails on time (benchmarks live in gantry-bench).
 */
class LargeClusterTest {

  static ClusterSnapshot cluster(int size) {
    SplittableRandom shape = new SplittableRandom(42);
    List<Node> nodes = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      nodes.add(NodeFixture.node("n" + i).zone("us-east-1" + "abc".charAt(i % 3))
          .attr("ecs.instance-type", i % 4 == 0 ? "m5.large" : "t3.large").memory(1024 + shape.nextInt(15_000))
          .cpu(2048).build());
    }
    return ClusterSnapshot.of(nodes);
  }

  static PlacementRequest request() {
    return PlacementRequest.of(Demand.of(256, 512), 10, "family:web",
        List.of(Strategy.AVAILABILITY_ZONE, new Strategy.Binpack(Strategy.Resource.MEMORY)))
        .withConstraints(List.of(Constraint.parse("memberOf", "attribute:ecs.instance-type =~ t3.*")));
  }

  @Test
  void tenTasksOverFiveThousandNodes() {
    ClusterSnapshot snapshot = cluster(5_000);
    PlacementRequest request = request();
    Plan plan = null;
    int rounds = 300;
    long[] took = new long[rounds];
    for (int r = 0; r < rounds; r++) {
      long start = System.nanoTime();
      plan = Scheduler.place(snapshot, request, new SplittableRandom(r));
      took[r] = System.nanoTime() - start;
    }
    long[] warm = Arrays.copyOfRange(took, rounds / 2, rounds);
    Arrays.sort(warm);
    System.out.printf("10-task placement over 5,000 nodes (rough, after warm-up): median %.3f ms, best %.3f ms%n",
        warm[warm.length / 2] / 1e6, warm[0] / 1e6);
    assertThat(plan.complete()).isTrue();
    Map<String, Integer> perZone = new HashMap<>();
    for (Plan.Placement p : plan.placements()) {
      Node n = snapshot.byArn(p.nodeArn()).orElseThrow();
      assertThat(n.attribute("ecs.instance-type")).isEqualTo("t3.large");
      perZone.merge(n.attribute("ecs.availability-zone"), 1, Integer::sum);
    }
    assertThat(perZone.values().stream().mapToInt(Integer::intValue).max().orElseThrow()
        - perZone.values().stream().mapToInt(Integer::intValue).min().orElseThrow()).isLessThanOrEqualTo(1);
  }
}
