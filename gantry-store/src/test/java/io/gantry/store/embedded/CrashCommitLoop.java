package io.gantry.store.embedded;

import io.gantry.store.Txn;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child process of {@link EmbeddedKvStoreCrashTest}: opens the store in {@code args[0]} and,
 * on {@code args[2]} threads, commits keys numbered from {@code args[1]} until it is killed,
 * printing {@code ACK n OK} after the commit of key n returned, and {@code FAIL ...} on surprises.
 */
public final class CrashCommitLoop {
  private CrashCommitLoop() {}

  static String key(long n) {
    return "crash/" + String.format("%09d", n);
  }

  static byte[] value(long n) {
    return ("value-" + n).getBytes(StandardCharsets.UTF_8);
  }

  public static void main(String[] args) {
    QuietLogs.install();
    PrintStream out = System.out;
    EmbeddedKvStore store = EmbeddedKvStore.open(Path.of(args[0]));
    AtomicLong next = new AtomicLong(Long.parseLong(args[1]));
    int threads = Integer.parseInt(args[2]);
    out.println("READY " + store.revision());
    out.flush();
    for (int t = 0; t < threads; t++) {
      Thread thread = new Thread(() -> {
        while (true) {
          long n = next.getAndIncrement();
          String key = key(n);
          try {
            if (!store.commit(Txn.builder().absent(key).put(key, value(n)).build()).succeeded()) {
              report(out, "FAIL key " + n + " already exists");
              return;
            }
          } catch (RuntimeException e) {
            report(out, "FAIL " + e);
            return;
          }
          report(out, "ACK " + n + " OK");
        }
      });
      thread.start();
    }
  }

  private static void report(PrintStream out, String line) {
    synchronized (out) {
      out.println(line);
      out.flush();
    }
  }
}
