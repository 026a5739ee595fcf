package io.gantry.model.taskdef;

import io.gantry.model.EcsException;
import java.util.List;

/**
 * The enum value lists of the ECS model used by task definitions. Records keep these values as
 * strings so a value added by a newer ECS model never breaks decoding of stored data; requests
 * are checked against these lists when they arrive.
 */
public final class TaskDefinitionEnums {
  public static final List<String> COMPATIBILITY = List.of("EC2", "FARGATE", "EXTERNAL", "MANAGED_INSTANCES");
  public static final List<String> NETWORK_MODE = List.of("bridge", "host", "awsvpc", "none");
  public static final List<String> PID_MODE = List.of("host", "task");
  public static final List<String> IPC_MODE = List.of("host", "task", "none");
  public static final List<String> TRANSPORT_PROTOCOL = List.of("tcp", "udp");
  public static final List<String> APPLICATION_PROTOCOL = List.of("http", "http2", "grpc");
  public static final List<String> CONTAINER_CONDITION = List.of("START", "COMPLETE", "SUCCESS", "HEALTHY");
  public static final List<String> ENVIRONMENT_FILE_TYPE = List.of("s3");
  public static final List<String> FIRELENS_TYPE = List.of("fluentd", "fluentbit");
  public static final List<String> LOG_DRIVER =
      List.of("json-file", "syslog", "journald", "gelf", "fluentd", "awslogs", "splunk", "awsfirelens");
  public static final List<String> RESOURCE_TYPE = List.of("GPU", "InferenceAccelerator");
  public static final List<String> ULIMIT_NAME = List.of("core", "cpu", "data", "fsize", "locks",
      "memlock", "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
  public static final List<String> VERSION_CONSISTENCY = List.of("enabled", "disabled");
  public static final List<String> DEVICE_PERMISSION = List.of("read", "write", "mknod");
  public static final List<String> DOCKER_VOLUME_SCOPE = List.of("task", "shared");
  public static final List<String> ENABLED_DISABLED = List.of("ENABLED", "DISABLED");
  public static final List<String> PLACEMENT_CONSTRAINT_TYPE = List.of("memberOf");
  public static final List<String> PROXY_TYPE = List.of("APPMESH");
  public static final List<String> CPU_ARCHITECTURE = List.of("X86_64", "ARM64");
  public static final List<String> OS_FAMILY = List.of("WINDOWS_SERVER_2019_FULL",
      "WINDOWS_SERVER_2019_CORE", "WINDOWS_SERVER_2016_FULL", "WINDOWS_SERVER_2004_CORE",
      "WINDOWS_SERVER_2022_CORE", "WINDOWS_SERVER_2022_FULL", "WINDOWS_SERVER_2025_CORE",
      "WINDOWS_SERVER_2025_FULL", "WINDOWS_SERVER_20H2_CORE", "LINUX");
  public static final List<String> STATUS = List.of(TaskDefinition.ACTIVE, TaskDefinition.INACTIVE,
      TaskDefinition.DELETE_IN_PROGRESS);
  public static final List<String> FAMILY_STATUS = List.of("ACTIVE", "INACTIVE", "ALL");
  public static final List<String> SORT_ORDER = List.of("ASC", "DESC");
  public static final List<String> TASK_DEFINITION_FIELD = List.of("TAGS");

  private TaskDefinitionEnums() {}

  /**
   * Throws InvalidParameterException unless {@code value} is absent or one of {@code allowed};
   * {@code member} names the member in the message, e.g. {@code networkMode}.
   */
  public static void checkValue(String value, List<String> allowed, String member) {
    if (value != null && !allowed.contains(value)) {
      throw EcsException.invalidParameter("Invalid value '" + value + "' for " + member
          + ". Valid values are: " + String.join(", ", allowed) + ".");
    }
  }
}
