package io.gantry.agent.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.api.json.AwsJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's local state on disk: {@code engine.json} (see {@link EngineFile}) and one {@code tasks/<task id>.json}
 * per task the engine owns. Every write goes to a temporary file that is synced and then renamed
 * over the old one, so a {@code kill -9} at any moment leaves either the old or the new version.
 * Used only from the engine thread.
 */
final class EngineStateStore {
  private static final Logger log = LoggerFactory.getLogger(EngineStateStore.class);
  private static final String ENGINE = "engine.json";
  private static final String TASKS = "tasks";

  private final Path dir;
  private final Path tasksDir;
  private final ObjectMapper json = AwsJson.mapper();

  /**
   * The engine-wide part of the state: this state directory's engine id (the label that tells
   * the containers it created from other agents' on a shared runtime), the last applied sequence
   * number, the ceiling of the state-change ids handed out, and the ARNs of the tasks most
   * recently cleaned up (so a stale desired set cannot start one of them again).
   */
  record EngineFile(String engineId, long lastAppliedSeq, long reportIdCeiling, List<String> forgotten) {
    static final EngineFile EMPTY = new EngineFile(null, 0, 0, List.of());

    EngineFile {
      forgotten = forgotten == null ? List.of() : List.copyOf(forgotten);
    }
  }

  EngineStateStore(Path dir) {
    this.dir = dir;
    this.tasksDir = dir.resolve(TASKS);
    try {
      Files.createDirectories(tasksDir);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the engine state directory " + tasksDir, e);
    }
  }

  EngineFile loadEngine() {
    Path file = dir.resolve(ENGINE);
    if (!Files.exists(file)) {
      return EngineFile.EMPTY;
    }
    try {
      return json.readValue(file.toFile(), EngineFile.class);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file, e);
    }
  }

  void saveEngine(EngineFile state) {
    write(dir.resolve(ENGINE), state);
  }

  /** Every task file that can be read; one that cannot is logged and left in place. */
  List<TaskRecord> loadTasks() {
    List<TaskRecord> tasks = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(tasksDir, "*.json")) {
      for (Path file : files) {
        try {
          tasks.add(json.readValue(file.toFile(), TaskRecord.class));
        } catch (IOException | RuntimeException e) {
          log.error("ignoring unreadable task state {}", file, e);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + tasksDir, e);
    }
    return tasks;
  }

  void saveTask(TaskRecord task) {
    write(taskFile(task.taskArn()), task);
  }

  void deleteTask(String taskArn) {
    try {
      Files.deleteIfExists(taskFile(taskArn));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete the state of " + taskArn, e);
    }
  }

  private Path taskFile(String taskArn) {
    String id = taskArn.substring(taskArn.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_.-]", "_");
    return tasksDir.resolve(id + ".json");
  }

  private void write(Path target, Object value) {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    try {
      byte[] bytes = json.writeValueAsBytes(value);
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + target, e);
    }
  }
}
