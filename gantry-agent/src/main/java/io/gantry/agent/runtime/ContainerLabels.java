package io.gantry.agent.runtime;

/**
 * The labels Gantry sets on every container it creates. The task-ARN and container-name labels
 * are what an agent adopts containers by after a restart; the {@code com.amazonaws.ecs.*} ones
 * are those the ECS agent sets, so tooling written for ECS hosts keeps working.
 */
public final class ContainerLabels {
  public static final String TASK_ARN = "io.gantry.task-arn";
  public static final String CONTAINER_NAME = "io.gantry.container-name";
  public static final String CLUSTER = "io.gantry.cluster";
  /** The task engine (one per agent state directory) that created the container. */
  public static final String ENGINE_ID = "io.gantry.engine-id";
  public static final String ECS_TASK_ARN = "com.amazonaws.ecs.task-arn";
  public static final String ECS_CONTAINER_NAME = "com.amazonaws.ecs.container-name";
  public static final String ECS_CLUSTER = "com.amazonaws.ecs.cluster";
  public static final String ECS_FAMILY = "com.amazonaws.ecs.task-definition-family";
  public static final String ECS_VERSION = "com.amazonaws.ecs.task-definition-version";

  private ContainerLabels() {}
}
