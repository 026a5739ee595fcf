package io.gantry.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.agent.AgentMessage;
import io.gantry.model.task.DesiredStatus;
import io.gantry.model.task.HealthStatus;
import io.gantry.model.task.NetworkBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine's files: what is written reads back the same, and leftovers of a crash are harmless. */
class EngineStateStoreTest {
  @TempDir Path dir;

  private static TaskRecord sample() {
    TaskRecord t = TaskRecord.assigned(Defs.assignment("t1", "RUNNING", Defs.definition("app",
        Defs.container("app").port(80, null).dependsOn("db", "HEALTHY").restartPolicy(List.of(0), 60),
        Defs.container("db").healthCheck("CMD-SHELL", "true").essential(false)), Map.of("app/80", 8080)),
        DesiredStatus.RUNNING);
    Instant at = Instant.parse("2026-01-01T00:00:01.250Z");
    ContainerRecord app = t.container("app").created("abc", "ecs-app-1-app-00").running(
        List.of(new NetworkBinding("0.0.0.0", 80, 8080, "tcp", null, null)), at)
        .withHealth(HealthStatus.HEALTHY).restarting(at.plusSeconds(70));
    t = t.withContainer(app).preparedAt(at, at.plusMillis(5)).knownAs(io.gantry.model.task.TaskStatus.RUNNING,
        at, Duration.ofHours(3));
    return t.reported(Reports.fingerprint(t));
  }

  @Test
  void aTaskRecordReadsBackEqual() {
    EngineStateStore store = new EngineStateStore(dir);
    TaskRecord task = sample();

    store.saveTask(task);

    List<TaskRecord> loaded = new EngineStateStore(dir).loadTasks();
    assertThat(loaded).containsExactly(task);
    AgentMessage.TaskStateChange reported = loaded.get(0).lastReported();
    assertThat(reported.lastStatus()).isEqualTo("RUNNING");
  }

  @Test
  void theEngineFileReadsBackAndStartsEmpty() {
    EngineStateStore store = new EngineStateStore(dir);
    assertThat(store.loadEngine()).isEqualTo(EngineStateStore.EngineFile.EMPTY);

    store.saveEngine(new EngineStateStore.EngineFile("e1", 42, 2000, List.of("arn:x")));

    assertThat(new EngineStateStore(dir).loadEngine())
        .isEqualTo(new EngineStateStore.EngineFile("e1", 42, 2000, List.of("arn:x")));
  }

  @Test
  void aTemporaryFileLeftByACrashIsIgnoredAndDeletedTasksStayDeleted() throws IOException {
    EngineStateStore store = new EngineStateStore(dir);
    TaskRecord task = sample();
    store.saveTask(task);
    Files.writeString(dir.resolve("tasks").resolve("t1.json.tmp"), "{\"half\":");

    assertThat(store.loadTasks()).containsExactly(task);
    store.deleteTask(task.taskArn());
    assertThat(store.loadTasks()).isEmpty();
  }
}
