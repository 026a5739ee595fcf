package io.gantry.bench;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The start-latency half of {@link TaskStartBench}: one task at a time, Gantry and raw
 * {@code docker run -d} interleaved, each cleaned up before the next run. Gantry is timed from the
 * RunTask response to the first DescribeTasks answer that shows RUNNING (and, for reference, from
 * the moment the RunTask request was sent); docker from the CLI's process start to its exit.
 * Single-threaded.
 */
final class StartLatency {
  private final List<Double> afterResponse = new ArrayList<>();
  private final List<Double> afterRequest = new ArrayList<>();
  private final List<Double> runTaskCall = new ArrayList<>();
  private final List<Double> toAgentStart = new ArrayList<>();
  private final List<Double> agentStartToSeen = new ArrayList<>();
  private final List<Double> docker = new ArrayList<>();

  private StartLatency() {}

  static void run(TaskStartBench bench, int warmup, int runs) throws IOException, InterruptedException {
    StartLatency measured = new StartLatency();
    StartLatency discarded = new StartLatency();
    for (int i = 0; i < warmup + runs; i++) {
      StartLatency into = i < warmup ? discarded : measured;
      into.gantryOnce(bench);
      into.dockerOnce(bench);
    }
    measured.print(bench.pollMillis());
  }

  private void gantryOnce(TaskStartBench bench) throws IOException, InterruptedException {
    GantryTasks tasks = bench.gantry();
    long sent = System.nanoTime();
    List<String> arns = tasks.run(1);
    long answered = System.nanoTime();
    Instant answeredAt = Instant.now();
    Map<String, GantryTasks.Seen> seen = tasks.await(arns, "RUNNING", bench.pollMillis(), 60_000);
    long running = System.nanoTime();
    Instant runningAt = Instant.now();
    GantryTasks.Seen task = seen.get(arns.get(0));
    runTaskCall.add(TaskStartBench.millisSince(sent, answered));
    afterResponse.add(TaskStartBench.millisSince(answered, running));
    afterRequest.add(TaskStartBench.millisSince(sent, running));
    toAgentStart.add(TaskStartBench.millisBetween(answeredAt, task.startedAt()));
    agentStartToSeen.add(TaskStartBench.millisBetween(task.startedAt(), runningAt));
    bench.stopAndRemove(arns);
  }

  private void dockerOnce(TaskStartBench bench) throws IOException, InterruptedException {
    DockerCli.Run run = bench.dockerRun();
    docker.add(run.millis());
    bench.removeRaw(List.of(run.containerId()));
  }

  private void print(long pollMillis) {
    Samples g = Samples.of(afterResponse);
    Samples gAll = Samples.of(afterRequest);
    Samples d = Samples.of(docker);
    System.out.println();
    System.out.println("## start latency, one task at a time (ms; p99 is nearest-rank, so the maximum below 100 runs)");
    System.out.printf("%-58s %4s %9s %9s %9s%n", "", "n", "median", "p99", "min");
    row("gantry: RunTask response -> DescribeTasks shows RUNNING", g);
    row("gantry: RunTask request sent -> shows RUNNING", gAll);
    row("docker run -d: process start -> exit", d);
    System.out.printf("ratio gantry/docker of the medians: %.2fx (from the RunTask response), %.2fx (from the request)%n",
        g.median() / d.median(), gAll.median() / d.median());
    System.out.printf("where Gantry's time goes (medians, ms; the wall clock of this machine, ms resolution):%n");
    System.out.printf("  RunTask call (request -> response)                      %8.1f%n", Samples.of(runTaskCall).median());
    System.out.printf("  RunTask response -> task startedAt (agent saw it start)  %8.1f%n", Samples.of(toAgentStart).median());
    System.out.printf("  startedAt -> first DescribeTasks showing RUNNING         %8.1f  (poll every %d ms: up to %d ms of it is the poll)%n",
        Samples.of(agentStartToSeen).median(), pollMillis, pollMillis);
  }

  private static void row(String name, Samples s) {
    System.out.printf("%-58s %4d %9.1f %9.1f %9.1f%n", name, s.count(), s.median(), s.percentile(99), s.min());
  }
}
