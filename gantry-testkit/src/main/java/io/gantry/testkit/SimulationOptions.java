package io.gantry.testkit;

import io.gantry.testkit.agent.TaskScript;
import io.gantry.testkit.server.EmbeddedServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * How a {@link SimulatedCluster} runs: the cluster name; the control plane (null endpoint: start
 * an embedded one) and the access key and region to sign with; the clock and random source the
 * agents use; the default task script; the shared thread counts; how many registrations and
 * connects may be in flight at once; and how long adding agents may take. Immutable;
 * {@code with…} return copies.
 */
public record SimulationOptions(String cluster, URI endpoint, String accessKey, String secretKey, String region,
    Clock clock, RandomGenerator random, TaskScript defaultScript, int schedulerThreads, int httpThreads,
    int registrationParallelism, Duration startTimeout) {

  public SimulationOptions {
    Objects.requireNonNull(cluster, "cluster");
    Objects.requireNonNull(accessKey, "accessKey");
    Objects.requireNonNull(secretKey, "secretKey");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    Objects.requireNonNull(defaultScript, "defaultScript");
    Objects.requireNonNull(startTimeout, "startTimeout");
    if (schedulerThreads < 1 || httpThreads < 1 || registrationParallelism < 1) {
      throw new IllegalArgumentException("thread counts and parallelism must be at least 1");
    }
  }

  /**
   * Cluster {@code sim} on an embedded server, us-east-1, the system clock, a random source seeded
   * from the time, tasks that run until stopped, 2 scheduler and 2 HTTP threads, 32 registrations
   * in flight, 5 minutes to add agents.
   */
  public static SimulationOptions defaults() {
    return new SimulationOptions("sim", null, EmbeddedServer.ACCESS_KEY, EmbeddedServer.SECRET_KEY, "us-east-1",
        Clock.systemUTC(), new Random(), TaskScript.runsUntilStopped(), 2, 2, 32, Duration.ofMinutes(5));
  }

  public SimulationOptions withCluster(String name) {
    return new SimulationOptions(name, endpoint, accessKey, secretKey, region, clock, random, defaultScript,
        schedulerThreads, httpThreads, registrationParallelism, startTimeout);
  }

  /** Uses a control plane that already runs instead of starting one. */
  public SimulationOptions attachedTo(URI url, String key, String secret) {
    return new SimulationOptions(cluster, url, key, secret, region, clock, random, defaultScript,
        schedulerThreads, httpThreads, registrationParallelism, startTimeout);
  }

  public SimulationOptions withRegion(String name) {
    return new SimulationOptions(cluster, endpoint, accessKey, secretKey, name, clock, random, defaultScript,
        schedulerThreads, httpThreads, registrationParallelism, startTimeout);
  }

  public SimulationOptions withClock(Clock c) {
    return new SimulationOptions(cluster, endpoint, accessKey, secretKey, region, c, random, defaultScript,
        schedulerThreads, httpThreads, registrationParallelism, startTimeout);
  }

  /** The random source for runtime ids and back-off jitter; must be thread-safe (a seeded {@link Random}). */
  public SimulationOptions withRandom(RandomGenerator r) {
    return new SimulationOptions(cluster, endpoint, accessKey, secretKey, region, clock, r, defaultScript,
        schedulerThreads, httpThreads, registrationParallelism, startTimeout);
  }

  public SimulationOptions withDefaultScript(TaskScript script) {
    return new SimulationOptions(cluster, endpoint, accessKey, secretKey, region, clock, random, script,
        schedulerThreads, httpThreads, registrationParallelism, startTimeout);
  }

  public SimulationOptions withThreads(int scheduler, int http) {
    return new SimulationOptions(cluster, endpoint, accessKey, secretKey, region, clock, random, defaultScript,
        scheduler, http, registrationParallelism, startTimeout);
  }

  public SimulationOptions withRegistrationParallelism(int inFlight) {
    return new SimulationOptions(cluster, endpoint, accessKey, secretKey, region, clock, random, defaultScript,
        schedulerThreads, httpThreads, inFlight, startTimeout);
  }

  public SimulationOptions withStartTimeout(Duration timeout) {
    return new SimulationOptions(cluster, endpoint, accessKey, secretKey, region, clock, random, defaultScript,
        schedulerThreads, httpThreads, registrationParallelism, timeout);
  }
}
