package io.gantry.bench;

import io.gantry.testkit.ServiceFleet;
import io.gantry.testkit.SimulatedCluster;
import io.gantry.testkit.SimulationOptions;
import io.gantry.testkit.agent.AgentShape;
import java.time.Duration;

/**
 * The service controller benchmark: {@code --services} services (default 1,000) of
 * {@code --tasks} tasks each (default 10) created through the signed API on {@code --agents}
 * simulated agents (default 200, three zones), with the real control plane in this JVM; prints
 * the time until every service is steady (one COMPLETED deployment, runningCount ==
 * desiredCount) and then the CPU time of the controller's thread over {@code --window} seconds
 * at rest (default 60), per service. Run with {@code gantry-bench/service-bench.sh}.
 */
public final class ServiceBench {
  private ServiceBench() {}

  public static void main(String[] args) throws Exception {
    int services = 1000;
    int tasks = 10;
    int agents = 200;
    int window = 60;
    int callers = 8;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--services" -> services = Integer.parseInt(args[++i]);
        case "--tasks" -> tasks = Integer.parseInt(args[++i]);
        case "--agents" -> agents = Integer.parseInt(args[++i]);
        case "--window" -> window = Integer.parseInt(args[++i]);
        case "--callers" -> callers = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    try (SimulatedCluster sim = SimulatedCluster.start(SimulationOptions.defaults().withCluster("bench"))) {
      long began = System.nanoTime();
      sim.addAgents(agents, i -> AgentShape.standard().inZone("us-east-1" + "abc".charAt(i % 3)));
      System.out.printf("%d agents connected in %.1f s%n", agents, (System.nanoTime() - began) / 1e9);
      ServiceFleet.Result r = new ServiceFleet(sim, callers).run("svc", services, tasks, Duration.ofMinutes(30));
      System.out.printf("%d services x %d tasks (%d tasks): CreateService calls took %.1f s; all steady %.1f s after "
              + "the first call (%.0f tasks/s)%n", services, tasks, services * tasks, r.creating().toMillis() / 1000.0,
          r.toSteady().toMillis() / 1000.0, services * tasks / (r.toSteady().toMillis() / 1000.0));
      Thread.sleep(5_000); // let the last writes and their watch events settle
      Duration cpu = ServiceFleet.controllerCpu(Duration.ofSeconds(window));
      double perServicePerSecond = cpu.toNanos() / 1e3 / services / window;
      System.out.printf("controller thread at rest: %.1f ms CPU over %d s = %.2f%% of a core; %.1f us per service "
              + "per second (resync every 15 s: %.2f ms per service pass)%n", cpu.toNanos() / 1e6, window,
          cpu.toNanos() / 1e7 / window, perServicePerSecond, perServicePerSecond * 15 / 1000);
      System.out.printf("census: %s%n", sim.census().duplicates().isEmpty() ? "no duplicates" : "DUPLICATES");
    }
  }
}
