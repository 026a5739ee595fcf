package io.gantry.agent.engine;

import static io.gantry.agent.engine.Defs.assignment;
import static io.gantry.agent.engine.Defs.container;
import static io.gantry.agent.engine.Defs.definition;
import static io.gantry.agent.engine.Defs.stopped;
import static io.gantry.agent.engine.Defs.taskArn;
import static io.gantry.agent.engine.EngineHarness.eventually;
import static io.gantry.agent.engine.RecordingSink.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.HealthStatus;
import io.gantry.agent.runtime.RuntimeEvent;
import io.gantry.agent.runtime.fake.FakeBehavior;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container ordering: dependsOn START, COMPLETE, SUCCESS, HEALTHY, startTimeout, stop order. */
class TaskEngineDependencyTest {
  static final String T = taskArn("t1");
  @TempDir Path stateDir;
  EngineHarness h;

  @BeforeEach
  void setUp() {
    h = new EngineHarness(stateDir);
    h.startEngine();
  }

  @AfterEach
  void tearDown() {
    h.close();
  }

  private boolean created(String name) {
    return h.containersOf(T).stream().anyMatch(c -> name.equals(c.labels().get(ContainerLabels.CONTAINER_NAME)));
  }

  /** Gives the engine time to act on what it has, so a container that should wait has not started. */
  private void settle() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void startWaitsUntilTheDependencyRuns() {
    h.runtime.script("db", FakeBehavior.runsForever().withStartDelay(Duration.ofSeconds(5)));
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("app").dependsOn("db", "START"), container("db"))));
    eventually(() -> created("db"));
    settle();
    assertThat(created("app")).isFalse();
    assertThat(h.sink.of(T)).isEmpty();

    h.advance(Duration.ofSeconds(5));

    h.awaitStatus(T, "RUNNING");
    assertThat(container(h.sink.last(T), "app").lastStatus()).isEqualTo("RUNNING");
  }

  @Test
  void completeWaitsForTheDependencyToExitWhateverItsCode() {
    h.runtime.script("init", FakeBehavior.exitsAfter(Duration.ofSeconds(3), 1));
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("init").essential(false), container("app").dependsOn("init", "COMPLETE"))));
    eventually(() -> created("init"));
    settle();
    assertThat(created("app")).isFalse();

    h.advance(Duration.ofSeconds(3));

    h.awaitStatus(T, "RUNNING");
    AgentMessage.TaskStateChange running = h.sink.last(T);
    assertThat(container(running, "init").exitCode()).isEqualTo(1);
    assertThat(container(running, "app").lastStatus()).isEqualTo("RUNNING");
  }

  @Test
  void successWaitsForExitZero() {
    h.runtime.script("init", FakeBehavior.exitsAfter(Duration.ofSeconds(3), 0));
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("init").essential(false), container("app").dependsOn("init", "SUCCESS"))));
    eventually(() -> created("init"));
    settle();
    assertThat(created("app")).isFalse();

    h.advance(Duration.ofSeconds(3));

    h.awaitStatus(T, "RUNNING");
  }

  @Test
  void successFailsTheDependentWhenTheDependencyExitsNonZero() {
    h.runtime.script("init", FakeBehavior.exitsAfter(Duration.ofSeconds(3), 2));
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("init").essential(false), container("app").dependsOn("init", "SUCCESS"))));
    eventually(() -> created("init"));

    h.advance(Duration.ofSeconds(3));

    h.awaitStatus(T, "STOPPED");
    AgentMessage.TaskStateChange last = h.sink.last(T);
    assertThat(last.stopCode()).isEqualTo("TaskFailedToStart");
    assertThat(container(last, "app").reason()).startsWith("CannotStartContainerError: ")
        .contains("exited with code 2");
    assertThat(last.reason()).isEqualTo(container(last, "app").reason());
    assertThat(created("app")).isFalse();
  }

  @Test
  void healthyWaitsForTheDependencysHealthCheckToPass() {
    h.runtime.script("db", FakeBehavior.runsForever()
        .withHealth(new FakeBehavior.HealthStep(Duration.ofSeconds(8), HealthStatus.HEALTHY)));
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("db").healthCheck("CMD-SHELL", "true"), container("app").dependsOn("db", "HEALTHY"))));
    eventually(() -> created("db"));
    h.advance(Duration.ofSeconds(7));
    settle();
    assertThat(created("app")).isFalse();

    h.advance(Duration.ofSeconds(1));

    h.awaitStatus(T, "RUNNING");
    assertThat(container(h.sink.last(T), "db").healthStatus()).isEqualTo("HEALTHY");
    assertThat(h.engine.task(T).orElseThrow().healthStatus()).isEqualTo("HEALTHY");
  }

  @Test
  void theDependencysStartTimeoutFailsTheWaitingContainer() {
    h.runtime.script("db", FakeBehavior.runsForever()
        .withHealth(new FakeBehavior.HealthStep(Duration.ofHours(1), HealthStatus.HEALTHY)));
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("db").healthCheck("CMD-SHELL", "true").startTimeout(10),
        container("app").dependsOn("db", "HEALTHY"))));
    eventually(() -> created("db"));
    h.advance(Duration.ofSeconds(10));
    settle();
    assertThat(h.sink.of(T)).isEmpty();

    h.advance(Duration.ofSeconds(1));

    h.awaitStatus(T, "STOPPED");
    AgentMessage.TaskStateChange last = h.sink.last(T);
    assertThat(last.stopCode()).isEqualTo("TaskFailedToStart");
    assertThat(container(last, "app").reason()).contains("startTimeout of 10 seconds");
    assertThat(container(last, "app").exitCode()).isNull();
    assertThat(container(last, "db").exitCode()).isEqualTo(143); // stopped with the task
  }

  @Test
  void linksWaitAsStartDoes() {
    h.runtime.script("db", FakeBehavior.runsForever().withStartDelay(Duration.ofSeconds(2)));
    h.apply(true, assignment("t1", "RUNNING", definition("app",
        container("app").link("db:database"), container("db"))));
    eventually(() -> created("db"));
    settle();
    assertThat(created("app")).isFalse();

    h.advance(Duration.ofSeconds(2));

    h.awaitStatus(T, "RUNNING");
    String dbId = h.runtimeId(T, "db");
    assertThat(h.runtime.spec(h.runtimeId(T, "app")).orElseThrow().network().links())
        .extracting(l -> l.runtimeId() + ":" + l.alias()).containsExactly(dbId + ":database");
  }

  @Test
  void containersStopInReverseDependencyOrder() {
    List<String> died = new CopyOnWriteArrayList<>();
    h.runtime.events(e -> {
      if (e instanceof RuntimeEvent.Died) {
        died.add(e.labels().get(ContainerLabels.CONTAINER_NAME));
      }
    });
    TaskAssignment a = assignment("t1", "RUNNING", definition("app",
        container("db"), container("app").dependsOn("cache", "START"), container("cache").dependsOn("db", "START")));
    h.apply(true, a);
    h.awaitStatus(T, "RUNNING");

    h.apply(false, stopped(a));

    h.awaitStatus(T, "STOPPED");
    assertThat(died).containsExactly("app", "cache", "db");
  }
}
