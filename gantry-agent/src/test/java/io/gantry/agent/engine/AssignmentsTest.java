package io.gantry.agent.engine;

import static io.gantry.agent.engine.Defs.assignment;
import static io.gantry.agent.engine.Defs.container;
import static io.gantry.agent.engine.Defs.definition;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.taskdef.TaskDefinition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * What the agent reads from an assignment: the time between SIGTERM and SIGKILL for a container
 * (an interrupted FARGATE_SPOT task's assignment carries the Spot warning, default 120 s, and it
 * wins over the container's own {@code stopTimeout}; without it the container's, else the agent's
 * default), and the GPU ids per container (none when the task's containers carry no list, as a
 * task without GPUs arrives on the wire).
 */
class AssignmentsTest {
  @Test
  void theSpotWarningOfTheAssignmentWinsOverTheContainersOwnTimeout() {
    TaskDefinition def = definition("spot", container("app").stopTimeout(5));
    TaskAssignment plain = assignment("t1", "STOPPED", def);
    TaskAssignment interrupted = new TaskAssignment(plain.task(), def, plain.reservedHostPorts(), null, 120);
    var app = def.containerDefinitions().get(0);
    AgentPolicy policy = AgentPolicy.defaults();

    assertThat(Assignments.stopTimeout(interrupted, app, policy)).isEqualTo(Duration.ofSeconds(120));
    assertThat(Assignments.stopTimeout(plain, app, policy)).isEqualTo(Duration.ofSeconds(5));
    TaskDefinition bare = definition("bare", container("app"));
    assertThat(Assignments.stopTimeout(assignment("t2", "STOPPED", bare), bare.containerDefinitions().get(0), policy))
        .isEqualTo(AgentPolicy.DEFAULT_STOP_TIMEOUT);
  }

  @Test
  void containersWithoutAGpuListHaveNoGpus() {
    TaskDefinition def = definition("plain", container("app"));
    TaskAssignment a = assignment("t3", "RUNNING", def);
    assertThat(a.task().containers().get(0).gpuIds()).isNull();
    assertThat(Assignments.gpuIds(a.task())).isEmpty();
    assertThat(Assignments.context(a, AgentPolicy.defaults(), java.util.Map.of()).gpuIds()).isEmpty();
  }
}
