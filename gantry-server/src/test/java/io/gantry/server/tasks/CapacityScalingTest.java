package io.gantry.server.tasks;

import static io.gantry.server.tasks.RunTaskTest.expect;
import static io.gantry.server.tasks.TaskFixture.PREFIX;
import static io.gantry.server.tasks.TaskFixture.read;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.capacity.CreateCapacityProviderRequest;
import io.gantry.api.ecs.cluster.PutClusterCapacityProvidersRequest;
import io.gantry.api.ecs.service.CreateServiceRequest;
import io.gantry.api.ecs.service.ServiceResponse;
import io.gantry.api.ecs.tags.ListTagsForResourceRequest;
import io.gantry.api.ecs.tags.ListTagsForResourceResponse;
import io.gantry.api.ecs.tags.TagResourceRequest;
import io.gantry.model.ErrorCode;
import io.gantry.model.Tag;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.capacity.CapacityHook;
import io.gantry.server.capacity.ScalingController;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Managed scaling on a real store and ledger: the controller's pass runs a real hook script
 * with the decision in its environment (scale-in offering only idle instances under termination
 * protection; scale-out from nothing for a service's unplaced tasks). Also services and tags
 * as they meet capacity providers.
 */
class CapacityScalingTest {
  @TempDir
  Path dir;
  TaskFixture ecs;
  Path out;
  ScalingController controller;

  @BeforeEach
  void setUp() throws Exception {
    ecs = new TaskFixture(dir.resolve("store"));
    out = dir.resolve("hook.out");
    Path script = dir.resolve("hook.sh");
    Files.writeString(script, "#!/bin/sh\necho \"$GANTRY_ACTION|$GANTRY_CAPACITY_PROVIDER|$GANTRY_CLUSTER|"
        + "$GANTRY_DESIRED_INSTANCES|$GANTRY_SCALE_IN_CANDIDATES\" >> '" + out + "'\n");
    script.toFile().setExecutable(true);
    controller = new ScalingController(ecs.store, ecs.placement, new CapacityHook(script.toString(),
        Duration.ofSeconds(10)), Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC),
        Duration.ofSeconds(30));
  }

  @AfterEach
  void tearDown() {
    controller.close();
    ecs.close();
  }

  private void provider(String name, String scaling) {
    ecs.call("CreateCapacityProvider", read("{name: '" + name + "', autoScalingGroupProvider: {autoScalingGroupArn: '"
        + name + "-asg', " + scaling + "}}", CreateCapacityProviderRequest.class));
  }

  private List<String> hookCalls() throws Exception {
    return Files.exists(out) ? Files.readAllLines(out) : List.of();
  }

  @Test
  void scaleInOffersOnlyIdleInstancesAndTheCooldownHoldsTheNextCall() throws Exception {
    provider("pool", "managedScaling: {status: 'ENABLED', targetCapacity: 100, instanceWarmupPeriod: 0}, "
        + "managedTerminationProtection: 'ENABLED'");
    ecs.createCluster("c");
    ecs.call("PutClusterCapacityProviders", new PutClusterCapacityProvidersRequest("c", List.of("pool"), List.of()));
    ContainerInstance a = ecs.registerInstance("c", 1024, 1024, "pool");
    ContainerInstance b = ecs.registerInstance("c", 1024, 1024, "pool");
    ContainerInstance c = ecs.registerInstance("c", 1024, 1024, "pool");
    ecs.simpleDefinition("big", 1024, 512);
    String busy = ecs.run("{cluster: 'c', taskDefinition: 'big', capacityProviderStrategy: [{capacityProvider: 'pool', "
        + "weight: 1}]}").tasks().get(0).containerInstanceArn();

    controller.pass();

    List<String> idle = java.util.stream.Stream.of(a, b, c).map(ContainerInstance::containerInstanceArn)
        .filter(arn -> !arn.equals(busy)).toList();
    assertThat(hookCalls()).containsExactly("scale-in|pool|c|1|" + String.join(" ", idle));
    assertThat(controller.metrics()).containsEntry("123456789012/us-east-1/c/pool", 34);
    controller.pass(); // within the cooldown: no second call
    assertThat(hookCalls()).hasSize(1);
  }

  @Test
  void aServiceWithNowhereToRunScalesOutFromNothing() throws Exception {
    provider("empty", "managedScaling: {status: 'ENABLED', targetCapacity: 100, maximumScalingStepSize: 2}");
    provider("manual", "managedScaling: {status: 'DISABLED'}");
    ecs.createCluster("c");
    ecs.call("PutClusterCapacityProviders", new PutClusterCapacityProvidersRequest("c", List.of("empty", "manual"),
        List.of()));
    ecs.simpleDefinition("web", 128, 128);
    ServiceResponse created = ecs.call("CreateService", read("{cluster: 'c', serviceName: 'web', taskDefinition: 'web', "
        + "desiredCount: 3, capacityProviderStrategy: [{capacityProvider: 'empty', weight: 1}, "
        + "{capacityProvider: 'manual', weight: 0, base: 1}]}", CreateServiceRequest.class));
    assertThat(created.service().launchType()).isNull();
    assertThat(created.service().deployments().get(0).capacityProviderStrategy()).hasSize(2);

    controller.pass();

    // 2 of the 3 tasks are empty's (manual takes its base); 2 wanted, at most 2 per step.
    assertThat(hookCalls()).containsExactly("scale-out|empty|c|2|");
    expect(ErrorCode.RESOURCE_IN_USE, "The specified capacity provider is in use and cannot be removed.",
        () -> ecs.call("PutClusterCapacityProviders", new PutClusterCapacityProvidersRequest("c", List.of("empty"),
            List.of())));
  }

  @Test
  void capacityProvidersCanBeTagged() {
    provider("pool", "managedScaling: {status: 'DISABLED'}");
    String arn = PREFIX + "capacity-provider/pool";
    ecs.call("TagResource", new TagResourceRequest(arn, List.of(new Tag("env", "lab"))));
    ListTagsForResourceResponse tags = ecs.call("ListTagsForResource", new ListTagsForResourceRequest(arn));
    assertThat(tags.tags()).containsExactly(new Tag("env", "lab"));
    expect(ErrorCode.RESOURCE_NOT_FOUND, "The specified resource could not be found: " + PREFIX
        + "capacity-provider/nope.", () -> ecs.call("TagResource", new TagResourceRequest(
            PREFIX + "capacity-provider/nope", List.of(new Tag("a", "b")))));
  }

  @SuppressWarnings("unused")
  private static CapacityProviderStrategyItem item(String name, int weight) {
    return new CapacityProviderStrategyItem(name, weight, 0);
  }
}
