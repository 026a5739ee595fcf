package io.gantry.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.store.KeyValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a committing child JVM with SIGKILL, twice, and checks that every commit it
 * acknowledged is on disk: what the store promises about {@code kill -9}.
 */
class EmbeddedKvStoreCrashTest {
  static {
    QuietLogs.install();
  }

  private static final int ACKS_PER_ROUND = 300;

  @TempDir
  Path dir;

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void everyAcknowledgedCommitSurvivesKill9() throws Exception {
    Set<Long> acknowledged = new HashSet<>();
    acknowledged.addAll(commitUntilKilled(1, 4));
    acknowledged.addAll(commitUntilKilled(1_000_000, 1)); // the second child recovers the first's database

    try (EmbeddedKvStore store = EmbeddedKvStore.open(storeDir())) {
      for (long n : acknowledged) {
        assertThat(store.get(CrashCommitLoop.key(n))).as("acknowledged key %d", n)
            .hasValueSatisfying(kv -> assertThat(kv.value()).isEqualTo(CrashCommitLoop.value(n)));
      }
      List<KeyValue> all = store.range("crash/");
      assertThat(store.revision()).isGreaterThanOrEqualTo(acknowledged.size()).isEqualTo(all.size());
      for (KeyValue kv : all) {
        long n = Long.parseLong(kv.key().substring("crash/".length()));
        assertThat(kv.value()).isEqualTo(CrashCommitLoop.value(n));
        assertThat(kv.createRevision()).isEqualTo(kv.modRevision());
      }
    }
  }

  /** Runs a child until it acknowledged enough commits, kills it, and returns every acknowledged key number. */
  private List<Long> commitUntilKilled(long first, int threads) throws IOException, InterruptedException {
    Path stderr = Files.createTempFile(dir, "child-", ".err");
    Process child = new ProcessBuilder(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"),
        CrashCommitLoop.class.getName(), storeDir().toString(), Long.toString(first), Integer.toString(threads))
        .redirectError(stderr.toFile())
        .start();
    List<Long> acks = new ArrayList<>();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while (acks.size() < ACKS_PER_ROUND && (line = out.readLine()) != null) {
        record(line, acks, stderr);
      }
      assertThat(acks).as("acknowledgements before the child ended; its stderr: %s", Files.readString(stderr))
          .hasSize(ACKS_PER_ROUND);
      // SIGKILL. Through the handle, because Process.destroyForcibly() also closes our end of the
      // pipe, and the acknowledgements still in it are the ones most likely to reveal a lost commit.
      child.toHandle().destroyForcibly();
      assertThat(child.waitFor(10, TimeUnit.SECONDS)).isTrue();
      while ((line = out.readLine()) != null) { // acknowledgements still in the pipe count too
        record(line, acks, stderr);
      }
    } finally {
      child.destroyForcibly();
      Files.deleteIfExists(stderr);
    }
    return acks;
  }

  private Path storeDir() {
    return dir.resolve("store");
  }

  private static void record(String line, List<Long> acks, Path stderr) throws IOException {
    if (line.startsWith("ACK ") && line.endsWith(" OK")) { // a line cut short by the kill does not count
      acks.add(Long.parseLong(line.substring(4, line.length() - 3)));
    } else if (line.startsWith("FAIL")) {
      throw new AssertionError("child failed: " + line + "; stderr: " + Files.readString(stderr));
    }
  }
}
