package io.gantry.scheduler;

import static io.gantry.scheduler.cluster.NodeFixture.arn;
import static io.gantry.scheduler.cluster.NodeFixture.node;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Worked examples of placement: each strategy, each constraint, each rejection reason. */
class SchedulerTest {
  private static final Demand SMALL = Demand.of(256, 512);

  private static Plan place(List<Node> nodes, PlacementRequest request) {
    return Scheduler.place(ClusterSnapshot.of(nodes), request, new SplittableRandom(7));
  }

  private static Map<String, Long> perNode(Plan plan) {
    return plan.placements().stream().collect(Collectors.groupingBy(Plan.Placement::nodeArn, Collectors.counting()));
  }

  @Test
  void binpackChoosesTheLeastRemainingThatStillFits() {
    List<Node> nodes = List.of(node("big").memory(8192).build(), node("tight").memory(400).build(),
        node("snug").memory(1024).build());
    Plan plan = place(nodes, PlacementRequest.of(SMALL, 2, "family:web",
        List.of(new Strategy.Binpack(Strategy.Resource.MEMORY))));
    assertThat(plan.placements()).extracting(Plan.Placement::nodeArn).containsExactly(arn("snug"), arn("snug"));
    assertThat(plan.after().byArn(arn("snug")).orElseThrow().memory()).isZero();
  }

  @Test
  void spreadBalancesZonesCountingTheGroupsTasksAlreadyThere() {
    List<Node> nodes = List.of(node("a1").zone("a").group("family:web", 2).build(), node("b1").zone("b").build(),
        node("c1").zone("c").group("family:other", 5).build());
    Plan plan = place(nodes, PlacementRequest.of(SMALL, 4, "family:web", Strategy.RUN_TASK_DEFAULT));
    assertThat(perNode(plan)).containsOnly(Map.entry(arn("b1"), 2L), Map.entry(arn("c1"), 2L));
  }

  @Test
  void serviceDefaultSpreadsOverZonesThenInstances() {
    List<Node> nodes = List.of(node("a1").zone("a").build(), node("a2").zone("a").build(),
        node("b1").zone("b").build(), node("b2").zone("b").build());
    Plan plan = place(nodes, PlacementRequest.of(SMALL, 4, "service:api", Strategy.SERVICE_DEFAULT));
    assertThat(perNode(plan)).hasSize(4).allSatisfy((arn, count) -> assertThat(count).isEqualTo(1));
  }

  @Test
  void distinctInstanceLeavesTheRestUnplacedWithTheReason() {
    List<Node> nodes = List.of(node("n1").build(), node("n2").group("family:web", 1).build(), node("n3").build());
    PlacementRequest request = PlacementRequest.of(SMALL, 4, "family:web", List.of(new Strategy.Random()))
        .withConstraints(List.of(new Constraint.DistinctInstance()));
    Plan plan = place(nodes, request);
    assertThat(perNode(plan)).containsOnly(Map.entry(arn("n1"), 1L), Map.entry(arn("n3"), 1L));
    assertThat(plan.unplaced()).extracting(Plan.Unplaced::task).containsExactly(2, 3);
    Rejections why = plan.unplaced().get(0).rejections();
    assertThat(why.counts()).containsExactly(Map.entry(Reason.DISTINCT_INSTANCE, 3));
    assertThat(plan.complete()).isFalse();
  }

  @Test
  void memberOfOnTaskGroupSeesTasksPlacedEarlierInThePlan() {
    List<Node> nodes = List.of(node("n1").build(), node("n2").build());
    PlacementRequest request = PlacementRequest.of(SMALL, 3, "family:web", List.of())
        .withConstraints(List.of(Constraint.parse("memberOf", "not(task:group == family:web)")));
    Plan plan = place(nodes, request);
    assertThat(plan.placements()).hasSize(2);
    assertThat(plan.unplaced().get(0).rejections().counts()).containsExactly(Map.entry(Reason.MEMBER_OF, 2));
  }

