package io.gantry.agent.engine;

import io.gantry.model.task.HealthStatus;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.ContainerDependency;
import io.gantry.model.taskdef.VolumeFrom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a container may start now, given the containers it depends on, the way the ECS agent
 * resolves container ordering ({@code agent/engine/dependencygraph}):
 *
 * <ul>
 *   <li>START: the dependency has started; COMPLETE: it has exited; SUCCESS: it has exited with
 *       0; HEALTHY: its health check passes (checked at start-up only).
 *   <li>{@code links} and {@code volumesFrom} wait as START does.
 *   <li>A condition that can no longer be met fails the container: SUCCESS after a non-zero exit,
 *       any condition on a dependency that stopped without ever running, HEALTHY on one that
 *       stopped.
 *   <li>The dependency's own {@code startTimeout} bounds COMPLETE, SUCCESS and HEALTHY, counted
 *       from when it started; past it, the waiting container fails to start.
 * </ul>
 *
 * <p>Pure and stateless.
 */
final class DependencyRules {
  static final String START = "START";
  static final String COMPLETE = "COMPLETE";
  static final String SUCCESS = "SUCCESS";
  static final String HEALTHY = "HEALTHY";
  private static final String ERROR = "CannotStartContainerError: ";

  private DependencyRules() {}

  /** Ready to start, waiting, or never able to start (with the reason the container shows). */
  sealed interface Verdict {
    record Ready() implements Verdict {}

    record Wait() implements Verdict {}

    record Fail(String reason) implements Verdict {}
  }

  static Verdict verdict(TaskRecord task, String name, Instant now) {
    ContainerDefinition def = task.definition(name);
    boolean waiting = false;
    for (ContainerDependency dep : dependencies(def)) {
      if (!task.hasContainer(dep.containerName())) {
        return new Verdict.Fail(ERROR + "container " + name + " depends on " + dep.containerName()
            + ", which is not a container of the task");
      }
      ContainerRecord target = task.container(dep.containerName());
      ContainerDefinition targetDef = task.definition(dep.containerName());
      Verdict v = condition(name, dep.condition(), target, targetDef, now);
      if (v instanceof Verdict.Fail) {
        return v;
      }
      waiting |= v instanceof Verdict.Wait;
    }
    return waiting ? new Verdict.Wait() : new Verdict.Ready();
  }

  /** {@code dependsOn}, then links and volumesFrom as START conditions. */
  static List<ContainerDependency> dependencies(ContainerDefinition def) {
    List<ContainerDependency> deps = new ArrayList<>(TaskRecord.listOrEmpty(def.dependsOn()));
    for (String link : TaskRecord.listOrEmpty(def.links())) {
      int colon = link.indexOf(':');
      deps.add(new ContainerDependency(colon < 0 ? link : link.substring(0, colon), START));
    }
    for (VolumeFrom vf : TaskRecord.listOrEmpty(def.volumesFrom())) {
      deps.add(new ContainerDependency(vf.sourceContainer(), START));
    }
    return deps;
  }

  private static Verdict condition(
      String name, String condition, ContainerRecord target, ContainerDefinition targetDef, Instant now) {
    String cond = condition == null ? START : condition;
    if (target.stopped() && target.exitCode() == null) {
      return fail(name, target, cond, "it stopped without running");
    }
    switch (cond) {
      case START -> {
        return target.started() ? new Verdict.Ready() : new Verdict.Wait();
      }
      case COMPLETE -> {
        if (target.stopped()) {
          return new Verdict.Ready();
        }
      }
      case SUCCESS -> {
        if (target.stopped()) {
          return target.exitCode() == 0 ? new Verdict.Ready()
              : fail(name, target, cond, "it exited with code " + target.exitCode());
        }
      }
      case HEALTHY -> {
        if (target.phase() == ContainerRecord.Phase.RUNNING && target.health() == HealthStatus.HEALTHY) {
          return new Verdict.Ready();
        }
        if (target.stopped()) {
          return fail(name, target, cond, "it stopped before it was healthy");
        }
      }
      default -> {
        return fail(name, target, cond, "the condition is unknown");
      }
    }
    if (timedOut(target, targetDef, now)) {
      return fail(name, target, cond, "it did not get there within its startTimeout of "
          + targetDef.startTimeout() + " seconds");
    }
    return new Verdict.Wait();
  }

  private static boolean timedOut(ContainerRecord target, ContainerDefinition targetDef, Instant now) {
    Integer timeout = targetDef.startTimeout();
    return timeout != null && timeout > 0 && target.startedAt() != null
        && now.isAfter(target.startedAt().plus(Duration.ofSeconds(timeout)));
  }

  private static Verdict fail(String name, ContainerRecord target, String cond, String why) {
    return new Verdict.Fail(ERROR + "container " + name + " depends on " + target.name() + " ("
        + cond + "), but " + why);
  }
}
