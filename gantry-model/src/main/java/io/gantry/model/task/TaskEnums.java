package io.gantry.model.task;

import java.util.List;

/**
 * The enum value lists of the ECS model used by tasks besides the statuses. Records keep these
 * values as strings so a value added by a newer ECS model never breaks decoding of stored data;
 * requests are checked against these lists when they arrive.
 */
public final class TaskEnums {
  public static final List<String> LAUNCH_TYPE = List.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");
  public static final List<String> CONNECTIVITY = List.of("CONNECTED", "DISCONNECTED");
  public static final List<String> MANAGED_AGENT_NAME = List.of("ExecuteCommandAgent");
  public static final List<String> TASK_FIELD = List.of("TAGS");
  public static final List<String> TRANSPORT_PROTOCOL = List.of("tcp", "udp");

  private TaskEnums() {}
}
