package io.gantry.agent.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issued agent credentials survive in the data directory, readable by the owner only. */
class SavedCredentialsTest {
  @TempDir Path dir;

  @Test
  void roundTripsWithMode0600() throws Exception {
    SavedCredentials saved = new SavedCredentials("AKGAISSUED", "s3cret", "123456789012", "eu-west-1", "edge");
    assertThat(SavedCredentials.load(dir)).isEmpty();
    saved.save(dir.resolve("agent"));
    Path file = SavedCredentials.file(dir.resolve("agent"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(SavedCredentials.load(dir.resolve("agent"))).contains(saved);
    assertThat(saved.toString()).doesNotContain("s3cret");
    try (var files = Files.list(dir.resolve("agent"))) {
      assertThat(files).containsExactly(file);
    }
  }
}