  @Test
  void everyRejectionIsExplainedWithTheNodesAndTheFirstReasonEachFailed() {
    Demand demand = new Demand(1024, 1024, java.util.Set.of(80), java.util.Set.of(53), 1);
    List<Node> nodes = List.of(node("draining").status("DRAINING").build(), node("gone").agent(false).build(),
        node("windows").attr("ecs.os-type", "windows").build(), node("dev").attr("stack", "dev").build(),
        node("cpu").cpu(512).gpus("g0").build(), node("mem").memory(100).gpus("g0").build(),
        node("tcp").tcp(80).gpus("g0").build(), node("udp").udp(53).gpus("g0").build(), node("nogpu").build());
    PlacementRequest request = PlacementRequest.of(demand, 1, "family:web", List.of())
        .withConstraints(List.of(Constraint.parse("memberOf", "attribute:stack != dev")))
        .withRequiredAttributes(List.of(new RequiredAttribute("ecs.os-type", "linux")));
    Rejections why = place(nodes, request).unplaced().get(0).rejections();
    assertThat(why.nodesByReason()).containsExactly(Map.entry(Reason.NOT_ACTIVE, List.of(arn("draining"))),
        Map.entry(Reason.AGENT, List.of(arn("gone"))), Map.entry(Reason.ATTRIBUTE, List.of(arn("windows"))),
        Map.entry(Reason.MEMBER_OF, List.of(arn("dev"))), Map.entry(Reason.CPU, List.of(arn("cpu"))),
        Map.entry(Reason.MEMORY, List.of(arn("mem"))), Map.entry(Reason.PORTS, List.of(arn("tcp"))),
        Map.entry(Reason.PORTS_UDP, List.of(arn("udp"))), Map.entry(Reason.GPU, List.of(arn("nogpu"))));
    assertThat(why.nodesByReason().keySet()).extracting(Reason::ecsReason).containsExactly("INACTIVE", "AGENT",
        "ATTRIBUTE", "MemberOf placement constraint unsatisfied.", "RESOURCE:CPU", "RESOURCE:MEMORY",
        "RESOURCE:PORTS", "RESOURCE:PORTS_UDP", "RESOURCE:GPU");
  }

  @Test
  void staticPortsKeepTwoTasksOffOneNode() {
    Plan plan = place(List.of(node("n1").build()), PlacementRequest.of(SMALL.withTcpPorts(8080), 2, "family:web",
        List.of()));
    assertThat(plan.placements()).hasSize(1);
    assertThat(plan.unplaced().get(0).rejections().counts()).containsExactly(Map.entry(Reason.PORTS, 1));
    assertThat(plan.after().get(0).tcpPorts()).containsExactly(8080);
  }

  @Test
  void gpusAreAssignedByIdWithoutSharing() {
    Plan plan = place(List.of(node("n1").gpus("g0", "g1", "g2", "g3").build()),
        PlacementRequest.of(SMALL.withGpus(2), 3, null, List.of()));
    assertThat(plan.placements()).extracting(Plan.Placement::gpuIds).containsExactly(List.of("g0", "g1"),
        List.of("g2", "g3"));
    assertThat(plan.unplaced().get(0).rejections().counts()).containsExactly(Map.entry(Reason.GPU, 1));
  }

  @Test
  void anEmptyClusterRejectsWithNoNodes() {
    Plan plan = Scheduler.place(ClusterSnapshot.empty(), PlacementRequest.of(SMALL, 2, null, List.of()),
        new SplittableRandom(1));
    assertThat(plan.unplaced()).hasSize(2);
    assertThat(plan.unplaced().get(0).rejections().noNodes()).isTrue();
  }

  @Test
  void theInputSnapshotIsLeftAsItWas() {
    ClusterSnapshot snapshot = ClusterSnapshot.of(List.of(node("n1").build(), node("n2").build()));
    List<Node> before = List.copyOf(snapshot.nodes());
    Plan plan = Scheduler.place(snapshot, PlacementRequest.of(SMALL, 3, "family:web", List.of()), new SplittableRandom(3));
    assertThat(snapshot.nodes()).isEqualTo(before);
    assertThat(plan.after().nodes()).isNotEqualTo(before);
    long used = plan.after().nodes().stream().mapToLong(n -> 4096 - n.cpu()).sum();
    assertThat(used).isEqualTo(3 * 256);
  }

  @Test
  void reserveAndFitAreTheApplierTools() {
    Node n = node("n1").cpu(300).memory(600).gpus("g0").tcp(22).build();
    Demand d = new Demand(256, 512, java.util.Set.of(80), java.util.Set.of(), 1);
    assertThat(Fit.check(n, d)).isEmpty();
    Node after = n.reserve(d, "family:web");
    assertThat(after.cpu()).isEqualTo(44);
    assertThat(after.memory()).isEqualTo(88);
    assertThat(after.tcpPorts()).containsExactlyInAnyOrder(22, 80);
    assertThat(after.freeGpuIds()).isEmpty();
    assertThat(after.tasksOf("family:web")).isEqualTo(1);
    assertThat(Fit.check(after, d)).contains(Reason.CPU);
    assertThat(Fit.check(node("x").status("INACTIVE").build(), d)).contains(Reason.NOT_ACTIVE);
    Function<Node, Integer> running = Node::runningTasksCount;
    assertThat(running.apply(after)).isEqualTo(running.apply(n));
  }
}
