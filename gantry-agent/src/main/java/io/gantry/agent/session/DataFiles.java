package io.gantry.agent.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes small files of the agent's data directory atomically: a temporary file readable by the
 * owner only, fsync, then a rename, so a crash leaves the old or the new content. Stateless.
 */
final class DataFiles {
  private DataFiles() {}

  /** Replaces {@code dir/name} with {@code content}; the file ends up with mode 0600. */
  static void write(Path dir, String name, byte[] content) throws IOException {
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + name, ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        out.write(ByteBuffer.wrap(content));
        out.force(true);
      }
      Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
