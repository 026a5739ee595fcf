package io.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The task-start benchmark: Gantry (RunTask until DescribeTasks shows RUNNING) against the raw
 * {@code docker run -d} of the same image on the same machine. Start latency is measured one task
 * at a time, the two sides interleaved; throughput is 100 tasks from 10 concurrent RunTask calls
 * against 100 {@code docker run -d} from 10 concurrent workers. Starts {@code gantry up} as a
 * child process; needs Docker and the local image {@code gantry-test/busybox}. Run with
 * {@code gantry-bench/task-bench.sh} or
 * {@code java -cp gantry-bench/target/gantry-bench.jar io.gantry.bench.TaskStartBench
 * [--runs 30] [--warmup 3] [--poll-ms 20] [--rounds 3] [--keep]} ({@code --keep} keeps the data
 * directory with the server's log). Single-threaded driver; the
 * throughput phase uses its own short-lived worker threads.
 */
public final class TaskStartBench {
  static final String IMAGE = "gantry-test/busybox";
  static final List<String> COMMAND = List.of("sleep", "3600");
  static final String CLUSTER = "default";

  private final GantryTasks gantry;
  private final long pollMillis;
  private final Set<String> rawIds = ConcurrentHashMap.newKeySet();

  private TaskStartBench(GantryTasks gantry, long pollMillis) {
    this.gantry = gantry;
    this.pollMillis = pollMillis;
  }

  public static void main(String[] args) throws Exception {
    int runs = 30;
    int warmup = 3;
    long poll = 20;
    int rounds = 3;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--poll-ms" -> poll = Long.parseLong(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--keep" -> keep = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (use --runs N --warmup N --poll-ms MS --rounds N --keep)");
      }
    }
    System.out.printf("# task-start benchmark %s, %d cores, load average at start %s%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(), loadAverage());
    System.out.printf("# image %s %s; %d latency runs per side after %d warm-up; DescribeTasks every %d ms; "
        + "%d throughput rounds of 100 tasks%n", IMAGE, String.join(" ", COMMAND), runs, warmup, poll, rounds);
    Path dataDir = Files.createTempDirectory("gantry-task-bench");
    boolean ok = false;
    GantryUpProcess up = GantryUpProcess.start(dataDir, CLUSTER);
    GantryTasks tasks = new GantryTasks(up.client(), CLUSTER);
    TaskStartBench bench = new TaskStartBench(tasks, poll);
    try {
      System.out.println("# gantry up on " + up.endpoint() + ", local agent connected");
      tasks.register("task-bench", IMAGE, COMMAND);
      StartLatency.run(bench, warmup, runs);
      StartThroughput.run(bench, rounds);
      ok = true;
    } finally {
      up.close();
      int left = DockerCli.removeTaskContainers(tasks.everStarted());
      DockerCli.removeForce(List.copyOf(bench.rawIds));
      System.out.printf("# done; load average at end %s; %d task containers left to remove%n", loadAverage(), left);
      if (ok && !keep) {
        deleteTree(dataDir);
      } else {
        System.out.println("# kept " + up.log() + " for inspection");
      }
    }
  }

  GantryTasks gantry() {
    return gantry;
  }

  long pollMillis() {
    return pollMillis;
  }

  /** One raw {@code docker run -d}; the id is remembered until {@link #removeRaw} so nothing leaks. */
  DockerCli.Run dockerRun() throws IOException, InterruptedException {
    DockerCli.Run run = DockerCli.runDetached(IMAGE, COMMAND);
    rawIds.add(run.containerId());
    return run;
  }

  void removeRaw(List<String> ids) throws IOException, InterruptedException {
    DockerCli.removeForce(ids);
    ids.forEach(rawIds::remove);
  }

  /**
   * StopTask each, wait (up to 30 s) until all are STOPPED, then remove their containers. A
   * task that never reached the agent may never show STOPPED; that is reported, not fatal.
   */
  void stopAndRemove(List<String> arns) throws IOException, InterruptedException {
    for (String arn : arns) {
      gantry.stop(arn);
    }
    for (int from = 0; from < arns.size(); from += 100) {
      List<String> some = arns.subList(from, Math.min(arns.size(), from + 100));
      Map<String, GantryTasks.Seen> seen = gantry.poll(some, "STOPPED", 50, 30_000);
      if (GantryTasks.count(seen, "STOPPED") < some.size()) {
        System.out.println("# clean-up: not all tasks STOPPED after 30 s: " + GantryTasks.statuses(seen));
      }
    }
    DockerCli.removeTaskContainers(Set.copyOf(arns));
  }

  static double millisSince(long startNanos, long endNanos) {
    return (endNanos - startNanos) / 1e6;
  }

  static double millisBetween(Instant a, Instant b) {
    return a == null || b == null ? Double.NaN : Duration.between(a, b).toNanos() / 1e6;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
