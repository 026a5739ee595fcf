package io.gantry.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.scheduler.Scenarios.Scenario;
import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import io.gantry.scheduler.cluster.NodeFixture;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties over random clusters and requests. Each plan is replayed task by task against the
 * snapshot: every placement must pass {@link Fit}, the attributes and every constraint on the node
 * as it was just before, so no resource is over-committed and no host port is given twice.
 */
class PlacementPropertiesTest {

  @Provide
  Arbitrary<Scenario> scenarios() {
    return Scenarios.scenarios();
  }

  private static Plan place(Scenario s) {
    return Scheduler.place(s.snapshot(), s.request(), new SplittableRandom(s.seed()));
  }

  @Property(tries = 300)
  void everyPlacementFitsAndKeepsEveryConstraintWhenReplayed(@ForAll("scenarios") Scenario s) {
    Plan plan = place(s);
    PlacementRequest r = s.request();
    List<Node> work = new ArrayList<>(s.snapshot().nodes());
    Set<String> used = new HashSet<>();
    for (Plan.Placement p : plan.placements()) {
      int i = s.snapshot().indexOf(p.nodeArn());
      Node node = work.get(i);
      assertThat(Fit.check(node, r.demand())).as("fit of %s", p).isEmpty();
      assertThat(Fit.attributes(node, r.requiredAttributes())).isEmpty();
      for (Constraint c : r.constraints()) {
        if (c instanceof Constraint.MemberOf m) {
          assertThat(m.query().test(node)).as("%s on %s", m.expression(), node).isTrue();
        } else {
          assertThat(node.tasksOf(r.group())).as("distinctInstance on %s", node.arn()).isZero();
        }
      }
      assertThat(p.gpuIds()).hasSize(r.demand().gpus());
      assertThat(Collections.disjoint(p.gpuIds(), used)).as("GPU given twice").isTrue();
      used.addAll(p.gpuIds());
      work.set(i, node.reserve(r.demand(), r.group()));
    }
    assertThat(plan.after().nodes()).isEqualTo(work);
    for (Node n : plan.after().nodes()) {
      assertThat(n.cpu()).isGreaterThanOrEqualTo(0);
      assertThat(n.memory()).isGreaterThanOrEqualTo(0);
    }
  }

  @Property(tries = 300)
  void staticHostPortsAreNeverGivenTwice(@ForAll("scenarios") Scenario s) {
    Plan plan = place(s);
    Demand d = s.request().demand();
    Map<String, Integer> perNode = new HashMap<>();
    plan.placements().forEach(p -> perNode.merge(p.nodeArn(), 1, Integer::sum));
    perNode.forEach((arn, count) -> {
      Node before = s.snapshot().byArn(arn).orElseThrow();
      if (d.hasStaticPorts()) {
        assertThat(count).isEqualTo(1);
      }
      assertThat(Collections.disjoint(before.tcpPorts(), d.tcpPorts())).isTrue();
      assertThat(Collections.disjoint(before.udpPorts(), d.udpPorts())).isTrue();
    });
  }

  @Property(tries = 300)
  void everyUnplacedTaskCarriesOneReasonPerNode(@ForAll("scenarios") Scenario s) {
    Plan plan = place(s);
    assertThat(plan.placements().size() + plan.unplaced().size()).isEqualTo(s.request().count());
    for (Plan.Unplaced u : plan.unplaced()) {
      int total = u.rejections().counts().values().stream().mapToInt(Integer::intValue).sum();
      assertThat(total).isEqualTo(s.snapshot().size());
      Set<String> arns = new HashSet<>();
      u.rejections().nodesByReason().values().forEach(arns::addAll);
      assertThat(arns).hasSize(s.snapshot().size());
    }
    if (!plan.unplaced().isEmpty()) {
      int firstUnplaced = plan.unplaced().get(0).task();
      assertThat(plan.placements()).allSatisfy(p -> assertThat(p.task()).isLessThan(firstUnplaced));
    }
  }

