package io.gantry.server.tasks;

import io.gantry.model.Failure;
import io.gantry.scheduler.Constraint;
import io.gantry.scheduler.Fit;
import io.gantry.scheduler.Reason;
import io.gantry.scheduler.cluster.ClusterSnapshot;
import io.gantry.scheduler.cluster.Demand;
import io.gantry.scheduler.cluster.Node;
import io.gantry.server.network.AwsVpcRequest;
import io.gantry.server.network.TaskNetworking;
import io.gantry.server.placement.ManagedCapacity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The placement rules a launch adds or applies beside the scheduler: the zones of an awsvpc
 * launch's subnets, the plan applier's re-check of one node, failures as the caller may see
 * them, and the FARGATE / FARGATE_SPOT parts of a capacity-provider split checked as RunTask
 * calls on managed capacity. Pure, except that {@link #fargateParts} reads the subnets.
 */
final class LaunchPlacements {
  private LaunchPlacements() {}

  /**
   * The placement rules of an awsvpc launch: only instances in a zone of one of its subnets
   * (ECS places awsvpc tasks only where their subnets are), as one more memberOf constraint.
   */
  static LaunchSpec.PlacementRules withZones(LaunchSpec.PlacementRules rules, AwsVpcRequest network) {
    if (network == null) {
      return rules;
    }
    String expression = "attribute:" + TaskNetworking.ZONE_ATTRIBUTE + " in [" + String.join(", ", network.zones())
        + "]";
    List<Constraint> constraints = new ArrayList<>(rules.constraints());
    try {
      constraints.add(Constraint.parse("memberOf", expression));
    } catch (IllegalArgumentException e) {
      return rules; // a zone name the query language cannot write: the address step still refuses other zones
    }
    return new LaunchSpec.PlacementRules(rules.strategies(), constraints, rules.required());
  }

  /** Instances turned down for being outside the subnets' zones say so, instead of the memberOf reason. */
  static List<Failure> zoneFailures(List<Failure> failures, ClusterSnapshot snapshot, AwsVpcRequest network) {
    if (network == null) {
      return failures;
    }
    List<Failure> out = new ArrayList<>();
    for (Failure f : failures) {
      String zone = snapshot.byArn(f.arn()).map(n -> n.attribute(TaskNetworking.ZONE_ATTRIBUTE)).orElse(null);
      if (Reason.MEMBER_OF.ecsReason().equals(f.reason()) && !network.zones().contains(zone)) {
        out.add(new Failure(f.arn(), LaunchAddresses.ZONE, LaunchAddresses.zoneDetail(network, zone)));
      } else {
        out.add(f);
      }
    }
    return out;
  }

  /** Why {@code node} cannot take one more task of this launch now (the applier's re-check). */
  static Optional<String> refusal(Node node, Demand demand, String group, LaunchSpec.PlacementRules rules) {
    Optional<Reason> reason = Fit.check(node, demand).or(() -> Fit.attributes(node, rules.required()));
    for (Constraint c : rules.constraints()) {
      if (reason.isPresent()) {
        break;
      }
      if (c instanceof Constraint.DistinctInstance && node.tasksOf(group) > 0) {
        reason = Optional.of(Reason.DISTINCT_INSTANCE);
      } else if (c instanceof Constraint.MemberOf m && !m.query().test(node)) {
        reason = Optional.of(Reason.MEMBER_OF);
      }
    }
    return reason.map(Reason::ecsReason);
  }

  /**
   * Failures on managed capacity without the nodes' ARNs (they belong to the operator's account,
   * not the caller's), one per reason, as Fargate reports capacity shortfalls.
   */
  static List<Failure> anonymous(List<Failure> failures) {
    Map<String, Failure> byReason = new LinkedHashMap<>();
    for (Failure f : failures) {
      byReason.putIfAbsent(f.reason(), new Failure(null, f.reason(), f.detail()));
    }
    return new ArrayList<>(byReason.values());
  }

  /**
   * The FARGATE and FARGATE_SPOT parts of a split as launches on managed capacity, each checked as
   * a RunTask with that capacity provider (ECS's FARGATE rules with the call's platform version,
   * network configuration and placement; the address from a subnet of the managed nodes' zones).
   */
  static List<Map.Entry<LaunchSpec, Integer>> fargateParts(TaskNetworking networking, LaunchSpec spec, List<CapacityPlacement.Part> parts) {
    List<Map.Entry<LaunchSpec, Integer>> out = new ArrayList<>();
    LaunchSpec.FargateInputs inputs = spec.fargateInputs() != null ? spec.fargateInputs()
        : new LaunchSpec.FargateInputs(null, null);
    for (CapacityPlacement.Part part : parts) {
      LaunchRules.launchType(LaunchTarget.FARGATE, false, spec.taskDefinition());
      FargateLaunch f = FargateLaunchRules.check(spec.taskDefinition(), part.target().capacityProviderName(),
          inputs.platformVersion(), null, inputs.networkConfiguration(), spec.placementStrategy(),
          spec.placementConstraints());
      AwsVpcRequest vpc = networking.check(spec.scope(), ManagedCapacity.CLUSTER, spec.taskDefinition(),
          inputs.networkConfiguration(), LaunchTarget.FARGATE);
      out.add(Map.entry(spec.withFargate(f, vpc), part.count()));
    }
    return out;
  }
}
