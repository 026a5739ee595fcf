package io.gantry.store.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Fresh directories for stores under one temporary root that is deleted when the JVM exits
 * (jqwik properties run outside JUnit's {@code @TempDir} lifecycle). Thread-safe.
 */
final class TestDirs {
  private static final Path ROOT = createRoot();

  private TestDirs() {}

  static Path newDir() {
    try {
      return Files.createTempDirectory(ROOT, "store-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path createRoot() {
    try {
      Path root = Files.createTempDirectory("gantry-store-test-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(root)));
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort at exit
    }
  }
}