  @Property(tries = 200)
  void theInputIsNeverChangedAndTheSameSeedGivesTheSamePlan(@ForAll("scenarios") Scenario s) {
    List<Node> before = List.copyOf(s.snapshot().nodes());
    Plan first = place(s);
    Plan second = place(s);
    assertThat(s.snapshot().nodes()).isEqualTo(before);
    assertThat(second.placements()).isEqualTo(first.placements());
    assertThat(second.unplaced()).isEqualTo(first.unplaced());
    assertThat(second.after().nodes()).isEqualTo(first.after().nodes());
  }

  @Property(tries = 200)
  void binpackChoosesANodeWithTheLeastRemaining(@ForAll("scenarios") Scenario s,
      @ForAll boolean byCpu) {
    Strategy.Resource resource = byCpu ? Strategy.Resource.CPU : Strategy.Resource.MEMORY;
    PlacementRequest r = new PlacementRequest(s.request().demand(), s.request().count(), Scenarios.GROUP,
        List.of(new Strategy.Binpack(resource)), List.of(), List.of());
    Plan plan = Scheduler.place(s.snapshot(), r, new SplittableRandom(s.seed()));
    List<Node> work = new ArrayList<>(s.snapshot().nodes());
    for (Plan.Placement p : plan.placements()) {
      int chosen = s.snapshot().indexOf(p.nodeArn());
      long least = work.stream().filter(n -> Fit.check(n, r.demand()).isEmpty())
          .filter(n -> !r.demand().hasStaticPorts() || n.tasksOf(Scenarios.GROUP) == s.snapshot().byArn(n.arn())
              .orElseThrow().tasksOf(Scenarios.GROUP))
          .mapToLong(n -> byCpu ? n.cpu() : n.memory()).min().orElseThrow();
      Node node = work.get(chosen);
      assertThat(byCpu ? node.cpu() : node.memory()).isEqualTo(least);
      work.set(chosen, node.reserve(r.demand(), r.group()));
    }
  }

  @Property(tries = 200)
  void spreadKeepsZonesWithinOneWhenCapacityAllows(@ForAll @IntRange(min = 1, max = 30) int nodes,
      @ForAll @IntRange(min = 1, max = 60) int count, @ForAll long seed) {
    List<Node> cluster = new ArrayList<>();
    SplittableRandom shape = new SplittableRandom(seed);
    for (int i = 0; i < nodes; i++) {
      cluster.add(NodeFixture.node("n" + i).zone(List.of("a", "b", "c").get(shape.nextInt(3)))
          .memory(512 + shape.nextInt(8192)).build());
    }
    PlacementRequest r = PlacementRequest.of(Demand.of(1, 1), count, Scenarios.GROUP,
        List.of(new Strategy.Spread("attribute:ecs.availability-zone"), new Strategy.Binpack(Strategy.Resource.MEMORY)));
    Plan plan = Scheduler.place(ClusterSnapshot.of(cluster), r, new SplittableRandom(seed));
    assertThat(plan.complete()).isTrue();
    Map<String, Integer> perZone = new HashMap<>();
    cluster.forEach(n -> perZone.put(n.attribute("ecs.availability-zone"), 0));
    plan.placements().forEach(p -> perZone.merge(
        ClusterSnapshot.of(cluster).byArn(p.nodeArn()).orElseThrow().attribute("ecs.availability-zone"), 1, Integer::sum));
    int max = perZone.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
    int min = perZone.values().stream().mapToInt(Integer::intValue).min().orElseThrow();
    assertThat(max - min).as("%s", perZone).isLessThanOrEqualTo(1);
  }

  @Property(tries = 200)
  void distinctInstanceNeverPutsTwoOfTheGroupOnOneNode(@ForAll("scenarios") Scenario s) {
    PlacementRequest r = s.request().withConstraints(List.of(new Constraint.DistinctInstance()));
    Plan plan = Scheduler.place(s.snapshot(), r, new SplittableRandom(s.seed()));
    for (Node n : plan.after().nodes()) {
      Node before = s.snapshot().byArn(n.arn()).orElseThrow();
      if (n.tasksOf(Scenarios.GROUP) != before.tasksOf(Scenarios.GROUP)) {
        assertThat(n.tasksOf(Scenarios.GROUP)).isEqualTo(1);
      }
    }
  }
}
