package io.gantry.scheduler;

import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import io.gantry.scheduler.cluster.NodeFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators of random clusters and requests, and a replay of a plan against its snapshot. */
final class Scenarios {
  static final String GROUP = "family:web";
  static final List<String> EXPRESSIONS = List.of("attribute:stack == prod", "attribute:ecs.availability-zone != c",
      "not(task:group == family:web)", "runningTasksCount < 3 or attribute:stack exists",
      "task:group !in [family:web] or attribute:stack == dev");

  /** One scenario: a cluster, a request on it and a seed. */
  record Scenario(ClusterSnapshot snapshot, PlacementRequest request, long seed) {
    @Override
    public String toString() {
      return snapshot.nodes() + "\n" + request + "\nseed " + seed;
    }
  }

  private Scenarios() {}

  private record Extra(int existing, String stack, int running) {}

  private record Spec(String zone, long cpu, long memory, Set<Integer> tcp, int gpus, String status, boolean agent,
      Extra extra) {}

  private static Arbitrary<Spec> specs() {
    Arbitrary<Extra> extra = Combinators.combine(Arbitraries.integers().between(0, 2),
        Arbitraries.of("prod", "dev", "none"), Arbitraries.integers().between(0, 5)).as(Extra::new);
    return Combinators.combine(Arbitraries.of("a", "b", "c", "none"), Arbitraries.longs().between(0, 4096),
        Arbitraries.longs().between(0, 8192), Arbitraries.of(80, 443, 8080).set().ofMaxSize(2),
        Arbitraries.integers().between(0, 4), Arbitraries.of("ACTIVE", "ACTIVE", "ACTIVE", "ACTIVE", "DRAINING"),
        Arbitraries.of(true, true, true, false), extra).as(Spec::new);
  }

  /** Random clusters of up to {@code max} nodes, in three zones (some nodes without a zone). */
  static Arbitrary<List<Node>> clusters(int max) {
    return specs().list().ofMaxSize(max).map(rows -> {
      List<Node> out = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        Spec v = rows.get(i);
        NodeFixture f = NodeFixture.node("n" + i).cpu(v.cpu()).memory(v.memory()).tcp(v.tcp().toArray(new Integer[0]))
            .status(v.status()).agent(v.agent()).group(GROUP, v.extra().existing()).running(v.extra().running());
        for (int g = 0; g < v.gpus(); g++) {
          f.gpus("gpu" + i + "-" + g);
        }
        if (v.zone().equals("none")) {
          f.without("ecs.availability-zone");
        } else {
          f.zone(v.zone());
        }
        if (!v.extra().stack().equals("none")) {
          f.attr("stack", v.extra().stack());
        }
        out.add(f.build());
      }
      return out;
    });
  }

  static Arbitrary<Demand> demands() {
    return Combinators.combine(Arbitraries.longs().between(0, 2048), Arbitraries.longs().between(0, 4096),
        Arbitraries.of(80, 443, 8080).set().ofMaxSize(1), Arbitraries.of(53).set().ofMaxSize(1),
        Arbitraries.integers().between(0, 2)).as(Demand::new);
  }

  static Arbitrary<Strategy> strategies() {
    return Arbitraries.of(new Strategy.Binpack(Strategy.Resource.CPU), new Strategy.Binpack(Strategy.Resource.MEMORY),
        new Strategy.Spread("instanceId"), new Strategy.Spread("attribute:ecs.availability-zone"),
        new Strategy.Spread("attribute:stack"), new Strategy.Random());
  }

  static Arbitrary<List<Constraint>> constraints() {
    Arbitrary<Constraint> one = Arbitraries.oneOf(Arbitraries.just(new Constraint.DistinctInstance()),
        Arbitraries.of(EXPRESSIONS).map(e -> Constraint.parse("memberOf", e)));
    return one.list().ofMaxSize(2);
  }

  static Arbitrary<Scenario> scenarios() {
    return Combinators.combine(clusters(30), demands(), Arbitraries.integers().between(1, 12),
        strategies().list().ofMaxSize(3), constraints(), Arbitraries.longs())
        .as((nodes, demand, count, strategies, constraints, seed) -> new Scenario(ClusterSnapshot.of(nodes),
            new PlacementRequest(demand, count, GROUP, strategies, constraints, List.of()), seed));
  }
}
