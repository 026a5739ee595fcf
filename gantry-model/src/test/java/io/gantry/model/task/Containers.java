package io.gantry.model.task;

/** Fixtures: the facts about one container of a task, named by what matters to the rules. */
final class Containers {
  private Containers() {}

  static TaskContainer essential(ContainerStatus status) {
    return new TaskContainer("app", true, false, status, HealthStatus.UNKNOWN, exit(status, 0), null);
  }

  static TaskContainer sidecar(ContainerStatus status) {
    return new TaskContainer("sidecar", false, false, status, HealthStatus.UNKNOWN, exit(status, 0), null);
  }

  /** An essential container that stopped with {@code exitCode}. */
  static TaskContainer essentialExited(int exitCode) {
    return new TaskContainer("app", true, false, ContainerStatus.STOPPED, HealthStatus.UNKNOWN, exitCode, null);
  }

  /** An essential container that stopped without ever running, with the runtime's reason. */
  static TaskContainer essentialNeverRan(String reason) {
    return new TaskContainer("app", true, false, ContainerStatus.STOPPED, HealthStatus.UNKNOWN, null, reason);
  }

  private static Integer exit(ContainerStatus status, int code) {
    return status == ContainerStatus.STOPPED ? code : null;
  }
}
