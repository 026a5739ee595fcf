package io.gantry.agent.runtime.docker;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach the Docker Engine and how long to wait for it: the daemon address
 * ({@code unix://} or {@code tcp://}, no TLS yet), connect timeout, the response timeout of
 * ordinary calls (not of stop, pull or the event stream, which have their own bounds), the image
 * pull timeout, and the connection pool size.
 */
public record DockerRuntimeConfig(
    URI dockerHost,
    Duration connectTimeout,
    Duration responseTimeout,
    Duration pullTimeout,
    int maxConnections) {

  public static final URI DEFAULT_HOST = URI.create("unix:///var/run/docker.sock");

  public DockerRuntimeConfig {
    Objects.requireNonNull(dockerHost, "dockerHost");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(responseTimeout, "responseTimeout");
    Objects.requireNonNull(pullTimeout, "pullTimeout");
    if (maxConnections < 2) {
      throw new IllegalArgumentException("maxConnections must be at least 2");
    }
  }

  /** The local socket; 5 s to connect, 60 s per call, 10 min per pull, 64 connections. */
  public static DockerRuntimeConfig defaults() {
    return new DockerRuntimeConfig(DEFAULT_HOST, Duration.ofSeconds(5), Duration.ofSeconds(60),
        Duration.ofMinutes(10), 64);
  }

  /** The defaults, with the daemon address from {@code DOCKER_HOST} when set. */
  public static DockerRuntimeConfig fromEnvironment(Map<String, String> env) {
    String host = env.get("DOCKER_HOST");
    DockerRuntimeConfig config = defaults();
    return host == null || host.isBlank() ? config : config.withDockerHost(URI.create(host.trim()));
  }

  public DockerRuntimeConfig withDockerHost(URI host) {
    return new DockerRuntimeConfig(host, connectTimeout, responseTimeout, pullTimeout, maxConnections);
  }

  public DockerRuntimeConfig withPullTimeout(Duration timeout) {
    return new DockerRuntimeConfig(dockerHost, connectTimeout, responseTimeout, timeout, maxConnections);
  }
}
