package io.gantry.model.task;

/**
 * The words ECS puts in a stopped task's {@code stoppedReason}, for the causes Gantry shares with
 * ECS. Errors a container met while starting (e.g. {@code CannotPullContainerError: …}) are the
 * container's own reason and are not listed here.
 */
public final class StoppedReasons {
  /** An essential container stopped (stop code EssentialContainerExited). */
  public static final String ESSENTIAL_CONTAINER_EXITED = "Essential container in task exited";
  /** StopTask without a reason (stop code UserInitiated). */
  public static final String STOPPED_BY_USER = "Task stopped by user";
  /** DeregisterContainerInstance with {@code force} while the task ran on the instance. */
  public static final String INSTANCE_DEREGISTRATION_FORCED = "Container instance deregistration forced by user";
  /** A Spot interruption, both in the termination notice and once stopped. */
  public static final String SPOT_TASK_INTERRUPTED = "Your Spot Task was interrupted.";
  /**
   * Gantry's words for a task whose essential container never ran and reported no reason of its
   * own (stop code TaskFailedToStart). ECS shows the container's error here instead.
   */
  public static final String TASK_FAILED_TO_START = "Task failed to start";

  /** The service scheduler replaced a task whose essential container failed its health check. */
  public static final String FAILED_CONTAINER_HEALTH_CHECKS = "Task failed container health checks";

  private StoppedReasons() {}

  /**
   * Gantry's words for a service task given up on because its instance's agent stayed
   * disconnected past the grace (ECS has no such case: its hosts report termination).
   */
  public static String instanceLost(String containerInstanceId) {
    return "Container instance " + containerInstanceId + " lost: its agent stayed disconnected";
  }

  /** StopTask's reason: the caller's words when given, otherwise {@link #STOPPED_BY_USER}. */
  public static String userStop(String reason) {
    return reason == null || reason.isBlank() ? STOPPED_BY_USER : reason;
  }

  /** A service scaling in or replacing tasks during a deployment (ServiceSchedulerInitiated). */
  public static String scalingActivity(String deploymentId) {
    return "Scaling activity initiated by (deployment " + deploymentId + ")";
  }

  /** A task whose service load balancer health check failed (ServiceSchedulerInitiated). */
  public static String failedElbHealthChecks(String elbName) {
    return "Task failed ELB health checks in (elb " + elbName + ")";
  }

  /** The host under the task was stopped or terminated. */
  public static String hostStopped(String instanceId) {
    return "Host EC2 (instance " + instanceId + ") stopped/terminated";
  }
}
