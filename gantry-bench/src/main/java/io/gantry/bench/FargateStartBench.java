package io.gantry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Fargate-style task-start benchmark: RunTask with launch type FARGATE (awsvpc: a pause
 * container holding the task's network namespace on its subnet's bridge, then the app container
 * joining it, on the managed-capacity agent of {@code gantry up}) until DescribeTasks shows
 * RUNNING, against the same two containers started by hand with the {@code docker} CLI: {@code
 * docker run -d --network BRIDGE gantry/pause}, then {@code docker run -d --network
 * container:PAUSE --memory 512m gantry-test/busybox sleep 3600}. One task at a time, the two
 * sides interleaved, each cleaned up before the next run (a task is stopped and awaited STOPPED,
 * which for awsvpc includes removing its pause container). Run with {@code
 * gantry-bench/fargate-bench.sh [--runs 20] [--warmup 3] [--poll-ms 20] [--keep]}.
 * Single-threaded.
 */
public final class FargateStartBench {
  static final String IMAGE = "gantry-test/busybox";
  static final String PAUSE_IMAGE = "gantry/pause:latest";
  static final List<String> COMMAND = List.of("sleep", "3600");
  static final String CLUSTER = "fargate-bench";
  static final String SUBNET = "subnet-0fb0e7c4000000093";
  static final String SUBNET_CIDR = "10.209.93.0/24";
  static final String RAW_NETWORK = "gantry-bench-raw-ns";
  static final String RAW_CIDR = "10.209.94.0/24";
  static final String RAW_LABEL = "io.gantry.bench=fargate-raw";

  private final List<Double> afterResponse = new ArrayList<>();
  private final List<Double> afterRequest = new ArrayList<>();
  private final List<Double> runTaskCall = new ArrayList<>();
  private final List<Double> raw = new ArrayList<>();
  private final List<Double> rawPause = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    int runs = 20;
    int warmup = 3;
    long poll = 20;
    boolean keep = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--poll-ms" -> poll = Long.parseLong(args[++i]);
        case "--keep" -> keep = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (use --runs N --warmup N --poll-ms MS --keep)");
      }
    }
    System.out.printf("# fargate task-start benchmark %s, %d cores, load average at start %s%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(), TaskStartBench.loadAverage());
    System.out.printf("# app %s %s with %s; %d runs per side after %d warm-up; DescribeTasks every %d ms%n",
        IMAGE, String.join(" ", COMMAND), PAUSE_IMAGE, runs, warmup, poll);
    Path dataDir = Files.createTempDirectory("gantry-fargate-bench");
    DockerCli.docker(List.of("network", "create", "--subnet", RAW_CIDR, "--label", RAW_LABEL, RAW_NETWORK));
    boolean ok = false;
    GantryUpProcess up = GantryUpProcess.start(dataDir, List.of("default", "gantry-fargate"),
        List.of("--subnets", SUBNET + "=" + SUBNET_CIDR + "@us-east-1a"));
    GantryTasks tasks = new GantryTasks(up.client(), CLUSTER, Map.of("launchType", "FARGATE",
        "networkConfiguration", Map.of("awsvpcConfiguration", Map.of("subnets", List.of(SUBNET)))));
    try {
      System.out.println("# gantry up on " + up.endpoint() + ", local and managed agents connected");
      up.client().call("CreateCluster", Map.of("clusterName", CLUSTER));
      tasks.registerFargate("fargate-bench", IMAGE, COMMAND);
      FargateStartBench measured = new FargateStartBench();
      FargateStartBench discarded = new FargateStartBench();
      for (int i = 0; i < warmup + runs; i++) {
        FargateStartBench into = i < warmup ? discarded : measured;
        into.gantryOnce(tasks, poll);
        into.rawOnce();
      }
      measured.print();
      ok = true;
    } finally {
      up.close();
      int left = DockerCli.removeTaskContainers(tasks.everStarted());
      String rawLeft = DockerCli.docker(List.of("ps", "-aq", "--filter", "label=" + RAW_LABEL)).strip();
      if (!rawLeft.isEmpty()) {
        DockerCli.removeForce(List.of(rawLeft.split("\\s+")));
      }
      DockerCli.docker(List.of("network", "rm", RAW_NETWORK));
      DockerCli.docker(List.of("network", "rm", "gantry-subnet-" + SUBNET));
      System.out.printf("# done; load average at end %s; %d task containers left to remove%n",
          TaskStartBench.loadAverage(), left);
      if (ok && !keep) {
        try (var paths = Files.walk(dataDir)) {
          for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      } else {
        System.out.println("# kept " + up.log() + " for inspection");
      }
    }
  }

  private void gantryOnce(GantryTasks tasks, long poll) throws IOException, InterruptedException {
    long sent = System.nanoTime();
    List<String> arns = tasks.run(1);
    long answered = System.nanoTime();
    tasks.await(arns, "RUNNING", poll, 60_000);
    long running = System.nanoTime();
    runTaskCall.add(TaskStartBench.millisSince(sent, answered));
    afterResponse.add(TaskStartBench.millisSince(answered, running));
    afterRequest.add(TaskStartBench.millisSince(sent, running));
    for (String arn : arns) {
      tasks.stop(arn);
    }
    Map<String, GantryTasks.Seen> seen = tasks.poll(arns, "STOPPED", 50, 30_000);
    if (GantryTasks.count(seen, "STOPPED") < arns.size()) {
      System.out.println("# clean-up: task not STOPPED after 30 s: " + GantryTasks.statuses(seen));
    }
    DockerCli.removeTaskContainers(Set.copyOf(arns));
  }

  private void rawOnce() throws IOException, InterruptedException {
    long start = System.nanoTime();
    DockerCli.Run pause = DockerCli.runDetached(List.of("--network", RAW_NETWORK, "--label", RAW_LABEL),
        PAUSE_IMAGE, List.of());
    DockerCli.Run app = DockerCli.runDetached(List.of("--network", "container:" + pause.containerId(),
        "--memory", "512m", "--cpu-shares", "256", "--label", RAW_LABEL), IMAGE, COMMAND);
    long end = System.nanoTime();
    rawPause.add(pause.millis());
    raw.add(TaskStartBench.millisSince(start, end));
    DockerCli.removeForce(List.of(app.containerId(), pause.containerId()));
  }

  private void print() {
    Samples g = Samples.of(afterResponse);
    Samples gAll = Samples.of(afterRequest);
    Samples d = Samples.of(raw);
    System.out.println();
    System.out.println("## Fargate-style start, one task at a time (ms; p99 is nearest-rank, the maximum below 100 runs)");
    System.out.printf("%-66s %4s %9s %9s %9s%n", "", "n", "median", "p99", "min");
    row("gantry FARGATE: RunTask response -> DescribeTasks shows RUNNING", g);
    row("gantry FARGATE: RunTask request sent -> shows RUNNING", gAll);
    row("docker run pause + docker run app --network container:pause", d);
    row("  of which docker run -d pause", Samples.of(rawPause));
    System.out.printf("ratio gantry/docker of the medians: %.2fx (from the RunTask response), %.2fx (from the request)%n",
        g.median() / d.median(), gAll.median() / d.median());
    System.out.printf("RunTask call (request -> response), median %.1f ms%n", Samples.of(runTaskCall).median());
  }

  private static void row(String name, Samples s) {
    System.out.printf("%-66s %4d %9.1f %9.1f %9.1f%n", name, s.count(), s.median(), s.percentile(99), s.min());
  }
}
