package io.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.testkit.agent.AgentShape;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A thousand services of ten tasks each (or {@code -Dgantry.sim.services=N}) on 200 simulated
 * agents reach a steady state, with every task RUNNING once and none twice. Tagged {@code scale}
 * (minutes on two cores): run with {@code -Dtestkit.excludedGroups= -Dtest=ServiceScaleTest}.
 * Prints the time to steady state and the controller thread's CPU per idle service.
 */
@Tag("scale")
class ServiceScaleTest {
  @Test
  void aThousandServicesOfTenTasksReachASteadyState() throws Exception {
    int services = Integer.getInteger("gantry.sim.services", 1000);
    try (SimulatedCluster sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster("fleet"))) {
      sim.addAgents(200, i -> AgentShape.standard().inZone("us-east-1" + "abc".charAt(i % 3)));
      ServiceFleet.Result r = new ServiceFleet(sim, 8).run("svc", services, 10, Duration.ofMinutes(15));
      Duration cpu = ServiceFleet.controllerCpu(Duration.ofSeconds(30));
      System.out.printf("%d services x %d tasks: created in %.1f s, steady after %.1f s; controller CPU at rest "
              + "%.1f ms per 30 s (%.1f us per service per second)%n", r.services(), r.tasksEach(),
          r.creating().toMillis() / 1000.0, r.toSteady().toMillis() / 1000.0, cpu.toNanos() / 1e6,
          cpu.toNanos() / 1e3 / services / 30);
      Census census = sim.census();
      assertThat(census.duplicates()).isEmpty();
      assertThat(census.count("RUNNING")).isEqualTo(services * 10);
    }
  }
}
