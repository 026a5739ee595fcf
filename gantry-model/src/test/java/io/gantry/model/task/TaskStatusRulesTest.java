package io.gantry.model.task;

import static io.gantry.model.task.ContainerStatus.PENDING;
import static io.gantry.model.task.ContainerStatus.RUNNING;
import static io.gantry.model.task.ContainerStatus.STOPPED;
import static io.gantry.model.task.Containers.essential;
import static io.gantry.model.task.Containers.essentialExited;
import static io.gantry.model.task.Containers.essentialNeverRan;
import static io.gantry.model.task.Containers.sidecar;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The task's known status, desired status and stop derived from its containers, as a table. */
class TaskStatusRulesTest {
  private static final String EXITED = StoppedReasons.ESSENTIAL_CONTAINER_EXITED;
  private static final TaskStopCode ESSENTIAL = TaskStopCode.ESSENTIAL_CONTAINER_EXITED;
  private static final TaskStopCode FAILED = TaskStopCode.TASK_FAILED_TO_START;
  private static final DesiredStatus WANT_RUN = DesiredStatus.RUNNING;
  private static final DesiredStatus WANT_STOP = DesiredStatus.STOPPED;

  static Stream<Arguments> table() {
    return Stream.of(
        // current, desired, containers -> lastStatus, desiredStatus, stopCode, stoppedReason
        row("starting", TaskStatus.PENDING, WANT_RUN, List.of(essential(PENDING)),
            TaskStatus.PENDING, WANT_RUN, null, null),
        row("one container still starting", TaskStatus.PENDING, WANT_RUN, List.of(essential(RUNNING), sidecar(PENDING)),
            TaskStatus.PENDING, WANT_RUN, null, null),
        row("all running", TaskStatus.PENDING, WANT_RUN, List.of(essential(RUNNING), sidecar(RUNNING)),
            TaskStatus.RUNNING, WANT_RUN, null, null),
        row("non-essential init container done", TaskStatus.PENDING, WANT_RUN, List.of(sidecar(STOPPED), essential(RUNNING)),
            TaskStatus.RUNNING, WANT_RUN, null, null),
        row("non-essential exits while running", TaskStatus.RUNNING, WANT_RUN, List.of(essential(RUNNING), sidecar(STOPPED)),
            TaskStatus.RUNNING, WANT_RUN, null, null),
        row("control-plane step kept", TaskStatus.ACTIVATING, WANT_RUN, List.of(essential(PENDING)),
            TaskStatus.ACTIVATING, WANT_RUN, null, null),
        row("activating holds running back", TaskStatus.ACTIVATING, WANT_RUN, List.of(essential(RUNNING)),
            TaskStatus.ACTIVATING, WANT_RUN, null, null),
        row("activating ends when the essential exits", TaskStatus.ACTIVATING, WANT_RUN, List.of(essentialExited(1)),
            TaskStatus.STOPPED, WANT_STOP, ESSENTIAL, EXITED),
        row("provisioning holds pending back", TaskStatus.PROVISIONING, WANT_RUN, List.of(essential(PENDING)),
            TaskStatus.PROVISIONING, WANT_RUN, null, null),
        row("provisioning passed by running containers", TaskStatus.PROVISIONING, WANT_RUN, List.of(essential(RUNNING)),
            TaskStatus.RUNNING, WANT_RUN, null, null),
        row("essential exits, sidecar still up", TaskStatus.RUNNING, WANT_RUN, List.of(essentialExited(1), sidecar(RUNNING)),
            TaskStatus.STOPPING, WANT_STOP, ESSENTIAL, EXITED),
        row("essential exits alone", TaskStatus.RUNNING, WANT_RUN, List.of(essentialExited(0)),
            TaskStatus.STOPPED, WANT_STOP, ESSENTIAL, EXITED),
        row("essential exits before the task ran", TaskStatus.PENDING, WANT_RUN, List.of(essentialExited(0)),
            TaskStatus.STOPPED, WANT_STOP, ESSENTIAL, EXITED),
        row("essential exits while another is pending", TaskStatus.PENDING, WANT_RUN, List.of(essentialExited(2), sidecar(PENDING)),
            TaskStatus.STOPPING, WANT_STOP, ESSENTIAL, EXITED),
        row("image pull fails", TaskStatus.PENDING, WANT_RUN,
            List.of(essentialNeverRan("CannotPullContainerError: pull access denied for nope")),
            TaskStatus.STOPPED, WANT_STOP, FAILED, "CannotPullContainerError: pull access denied for nope"),
        row("fails to start without a reason", TaskStatus.PROVISIONING, WANT_RUN, List.of(essentialNeverRan(null), sidecar(PENDING)),
            TaskStatus.STOPPING, WANT_STOP, FAILED, StoppedReasons.TASK_FAILED_TO_START),
        row("stopped without exit code after running", TaskStatus.RUNNING, WANT_RUN, List.of(essentialNeverRan("killed")),
            TaskStatus.STOPPED, WANT_STOP, ESSENTIAL, EXITED),
        row("stop asked, containers still running", TaskStatus.RUNNING, WANT_STOP, List.of(essential(RUNNING), sidecar(RUNNING)),
            TaskStatus.STOPPING, WANT_STOP, null, null),
        row("stop asked, essential gone, sidecar up", TaskStatus.STOPPING, WANT_STOP, List.of(essentialExited(143), sidecar(RUNNING)),
            TaskStatus.STOPPING, WANT_STOP, null, null),
        row("stop asked, all stopped", TaskStatus.STOPPING, WANT_STOP, List.of(essentialExited(143), sidecar(STOPPED)),
            TaskStatus.STOPPED, WANT_STOP, null, null),
        row("stop asked while pending", TaskStatus.PENDING, WANT_STOP, List.of(essential(PENDING)),
            TaskStatus.STOPPING, WANT_STOP, null, null),
        row("deactivating holds stopping back", TaskStatus.DEACTIVATING, WANT_STOP, List.of(essential(RUNNING)),
            TaskStatus.DEACTIVATING, WANT_STOP, null, null),
        row("deactivating passed once all stopped", TaskStatus.DEACTIVATING, WANT_STOP, List.of(essentialExited(0)),
            TaskStatus.STOPPED, WANT_STOP, null, null),
        row("deprovisioning holds stopped back", TaskStatus.DEPROVISIONING, WANT_STOP, List.of(essentialExited(0)),
            TaskStatus.DEPROVISIONING, WANT_STOP, null, null),
        row("stale running report after stop", TaskStatus.STOPPED, WANT_STOP, List.of(essential(RUNNING)),
            TaskStatus.STOPPED, WANT_STOP, null, null),
        row("inconsistent wanted running while stopping", TaskStatus.STOPPING, WANT_RUN, List.of(essentialExited(1), sidecar(RUNNING)),
            TaskStatus.STOPPING, WANT_STOP, null, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void derivesFromContainers(String name, TaskStatus current, DesiredStatus desired, List<TaskContainer> containers,
      TaskStatus lastStatus, DesiredStatus desiredStatus, TaskStopCode stopCode, String stoppedReason) {
    assertThat(TaskStatusRules.nextTaskStatus(current, desired, containers))
        .isEqualTo(new TaskStatusUpdate(lastStatus, desiredStatus, stopCode, stoppedReason));
  }

  @Test
  void everyControlPlaneStepHoldsTheStatusRightAfterIt() {
    assertThat(TaskStatusRules.HELD_BY_STEP).hasSize(4).allSatisfy((step, held) -> assertThat(step.ordinal() + 1)
        .isEqualTo(held.ordinal()));
  }

  @Test
  void aTaskHasContainers() {
    assertThatThrownBy(() -> TaskStatusRules.nextTaskStatus(TaskStatus.PENDING, WANT_RUN, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Arguments row(String name, TaskStatus current, DesiredStatus desired, List<TaskContainer> containers,
      TaskStatus lastStatus, DesiredStatus desiredStatus, TaskStopCode stopCode, String stoppedReason) {
    return Arguments.of(name, current, desired, containers, lastStatus, desiredStatus, stopCode, stoppedReason);
  }
}
