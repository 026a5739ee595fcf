package io.gantry.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Properties of the lifecycle: whatever is reported, and in whatever order, status only advances. */
class TaskLifecyclePropertiesTest {

  @Property
  void acceptedTaskTransitionsAreMonotonic(@ForAll TaskStatus start, @ForAll @Size(max = 40) List<TaskStatus> reports) {
    List<TaskStatus> seen = new ArrayList<>(List.of(start));
    TaskStatus current = start;
    for (TaskStatus report : reports) {
      if (current.canMoveTo(report)) {
        current = report;
        seen.add(current);
      }
    }
    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)).isGreaterThan(seen.get(i - 1));
      assertThat(seen.get(i - 1)).isNotEqualTo(TaskStatus.STOPPED);
    }
  }

  @Property
  void acceptedContainerTransitionsAreMonotonic(@ForAll ContainerStatus start,
      @ForAll @Size(max = 20) List<ContainerStatus> reports) {
    ContainerStatus current = start;
    for (ContainerStatus report : reports) {
      if (current.canMoveTo(report)) {
        assertThat(report).isGreaterThan(current);
        current = report;
      }
    }
  }

  @Property
  void desiredStatusNeverReturnsToRunning(@ForAll @Size(max = 20) List<DesiredStatus> requests) {
    DesiredStatus current = DesiredStatus.RUNNING;
    boolean stopped = false;
    for (DesiredStatus request : requests) {
      if (current.canMoveTo(request)) {
        current = request;
      }
      stopped |= current == DesiredStatus.STOPPED;
      assertThat(stopped && current == DesiredStatus.RUNNING).isFalse();
    }
  }

  @Property
  void derivedStatusNeverGoesBackNorRestartsATask(@ForAll TaskStatus start, @ForAll DesiredStatus desired,
      @ForAll("containerReports") List<List<TaskContainer>> reports) {
    TaskStatus current = start;
    DesiredStatus wanted = desired.given(start);
    TaskStopCode stopCode = null;
    for (List<TaskContainer> containers : reports) {
      TaskStatusUpdate update = TaskStatusRules.nextTaskStatus(current, wanted, containers);
      assertThat(update.lastStatus()).isGreaterThanOrEqualTo(current);
      assertThat(wanted == DesiredStatus.STOPPED && update.desiredStatus() == DesiredStatus.RUNNING).isFalse();
      assertThat(update.lastStatus().before(TaskStatus.DEACTIVATING) || update.desiredStatus() == DesiredStatus.STOPPED)
          .as("a stopping task is wanted stopped").isTrue();
      if (update.stopCode() != null) {
        assertThat(stopCode).as("the stop is recorded once").isNull();
        assertThat(wanted).isEqualTo(DesiredStatus.RUNNING);
        assertThat(update.stoppedReason()).isNotBlank();
        stopCode = update.stopCode();
      }
      current = update.lastStatus();
      wanted = update.desiredStatus();
    }
  }

  @Property
  void healthIsUnhealthyExactlyWhenAnEssentialCheckedContainerIs(@ForAll("containers") List<TaskContainer> containers) {
    boolean anyFailing = containers.stream()
        .anyMatch(c -> c.essential() && c.healthChecked() && c.health() == HealthStatus.UNHEALTHY);
    assertThat(TaskHealthRules.taskHealth(containers) == HealthStatus.UNHEALTHY).isEqualTo(anyFailing);
  }

  @Provide
  Arbitrary<List<List<TaskContainer>>> containerReports() {
    return containers().list().ofMaxSize(12);
  }

  @Provide
  Arbitrary<List<TaskContainer>> containers() {
    return container().list().ofMinSize(1).ofMaxSize(4);
  }

  private Arbitrary<TaskContainer> container() {
    return Combinators.combine(
            Arbitraries.of(true, false),
            Arbitraries.of(true, false),
            Arbitraries.of(ContainerStatus.class),
            Arbitraries.of(HealthStatus.class),
            Arbitraries.integers().between(0, 255).injectNull(0.3))
        .as((essential, checked, status, health, exit) ->
            new TaskContainer("c", essential, checked, status, health, status == ContainerStatus.STOPPED ? exit : null,
                "reason"));
  }
}
