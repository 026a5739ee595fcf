package io.gantry.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.service.Deployment;
import io.gantry.api.ecs.service.Service;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.TaskStatus;
import io.gantry.server.tasks.ServiceTasks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Examples of the pure DAEMON decision: one task per eligible instance, drains last, in-place rollout within the minimum. */
class DaemonReconcilerTest {
  static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");

  static StoredService daemon(int minPercent, String... deploymentIds) {
    List<Deployment> ds = new ArrayList<>();
    for (String id : deploymentIds) {
      ds.add(Deployments.start(id, "td:" + id, 0, "EC2", NOW));
    }
    Service s = Service.builder().serviceName("d").status(Service.ACTIVE).schedulingStrategy("DAEMON").desiredCount(0)
        .deploymentConfiguration(ServiceRules.configuration(
            new io.gantry.api.ecs.service.DeploymentConfiguration(null, null, null, null, null, null, null, minPercent,
                null), ServiceRules.daemonDefaults()))
        .taskDefinition("td:" + deploymentIds[0]).deployments(ds).build();
    return new StoredService(s, null, null, 1, null, null, List.of());
  }

  static TaskView running(String id, String deployment, String instance) {
    return new TaskView(id, deployment, TaskStatus.RUNNING, true, HealthStatus.UNKNOWN, NOW, NOW, null, false,
        instance, TaskView.Host.OK);
  }

  static ServiceReconciler.Decision pass(StoredService s, List<TaskView> tasks, Set<String> eligible,
      Set<String> busyDraining) {
    return ServiceReconciler.reconcile(new ServiceReconciler.Inputs(s, tasks, Set.of(), NOW, "ecs-svc/9",
        ServiceReconciler.Limits.DEFAULT, new ServiceTasks.DaemonHosts(eligible, busyDraining), null));
  }

  @Test
  void launchesOnEveryEligibleInstanceWithoutATaskAndSetsTheDesiredCount() {
    ServiceReconciler.Decision d = pass(daemon(0, "a"), List.of(running("t1", "a", "i1")), Set.of("i1", "i2", "i3"),
        Set.of());
    assertThat(d.actions()).contains(new ServiceAction.LaunchOn("a", "td:a", List.of("i2", "i3")),
        new ServiceAction.DesiredCount(3));
    assertThat(d.actions()).noneMatch(a -> a instanceof ServiceAction.Stop);
  }

  @Test
  void aTaskOnADrainingInstanceStopsOnlyAfterTheOtherServicesTasksThere() {
    List<TaskView> tasks = List.of(running("t1", "a", "i1"), running("t2", "a", "i2"));
    ServiceReconciler.Decision waiting = pass(daemon(0, "a"), tasks, Set.of("i1"), Set.of("i2"));
    assertThat(waiting.actions()).noneMatch(a -> a instanceof ServiceAction.Stop);
    ServiceReconciler.Decision after = pass(daemon(0, "a"), tasks, Set.of("i1"), Set.of());
    assertThat(after.actions()).anyMatch(a -> a instanceof ServiceAction.Stop s && s.taskIds().equals(List.of("t2")));
  }

  @Test
  void aNewDeploymentReplacesTasksInPlaceWithinTheMinimumHealthyPercent() {
    StoredService s = daemon(50, "b", "a");
    List<TaskView> tasks = List.of(running("t1", "a", "i1"), running("t2", "a", "i2"), running("t3", "a", "i3"),
        running("t4", "a", "i4"));
    ServiceReconciler.Decision d = pass(s, tasks, Set.of("i1", "i2", "i3", "i4"), Set.of());
    assertThat(d.actions()).noneMatch(a -> a instanceof ServiceAction.LaunchOn);
    assertThat(d.actions()).filteredOn(a -> a instanceof ServiceAction.Stop).singleElement()
        .satisfies(a -> assertThat(((ServiceAction.Stop) a).taskIds()).hasSize(2));
    List<TaskView> next = new ArrayList<>(tasks.subList(2, 4));
    ServiceReconciler.Decision d2 = pass(s, next, Set.of("i1", "i2", "i3", "i4"), Set.of());
    assertThat(d2.actions()).contains(new ServiceAction.LaunchOn("b", "td:b", List.of("i1", "i2")));
    assertThat(d2.actions()).noneMatch(a -> a instanceof ServiceAction.Stop);
  }
}
