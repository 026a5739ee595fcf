package io.gantry.server.tasks;

import static io.gantry.server.tasks.RunTaskTest.expect;
import static io.gantry.server.tasks.TaskFixture.NOW;
import static io.gantry.server.tasks.TaskFixture.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.ErrorCode;
import io.gantry.model.Failure;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StopDescribeListTest {
  @TempDir Path dir;
  private TaskFixture ecs;
  private ContainerInstance a;
  private ContainerInstance b;

  @BeforeEach
  void setUp() {
    ecs = new TaskFixture(dir);
    ecs.createCluster("web");
    a = ecs.registerInstance("web", 1024, 2048);
    b = ecs.registerInstance("web", 1024, 2048);
    ecs.simpleDefinition("api", 512, 512);
    ecs.simpleDefinition("worker", 128, 128);
  }

  @AfterEach
  void tearDown() {
    ecs.close();
  }

  @Test
  void describeFindsTasksByArnOrIdAndReportsTheRestMissing() {
    Task task = ecs.run("{cluster: 'web', taskDefinition: 'api'}").tasks().get(0);
    String id = TaskRefs.idOf(task.taskArn());

    TasksResponse r = ecs.describe(PREFIX + "cluster/web", List.of(task.taskArn(), id, "0123456789abcdef0123456789abcdef",
        PREFIX + "task/other/" + id), null);

    assertThat(r.tasks()).extracting(Task::taskArn).containsExactly(task.taskArn(), task.taskArn());
    assertThat(r.tasks().get(0).tags()).isEmpty();
    assertThat(r.failures()).containsExactly(
        Failure.missing(PREFIX + "task/web/0123456789abcdef0123456789abcdef"),
        Failure.missing(PREFIX + "task/other/" + id));
  }

  @Test
  void describeChecksItsInput() {
    expect(ErrorCode.INVALID_PARAMETER, "Tasks cannot be empty.", () -> ecs.describe("web", List.of(), null));
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add("t" + i);
    }
    expect(ErrorCode.INVALID_PARAMETER, "Tasks can have at most 100 items.", () -> ecs.describe("web", many, null));
    expect(ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.", () -> ecs.describe("nope", List.of("x"), null));
  }

  @Test
  void stopAsksTheAgentToStopAndKeepsTheReservationUntilItReports() {
    Task task = ecs.run("{cluster: 'web', taskDefinition: 'api'}").tasks().get(0);

    Task stopped = ecs.stop("web", task.taskArn(), "no longer needed");

    assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
    assertThat(stopped.lastStatus()).isEqualTo("PENDING");
    assertThat(stopped.stopCode()).isEqualTo("UserInitiated");
    assertThat(stopped.stoppedReason()).isEqualTo("no longer needed");
    assertThat(stopped.stoppingAt()).isEqualTo(NOW);
    assertThat(stopped.version()).isEqualTo(2L);
    assertThat(ecs.describeOne("web", task.taskArn())).isEqualTo(stopped);
    assertThat(TaskFixture.amount(ecs.instance("web", a.id()), "CPU")).isEqualTo(1024 - 512);
  }

  @Test
  void stoppingTwiceKeepsTheFirstStop() {
    Task task = ecs.run("{cluster: 'web', taskDefinition: 'api'}").tasks().get(0);
    Task first = ecs.stop("web", TaskRefs.idOf(task.taskArn()), null);

    Task second = ecs.stop("web", task.taskArn(), "again");

    assertThat(first.stoppedReason()).isEqualTo("Task stopped by user");
    assertThat(second).isEqualTo(first);
  }

  @Test
  void aTaskNoAgentWillStopIsStoppedAtOnceAndGivesBackItsResources() {
    Task task = ecs.run("{cluster: 'web', taskDefinition: 'api'}").tasks().get(0);
    ecs.setAgentConnected("web", a.id(), false);

    Task stopped = ecs.stop("web", task.taskArn(), null);

    assertThat(stopped.lastStatus()).isEqualTo("STOPPED");
    assertThat(stopped.stoppedAt()).isEqualTo(NOW);
    assertThat(stopped.containers()).extracting(c -> c.lastStatus()).containsOnly("STOPPED");
    ContainerInstance after = ecs.instance("web", a.id());
    assertThat(TaskFixture.amount(after, "CPU")).isEqualTo(1024);
    assertThat(TaskFixture.amount(after, "MEMORY")).isEqualTo(2048);
    assertThat(after.pendingTasksCount()).isZero();
    assertThat(ecs.state.assignments(TaskFixture.SCOPE, "web", a.id())).isEmpty();
  }

  @Test
  void stopRefusesUnknownAndMalformedTasks() {
    expect(ErrorCode.INVALID_PARAMETER, "The referenced task was not found",
        () -> ecs.stop("web", "0123456789abcdef0123456789abcdef", null));
    expect(ErrorCode.INVALID_PARAMETER, "Task Identifier is invalid", () -> ecs.stop("web", "not a task!", null));
    expect(ErrorCode.INVALID_PARAMETER, "reason can be at most 255 characters.",
        () -> ecs.stop("web", "0123456789abcdef0123456789abcdef", "x".repeat(256)));
  }

  @Test
  void listFiltersByDesiredStatusFamilyStartedByInstanceAndLaunchType() {
    Task api = ecs.run("{cluster: 'web', taskDefinition: 'api', startedBy: 'ci'}").tasks().get(0);
    Task api2 = ecs.run("{cluster: 'web', taskDefinition: 'api'}").tasks().get(0);
    Task worker = ecs.run("{cluster: 'web', taskDefinition: 'worker', launchType: 'EXTERNAL'}").tasks().get(0);
    Task stopped = ecs.run("{cluster: 'web', taskDefinition: 'worker'}").tasks().get(0);
    ecs.stop("web", stopped.taskArn(), null);
    assertThat(api2.containerInstanceArn()).isEqualTo(a.containerInstanceArn());
    assertThat(worker.containerInstanceArn()).isEqualTo(b.containerInstanceArn());

    assertThat(ecs.list("{cluster: 'web'}")).containsExactlyElementsOf(sorted(api, api2, worker));
    assertThat(ecs.list("{cluster: 'web', desiredStatus: 'STOPPED'}")).containsExactly(stopped.taskArn());
    assertThat(ecs.list("{cluster: 'web', desiredStatus: 'PENDING'}")).isEmpty();
    assertThat(ecs.list("{cluster: 'web', family: 'api'}")).containsExactlyElementsOf(sorted(api, api2));
    assertThat(ecs.list("{cluster: 'web', startedBy: 'ci'}")).containsExactly(api.taskArn());
    assertThat(ecs.list("{cluster: 'web', launchType: 'EXTERNAL'}")).containsExactly(worker.taskArn());
    assertThat(ecs.list("{cluster: 'web', containerInstance: '" + a.containerInstanceArn() + "'}"))
        .containsExactlyElementsOf(sorted(api, api2));
    assertThat(ecs.list("{cluster: 'web', containerInstance: '" + b.id() + "'}")).containsExactly(worker.taskArn());
    assertThat(ecs.list("{cluster: 'web', containerInstance: 'unknown'}")).isEmpty();
    assertThat(ecs.list("{cluster: 'web', serviceName: 'svc'}")).isEmpty();
  }

  @Test
  void listPages() {
    List<String> all = new ArrayList<>();
    ecs.run("{cluster: 'web', taskDefinition: 'worker', count: 5}").tasks().forEach(t -> all.add(t.taskArn()));
    all.sort(null);

    io.gantry.api.ecs.task.ListTasksResponse first = ecs.call("ListTasks",
        TaskFixture.read("{cluster: 'web', maxResults: 2}", io.gantry.api.ecs.task.ListTasksRequest.class));
    io.gantry.api.ecs.task.ListTasksResponse second = ecs.call("ListTasks", TaskFixture.read(
        "{cluster: 'web', maxResults: 3, nextToken: '" + first.nextToken() + "'}",
        io.gantry.api.ecs.task.ListTasksRequest.class));

    assertThat(first.taskArns()).containsExactlyElementsOf(all.subList(0, 2));
    assertThat(second.taskArns()).containsExactlyElementsOf(all.subList(2, 5));
    assertThat(second.nextToken()).isNull();
    expect(ErrorCode.INVALID_PARAMETER, "maxResults must be between 1 and 100.",
        () -> ecs.list("{cluster: 'web', maxResults: 101}"));
  }

  private static List<String> sorted(Task... tasks) {
    List<String> arns = new ArrayList<>();
    for (Task t : tasks) {
      arns.add(t.taskArn());
    }
    arns.sort(null);
    return arns;
  }
}
