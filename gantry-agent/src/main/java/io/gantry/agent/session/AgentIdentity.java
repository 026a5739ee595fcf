package io.gantry.agent.session;

import io.gantry.api.json.AwsJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who this agent is, kept in its data directory so the container instance id stays the same
 * across agent restarts: the cluster and the container instance ARN it registered as.
 */
public record AgentIdentity(String cluster, String containerInstanceArn) {
  private static final String FILE = "identity.json";

  public static Optional<AgentIdentity> load(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(AwsJson.mapper().readValue(file.toFile(), AgentIdentity.class));
  }

  /** Writes atomically (temp file, fsync, rename), so a crash leaves the old or the new identity. */
  public void save(Path dataDir) throws IOException {
    DataFiles.write(dataDir, FILE, AwsJson.mapper().writeValueAsBytes(this));
  }
}
