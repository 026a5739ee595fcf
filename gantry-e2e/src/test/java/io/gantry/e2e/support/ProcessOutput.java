package io.gantry.e2e.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Copies a child process's output to a log file and reports the first line a matcher accepts. */
final class ProcessOutput {
  private ProcessOutput() {}

  /**
   * Follows {@code process}'s output on a daemon thread, appending it to {@code log}; the future
   * completes with {@code match}'s first non-null answer, or fails when the output ends first.
   */
  static <T> CompletableFuture<T> follow(Process process, Path log, Function<String, T> match) {
    CompletableFuture<T> found = new CompletableFuture<>();
    Thread pump = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
          var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
        String line;
        while ((line = in.readLine()) != null) {
          out.write(line);
          out.newLine();
          out.flush();
          if (!found.isDone()) {
            T value = match.apply(line);
            if (value != null) {
              found.complete(value);
            }
          }
        }
      } catch (IOException e) {
        found.completeExceptionally(e);
      }
      found.completeExceptionally(new IOException("the process's output ended first; see " + log));
    }, "output-" + process.pid());
    pump.setDaemon(true);
    pump.start();
    return found;
  }

  /**
   * Runs {@code pb} to completion (at most two minutes) with its output and error streams in
   * temporary files under {@code dir}, and returns its exit code and both streams.
   */
  static AwsCli.Result complete(ProcessBuilder pb, Path dir, String what) throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(what + " timed out");
    }
    return new AwsCli.Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
