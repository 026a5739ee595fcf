package io.gantry.agent.session;

import io.gantry.api.auth.CredentialsProfile;
import io.gantry.api.auth.SharedCredentials;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The access key the agent signs with: issued by the control plane for a join token, read from an
 * AWS shared-credentials file, or given directly. Immutable; {@link #toString()} hides the secret.
 */
public record AgentCredentials(String accessKeyId, String secretAccessKey) {
  public AgentCredentials {
    if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
      throw new IllegalArgumentException("the agent needs an access key id and secret");
    }
  }

  @Override
  public String toString() {
    return "AgentCredentials[" + accessKeyId + "]";
  }

  /** The key of {@code profile} in an AWS shared-credentials file. */
  public static AgentCredentials fromFile(Path file, String profile) throws IOException {
    CredentialsProfile p = SharedCredentials.key(file, profile);
    return new AgentCredentials(p.accessKeyId(), p.secretAccessKey());
  }
}
