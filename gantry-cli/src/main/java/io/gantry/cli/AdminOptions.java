package io.gantry.cli;

import io.gantry.agent.session.AgentCredentials;
import io.gantry.agent.session.EcsApiClient;
import io.gantry.api.auth.CredentialsProfile;
import io.gantry.api.auth.SharedCredentials;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the admin verbs send their requests and which account key signs them. The key is found
 * as the AWS CLI finds it: {@code --profile} in the shared-credentials file; else
 * {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}; else the profile {@code AWS_PROFILE}
 * (default {@code default}) of {@code --credentials-file}, {@code AWS_SHARED_CREDENTIALS_FILE}
 * or {@code ~/.aws/credentials}; on the control plane's host, where none of these exists,
 * {@code ./.gantry/credentials}.
 */
final class AdminOptions {
  @Option(names = "--endpoint", description = "Control plane URL (GANTRY_ENDPOINT; default http://127.0.0.1:8080).")
  String endpoint;

  @Option(names = "--region", description = "Region to sign for: tokens live in it (AWS_REGION, AWS_DEFAULT_REGION; default us-east-1).")
  String region;

  @Option(names = "--profile", description = "Profile in the shared-credentials file (AWS_PROFILE; default: default).")
  String profile;

  @Option(names = "--credentials-file", description = "Shared-credentials file (AWS_SHARED_CREDENTIALS_FILE; default ~/.aws/credentials).")
  Path credentialsFile;

  /** The endpoint as given (for printing the agent's command line). */
  String endpointShown() {
    return first(endpoint, System.getenv("GANTRY_ENDPOINT"), "http://127.0.0.1:8080");
  }

  /** A client signing with the administrator's key for the chosen endpoint and region. */
  EcsApiClient client(Map<String, String> env) throws IOException {
    URI url = URI.create(first(endpoint, env.get("GANTRY_ENDPOINT"), "http://127.0.0.1:8080"));
    String signingRegion = first(region, env.get("AWS_REGION"), first(env.get("AWS_DEFAULT_REGION"), null, "us-east-1"));
    return new EcsApiClient(url, credentials(env, Path.of(System.getProperty("user.home"))), signingRegion,
        Clock.systemUTC());
  }

  AgentCredentials credentials(Map<String, String> env, Path home) throws IOException {
    String keyId = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (profile == null && keyId != null && !keyId.isBlank() && secret != null && !secret.isBlank()) {
      return new AgentCredentials(keyId, secret);
    }
    String name = first(profile, env.get("AWS_PROFILE"), "default");
    Path file = credentialsFile != null ? credentialsFile
        : env.get("AWS_SHARED_CREDENTIALS_FILE") != null ? Path.of(env.get("AWS_SHARED_CREDENTIALS_FILE"))
        : home.resolve(".aws/credentials");
    Path local = Path.of(".gantry", "credentials");
    if (!Files.exists(file) && credentialsFile == null && env.get("AWS_SHARED_CREDENTIALS_FILE") == null
        && Files.exists(local)) {
      file = local;
    }
    if (!Files.exists(file)) {
      throw new IOException("no AWS credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or "
          + "AWS_SHARED_CREDENTIALS_FILE (the control plane's is <data-dir>/credentials), or --credentials-file");
    }
    CredentialsProfile key = SharedCredentials.key(file, name);
    return new AgentCredentials(key.accessKeyId(), key.secretAccessKey());
  }

  private static String first(String flag, String envValue, String fallback) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    return envValue != null && !envValue.isBlank() ? envValue : fallback;
  }
}
