package io.gantry.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.model.KeyValuePair;
import io.gantry.model.Tag;
import io.gantry.model.taskdef.ContainerDefinition;
import io.gantry.model.taskdef.HealthCheck;
import io.gantry.model.taskdef.TaskDefinition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records copy their lists, and their copy methods change only what they name. */
class TaskRecordsTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static Task pending() {
    return Task.builder()
        .taskArn("arn:aws:ecs:us-east-1:000000000000:task/default/abc")
        .clusterArn("arn:aws:ecs:us-east-1:000000000000:cluster/default")
        .taskDefinitionArn("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1")
        .lastStatus("PENDING")
        .desiredStatus("RUNNING")
        .createdAt(T0)
        .launchType("EC2")
        .containers(List.of(container("web", "PENDING")))
        .version(1L)
        .build();
  }

  private static Container container(String name, String lastStatus) {
    return new Container("arn:aws:ecs:us-east-1:000000000000:container/default/abc/" + name,
        "arn:aws:ecs:us-east-1:000000000000:task/default/abc", name, "busybox", null, null, lastStatus, null, null,
        null, null, "UNKNOWN", null, "0", null, null, null);
  }

  @Test
  void builderRoundTripsEveryMember() {
    Task task = pending().toBuilder().group("family:web").startedBy("me").stopCode("UserInitiated").build();
    assertThat(task.toBuilder().build()).isEqualTo(task);
    assertThat(task.group()).isEqualTo("family:web");
    assertThat(task.startedBy()).isEqualTo("me");
  }

  @Test
  void copyMethodsChangeOnlyTheirMembers() {
    Task task = pending();
    assertThat(task.withLastStatus("RUNNING")).isEqualTo(task.toBuilder().lastStatus("RUNNING").build());
    assertThat(task.withDesiredStatus("STOPPED")).isEqualTo(task.toBuilder().desiredStatus("STOPPED").build());
    assertThat(task.withStop("UserInitiated", "Task stopped by user"))
        .isEqualTo(task.toBuilder().stopCode("UserInitiated").stoppedReason("Task stopped by user").build());
    assertThat(task.withHealthStatus("HEALTHY")).isEqualTo(task.toBuilder().healthStatus("HEALTHY").build());
    assertThat(task.withTags(List.of(new Tag("k", "v")))).isEqualTo(task.toBuilder().tags(List.of(new Tag("k", "v"))).build());
    assertThat(task.withVersion(2L)).isEqualTo(task.toBuilder().version(2L).build());
    assertThat(task.withPullTimes(T0, T0.plusSeconds(1)))
        .isEqualTo(task.toBuilder().pullStartedAt(T0).pullStoppedAt(T0.plusSeconds(1)).build());
    assertThat(task.withStartedAt(T0)).isEqualTo(task.toBuilder().startedAt(T0).build());
    assertThat(task.withStoppingAt(T0)).isEqualTo(task.toBuilder().stoppingAt(T0).build());
    assertThat(task.withExecutionStoppedAt(T0)).isEqualTo(task.toBuilder().executionStoppedAt(T0).build());
    assertThat(task.withStoppedAt(T0)).isEqualTo(task.toBuilder().stoppedAt(T0).build());
    assertThat(task.withConnectivity("CONNECTED", T0))
        .isEqualTo(task.toBuilder().connectivity("CONNECTED").connectivityAt(T0).build());
    List<Container> running = List.of(container("web", "RUNNING"));
    assertThat(task.withContainers(running)).isEqualTo(task.toBuilder().containers(running).build());
  }

  @Test
  void containerCopyMethodsChangeOnlyTheirMembers() {
    Container c = container("web", "RUNNING");
    Container stopped = c.withStatus("STOPPED", 137, "OutOfMemoryError: Container killed due to memory usage");
    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.exitCode()).isEqualTo(137);
    assertThat(stopped.reason()).startsWith("OutOfMemoryError");
    assertThat(stopped.withStatus("RUNNING", null, null)).isEqualTo(c);
    Container created = c.withRuntime("0123abcd", "sha256:00");
    assertThat(created.runtimeId()).isEqualTo("0123abcd");
    assertThat(created.imageDigest()).isEqualTo("sha256:00");
    assertThat(created.withRuntime(null, null)).isEqualTo(c);
    List<NetworkBinding> bindings = List.of(new NetworkBinding("0.0.0.0", 80, 32768, "tcp", null, null));
    assertThat(c.withNetworkBindings(bindings).networkBindings()).isEqualTo(bindings);
    assertThat(c.withNetworkBindings(bindings).withNetworkBindings(null)).isEqualTo(c);
    assertThat(c.withHealthStatus("HEALTHY").withHealthStatus("UNKNOWN")).isEqualTo(c);
  }

  @Test
  void listsAreCopiedAndKeepAbsenceAndNullElements() {
    List<KeyValuePair> env = new ArrayList<>(Arrays.asList(new KeyValuePair("A", "1"), null));
    ContainerOverride override = new ContainerOverride("web", null, env, List.of(), null, null, null, null);
    env.clear();
    assertThat(override.environment()).hasSize(2).containsNull();
    assertThat(override.command()).isNull();
    assertThat(override.environmentFiles()).isEmpty();
    assertThatThrownBy(() -> override.environment().add(null)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void containerFactsComeFromTheDefinitionAndTheReport() {
    ContainerDefinition web = definition("web", null, new HealthCheck(List.of("CMD", "true"), null, null, null, null));
    ContainerDefinition log = definition("log", false, null);
    TaskDefinition def = TaskDefinition.draft("web", null, null, "bridge", List.of(web, log), null, null, null, null,
        null, null, null, null, null, null, null, null);
    Container webReport = container("web", "STOPPED").withStatus("STOPPED", 3, "boom").withHealthStatus("UNHEALTHY");
    Container logReport = container("log", null).withHealthStatus(null);

    assertThat(TaskContainer.of(def, List.of(webReport, logReport))).containsExactly(
        new TaskContainer("web", true, true, ContainerStatus.STOPPED, HealthStatus.UNHEALTHY, 3, "boom"),
        new TaskContainer("log", false, false, ContainerStatus.PENDING, HealthStatus.UNKNOWN, null, null));
    assertThatThrownBy(() -> TaskContainer.of(def, List.of(container("other", "RUNNING"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TaskContainer.of(web, container("web", "ZOMBIE")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void stopCodesAndReasonsUseEcsWords() {
    assertThat(TaskStopCode.parse("EssentialContainerExited")).contains(TaskStopCode.ESSENTIAL_CONTAINER_EXITED);
    assertThat(TaskStopCode.parse("ESSENTIAL_CONTAINER_EXITED")).isEmpty();
    assertThat(TaskStopCode.parse(null)).isEmpty();
    assertThat(StoppedReasons.userStop(null)).isEqualTo("Task stopped by user");
    assertThat(StoppedReasons.userStop(" ")).isEqualTo("Task stopped by user");
    assertThat(StoppedReasons.userStop("rolling back")).isEqualTo("rolling back");
    assertThat(StoppedReasons.scalingActivity("ecs-svc/8646900195280463695"))
        .isEqualTo("Scaling activity initiated by (deployment ecs-svc/8646900195280463695)");
    assertThat(StoppedReasons.hostStopped("i-0abc")).isEqualTo("Host EC2 (instance i-0abc) stopped/terminated");
    assertThat(StoppedReasons.failedElbHealthChecks("web-lb")).isEqualTo("Task failed ELB health checks in (elb web-lb)");
  }

  @Test
  void statusesParseTheirWireNames() {
    assertThat(TaskStatus.parse("DEPROVISIONING")).contains(TaskStatus.DEPROVISIONING);
    assertThat(TaskStatus.parse("deprovisioning")).isEmpty();
    assertThat(ContainerStatus.parse("RUNNING")).contains(ContainerStatus.RUNNING);
    assertThat(HealthStatus.parse("UNHEALTHY")).contains(HealthStatus.UNHEALTHY);
    assertThat(HealthStatus.parse(null)).isEmpty();
    assertThat(TaskStatus.latest(TaskStatus.RUNNING, TaskStatus.PENDING)).isEqualTo(TaskStatus.RUNNING);
  }

  private static ContainerDefinition definition(String name, Boolean essential, HealthCheck healthCheck) {
    return new ContainerDefinition(name, "busybox", null, null, 64, null, null, null, essential, null, null, null,
        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null, null, null, healthCheck, null, null, null, null);
  }
}
