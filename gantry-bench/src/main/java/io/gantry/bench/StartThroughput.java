package io.gantry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The throughput half of {@link TaskStartBench}: 100 tasks from 10 RunTask calls of count 10,
 * timed from the first call to the DescribeTasks answer that shows all 100 RUNNING, against 100
 * {@code docker run -d} from 10 concurrent workers of 10 each, timed until the last CLI exits.
 * The RunTask calls are issued concurrently (the benchmark proper) and, as a second Gantry
 * figure, one after another. A round that does not finish within {@link #DEADLINE_MILLIS} says
 * how far it got instead of failing. The driver thread waits; each concurrent side uses a pool of
 * 10 threads that lives for one round.
 */
final class StartThroughput {
  static final int CALLS = 10;
  static final int PER_CALL = 10;
  static final long DEADLINE_MILLIS = 300_000;

  /** One round of one side: tasks/s, or NaN with a note when not all tasks ran in time. */
  private record Round(double rate, String note) {}

  private StartThroughput() {}

  static void run(TaskStartBench bench, int rounds) throws Exception {
    List<Double> concurrent = new ArrayList<>();
    List<Double> sequential = new ArrayList<>();
    List<Double> docker = new ArrayList<>();
    System.out.println();
    System.out.printf("## throughput: %d tasks from %d RunTask calls of %d vs %d docker run -d from %d concurrent workers "
        + "(tasks/s; RUNNING seen by DescribeTasks every %d ms)%n",
        CALLS * PER_CALL, CALLS, PER_CALL, CALLS * PER_CALL, CALLS, bench.pollMillis());
    for (int r = 1; r <= rounds; r++) {
      Round c = gantryRound(bench, true);
      Round d = dockerRound(bench);
      Round s = gantryRound(bench, false);
      System.out.printf("round %d: gantry, 10 concurrent RunTask: %s   docker: %s   gantry, 10 RunTask one after another: %s%n",
          r, c.note(), d.note(), s.note());
      concurrent.add(c.rate());
      docker.add(d.rate());
      sequential.add(s.rate());
    }
    double d = median(docker);
    double c = median(concurrent);
    double s = median(sequential);
    System.out.printf("median of %d rounds: docker %.1f tasks/s; gantry concurrent RunTask %s; gantry sequential RunTask %s%n",
        rounds, d, versus(c, d), versus(s, d));
  }

  private static String versus(double gantry, double docker) {
    return Double.isNaN(gantry) ? "did not finish" : String.format("%.1f tasks/s (%.2fx)", gantry, gantry / docker);
  }

  private static double median(List<Double> rates) {
    if (rates.stream().anyMatch(x -> x.isNaN())) {
      return Double.NaN;
    }
    return Samples.of(rates).median();
  }

  private static Round gantryRound(TaskStartBench bench, boolean concurrent) throws Exception {
    GantryTasks tasks = bench.gantry();
    List<String> arns = new ArrayList<>();
    long start = System.nanoTime();
    if (concurrent) {
      for (List<String> some : inParallel(() -> tasks.run(PER_CALL))) {
        arns.addAll(some);
      }
    } else {
      for (int i = 0; i < CALLS; i++) {
        arns.addAll(tasks.run(PER_CALL));
      }
    }
    Map<String, GantryTasks.Seen> seen = tasks.poll(arns, "RUNNING", bench.pollMillis(), DEADLINE_MILLIS);
    double seconds = TaskStartBench.millisSince(start, System.nanoTime()) / 1000;
    bench.stopAndRemove(arns);
    int running = GantryTasks.count(seen, "RUNNING");
    if (running < arns.size()) {
      return new Round(Double.NaN, String.format("not done after %.0f s %s", seconds, GantryTasks.statuses(seen)));
    }
    return rate(arns.size(), seconds);
  }

  private static Round dockerRound(TaskStartBench bench) throws Exception {
    long start = System.nanoTime();
    List<List<String>> batches = inParallel(() -> {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < PER_CALL; i++) {
        ids.add(bench.dockerRun().containerId());
      }
      return ids;
    });
    double seconds = TaskStartBench.millisSince(start, System.nanoTime()) / 1000;
    List<String> ids = batches.stream().flatMap(List::stream).toList();
    bench.removeRaw(ids);
    return rate(ids.size(), seconds);
  }

  private static Round rate(int tasks, double seconds) {
    double rate = tasks / seconds;
    return new Round(rate, String.format("%.1f tasks/s (%.1f s)", rate, seconds));
  }

  /** Runs {@code work} {@link #CALLS} times at once and returns the results in order. */
  private static <T> List<T> inParallel(Callable<T> work) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CALLS);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        futures.add(pool.submit(work));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
