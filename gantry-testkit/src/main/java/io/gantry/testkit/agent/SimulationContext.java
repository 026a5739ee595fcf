package io.gantry.testkit.agent;

import io.gantry.testkit.ecs.SignedEcsClient;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;

/**
 * What every simulated agent of one simulation shares, so thousands of agents cost no thread
 * each: one HTTP client (registrations and WebSockets), one small scheduler (heartbeats,
 * reconnects, scripted starts and exits), the clock, a random source, the scripts, the ECS client
 * and the cluster they join. Immutable; each part is thread-safe ({@code random} must be too,
 * e.g. {@link java.util.Random}).
 */
public record SimulationContext(SignedEcsClient ecs, HttpClient http, ScheduledExecutorService scheduler,
    Clock clock, RandomGenerator random, TaskScripts scripts, String cluster) {}
