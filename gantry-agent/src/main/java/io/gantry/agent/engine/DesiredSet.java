package io.gantry.agent.engine;

import io.gantry.agent.runtime.ContainerState;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.task.DesiredStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a desired-tasks message means for the engine's tasks, as a plan: a task it does not know
 * is recorded (wanted STOPPED if it was cleaned up here already, so it never runs twice) and
 * adopts any containers of it found at start-up; a task wanted STOPPED is stopped; with
 * {@code full}, every task missing from the set is stopped and the containers of unknown tasks
 * that it does not list are to be removed. Sequence numbers are the caller's business. Pure.
 */
final class DesiredSet {
  private DesiredSet() {}

  /**
   * The plan: {@code records} to persist before anything else (new or changed tasks), then one
   * step per task to process, and the unknown tasks' containers to remove.
   */
  record Plan(List<TaskRecord> records, Map<String, TaskReconciler.Step> steps, List<ContainerState> orphansToRemove) {
    Plan {
      records = List.copyOf(records);
      steps = Map.copyOf(steps);
      orphansToRemove = List.copyOf(orphansToRemove);
    }
  }

  static Plan plan(
      AgentMessage.DesiredTasks desired,
      Map<String, TaskRecord> tasks,
      Map<String, List<ContainerState>> orphans,
      Set<String> forgotten,
      Instant now) {
    Map<String, TaskRecord> records = new LinkedHashMap<>();
    Map<String, TaskReconciler.Step> steps = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    for (TaskAssignment a : desired.tasks()) {
      String arn = a.task().taskArn();
      seen.add(arn);
      DesiredStatus want = DesiredStatus.parse(a.task().desiredStatus()).orElse(DesiredStatus.RUNNING);
      TaskRecord known = records.containsKey(arn) ? records.get(arn) : tasks.get(arn);
      if (known == null) {
        TaskRecord fresh = TaskRecord.assigned(a, forgotten.contains(arn) ? DesiredStatus.STOPPED : want);
        records.put(arn, fresh);
        List<ContainerState> found = orphans.get(arn);
        steps.put(arn, found == null ? TaskReconciler.Step.of(fresh) : Adoption.adopt(fresh, found, now));
      } else if (want == DesiredStatus.STOPPED && known.desired() == DesiredStatus.RUNNING) {
        TaskRecord stopping = known.withAssignment(a).stopWanted(null, null);
        records.put(arn, stopping);
        steps.put(arn, TaskReconciler.Step.of(stopping));
      }
    }
    List<ContainerState> orphansToRemove = new ArrayList<>();
    if (desired.full()) {
      for (TaskRecord t : tasks.values()) {
        if (!seen.contains(t.taskArn()) && t.desired() == DesiredStatus.RUNNING) {
          TaskRecord stray = t.stopWanted(null, null);
          records.put(stray.taskArn(), stray);
          steps.put(stray.taskArn(), TaskReconciler.Step.of(stray));
        }
      }
      orphans.forEach((arn, states) -> {
        if (!seen.contains(arn)) {
          orphansToRemove.addAll(states);
        }
      });
    }
    return new Plan(new ArrayList<>(records.values()), steps, orphansToRemove);
  }
}
