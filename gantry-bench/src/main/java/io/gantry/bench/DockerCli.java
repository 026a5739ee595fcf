package io.gantry.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The {@code docker} command line as the peer of the task-start benchmark, and the clean-up of
 * containers either side left behind. Every call is a fresh {@code docker} process, exactly as a
 * user would run it. Stateless; safe to use from many threads.
 */
final class DockerCli {
  static final String TASK_ARN_LABEL = "com.amazonaws.ecs.task-arn";

  /** One {@code docker run -d}: the new container's id and how long the command took. */
  record Run(String containerId, double millis) {}

  private DockerCli() {}

  /**
   * {@code docker run -d IMAGE ARGS…}, timed from just before the process starts to its exit (the
   * CLI exits once the Engine has started the container).
   */
  static Run runDetached(String image, List<String> args) throws IOException, InterruptedException {
    return runDetached(List.of(), image, args);
  }

  /** {@code docker run -d OPTIONS… IMAGE ARGS…}, timed as {@link #runDetached(String, List)}. */
  static Run runDetached(List<String> options, String image, List<String> args)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker", "run", "-d"));
    cmd.addAll(options);
    cmd.add(image);
    cmd.addAll(args);
    long start = System.nanoTime();
    Result r = exec(cmd);
    double millis = (System.nanoTime() - start) / 1e6;
    if (r.code != 0) {
      throw new IOException("docker run failed (" + r.code + "): " + r.output);
    }
    return new Run(r.output.strip(), millis);
  }

  /** One {@code docker ARGS…} command; fails unless it exits 0. Returns its output. */
  static String docker(List<String> args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("docker"));
    cmd.addAll(args);
    Result r = exec(cmd);
    if (r.code != 0) {
      throw new IOException(String.join(" ", cmd) + " failed (" + r.code + "): " + r.output);
    }
    return r.output;
  }

  /** {@code docker rm -f} of the given ids; ids that are already gone are fine. */
  static void removeForce(Collection<String> ids) throws IOException, InterruptedException {
    if (ids.isEmpty()) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of("docker", "rm", "-f"));
    cmd.addAll(ids);
    exec(cmd);
  }

  /** Removes every container, running or not, labelled with one of {@code taskArns}. */
  static int removeTaskContainers(Set<String> taskArns) throws IOException, InterruptedException {
    if (taskArns.isEmpty()) {
      return 0;
    }
    Result listed = exec(List.of("docker", "ps", "-a", "--filter", "label=" + TASK_ARN_LABEL,
        "--format", "{{.ID}} {{.Label \"" + TASK_ARN_LABEL + "\"}}"));
    List<String> ids = new ArrayList<>();
    for (String line : listed.output.split("\n")) {
      String[] parts = line.strip().split(" ", 2);
      if (parts.length == 2 && taskArns.contains(parts[1])) {
        ids.add(parts[0]);
      }
    }
    removeForce(ids);
    return ids.size();
  }

  private record Result(int code, String output) {}

  private static Result exec(List<String> cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    return new Result(p.waitFor(), new String(out, StandardCharsets.UTF_8));
  }
}
