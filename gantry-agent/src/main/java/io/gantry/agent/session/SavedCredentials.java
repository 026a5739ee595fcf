package io.gantry.agent.session;

import io.gantry.api.json.AwsJson;
import io.gantry.api.join.JoinResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Agent credentials the control plane issued to this machine (for a join token, or directly to
 * the local agent of {@code gantry up}), kept in the agent's data directory with mode 0600 so a
 * restarted agent signs with them again without the token. Immutable; {@link #toString()} hides
 * the secret.
 *
 * @param region the region the credentials are bound to, which the agent signs for
 * @param cluster the cluster they may serve
 */
public record SavedCredentials(String accessKeyId, String secretAccessKey, String accountId, String region,
    String cluster) {
  static final String FILE = "credentials.json";

  public SavedCredentials {
    new AgentCredentials(accessKeyId, secretAccessKey);
    if (region == null || region.isBlank() || cluster == null || cluster.isBlank()) {
      throw new IllegalArgumentException("saved agent credentials name their region and cluster");
    }
  }

  public static SavedCredentials of(JoinResponse joined) {
    return new SavedCredentials(joined.accessKeyId(), joined.secretAccessKey(), joined.accountId(), joined.region(),
        joined.cluster());
  }

  /** The credentials saved in {@code dataDir}, if any. */
  public static Optional<SavedCredentials> load(Path dataDir) throws IOException {
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(AwsJson.mapper().readValue(file.toFile(), SavedCredentials.class));
  }

  /** Writes the file atomically with mode 0600. */
  public void save(Path dataDir) throws IOException {
    DataFiles.write(dataDir, FILE, AwsJson.mapper().writeValueAsBytes(this));
  }

  /** The file these credentials are kept in under {@code dataDir}. */
  public static Path file(Path dataDir) {
    return dataDir.resolve(FILE);
  }

  public AgentCredentials credentials() {
    return new AgentCredentials(accessKeyId, secretAccessKey);
  }

  @Override
  public String toString() {
    return "SavedCredentials[" + accessKeyId + " " + accountId + "/" + region + "/" + cluster + "]";
  }
}
