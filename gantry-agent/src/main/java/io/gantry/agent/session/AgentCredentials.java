package io.gantry.agent.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** The access key the agent signs with; read from an AWS shared-credentials file or given directly. */
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
    String current = null;
    Map<String, String> values = new HashMap<>();
    for (String raw : Files.readAllLines(file)) {
      String line = raw.strip();
      if (line.startsWith("[") && line.endsWith("]")) {
        current = line.substring(1, line.length() - 1).strip();
      } else if (profile.equals(current) && line.contains("=")) {
        int eq = line.indexOf('=');
        values.put(line.substring(0, eq).strip().toLowerCase(Locale.ROOT), line.substring(eq + 1).strip());
      }
    }
    if (!values.containsKey("aws_access_key_id") || !values.containsKey("aws_secret_access_key")) {
      throw new IOException("no access key for profile [" + profile + "] in " + file);
    }
    return new AgentCredentials(values.get("aws_access_key_id"), values.get("aws_secret_access_key"));
  }
}
