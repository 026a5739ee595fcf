package io.gantry.agent.session;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the machine's NVIDIA GPUs the way the ECS GPU AMI does, with {@code nvidia-smi}: one UUID
 * per GPU ({@code nvidia-smi --query-gpu=uuid --format=csv,noheader}). No {@code nvidia-smi} on the
 * PATH means no GPUs; one that fails or hangs is logged and counts as none, so a broken driver
 * never stops the agent from joining.
 */
public final class GpuDiscovery {
  private static final Logger log = LoggerFactory.getLogger(GpuDiscovery.class);
  private static final long TIMEOUT_SECONDS = 10;

  private GpuDiscovery() {}

  /** The GPUs of this machine: {@code nvidia-smi} found on {@code path} (a PATH value), or none. */
  public static List<String> detect(String path) {
    return onPath(path).map(GpuDiscovery::query).orElse(List.of());
  }

  /** {@code nvidia-smi} on the directories of {@code path}, if one is executable. */
  static Optional<Path> onPath(String path) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        Path candidate = Path.of(dir, "nvidia-smi");
        if (Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      }
    }
    return Optional.empty();
  }

  /** The GPU UUIDs {@code nvidiaSmi} lists; empty when it fails. */
  public static List<String> query(Path nvidiaSmi) {
    Path out = null;
    try {
      out = Files.createTempFile("gantry-nvidia-smi", ".csv");
      Process p = new ProcessBuilder(nvidiaSmi.toString(), "--query-gpu=uuid", "--format=csv,noheader")
          .redirectErrorStream(true).redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(
              new File("/dev/null"))).start();
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        log.warn("{} did not answer within {} s; no GPUs offered", nvidiaSmi, TIMEOUT_SECONDS);
        return List.of();
      }
      String text = Files.readString(out, StandardCharsets.UTF_8);
      if (p.exitValue() != 0) {
        log.warn("{} failed (exit {}): {}; no GPUs offered", nvidiaSmi, p.exitValue(), text.strip());
        return List.of();
      }
      return parse(text);
    } catch (IOException e) {
      log.warn("could not run {}: {}; no GPUs offered", nvidiaSmi, e.getMessage());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    } finally {
      if (out != null) {
        out.toFile().delete();
      }
    }
  }

  /** The UUIDs of {@code nvidia-smi}'s CSV answer, one per non-blank line. */
  static List<String> parse(String csv) {
    List<String> ids = new ArrayList<>();
    for (String line : csv.split("\\R")) {
      String id = line.strip();
      if (!id.isEmpty()) {
        ids.add(id);
      }
    }
    return ids;
  }
}
