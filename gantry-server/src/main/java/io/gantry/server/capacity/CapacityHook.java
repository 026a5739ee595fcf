package io.gantry.server.capacity;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the configured capacity hook ({@code capacity-hook}): a shell command told, through its
 * environment, which provider of which cluster should have how many instances and why
 * (GANTRY_CAPACITY_PROVIDER, GANTRY_CLUSTER, GANTRY_DESIRED_INSTANCES, GANTRY_ACTION
 * scale-out|scale-in, GANTRY_SCALE_IN_CANDIDATES: space-separated instance ARNs). Its output
 * goes to the server's log. Called from the scaling controller's thread only.
 */
public final class CapacityHook {
  private static final Logger log = LoggerFactory.getLogger(CapacityHook.class);
  private final String command;
  private final Duration timeout;

  public CapacityHook(String command, Duration timeout) {
    this.command = command;
    this.timeout = timeout;
  }

  /** Runs the hook and waits for it (at most the timeout); returns its exit code, -1 when it did not finish. */
  public int run(String provider, String cluster, int desired, String action, List<String> candidates) {
    ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = pb.environment();
    env.put("GANTRY_CAPACITY_PROVIDER", provider);
    env.put("GANTRY_CLUSTER", cluster);
    env.put("GANTRY_DESIRED_INSTANCES", Integer.toString(desired));
    env.put("GANTRY_ACTION", action);
    env.put("GANTRY_SCALE_IN_CANDIDATES", String.join(" ", candidates));
    try {
      Process p = pb.start();
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        log.warn("capacity hook for {} in {} did not finish within {}", provider, cluster, timeout);
        return -1;
      }
      if (p.exitValue() != 0) {
        log.warn("capacity hook for {} in {} exited with {}", provider, cluster, p.exitValue());
      }
      return p.exitValue();
    } catch (IOException e) {
      log.warn("capacity hook for {} in {} could not start: {}", provider, cluster, e.getMessage());
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }
}
