package io.gantry.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The AWS CLI v2 (Debian's awscli, {@code /usr/bin/aws}) run against a test server with the
 * test key in its environment. {@code ./run-tests} installs it.
 */
public final class AwsCli {
  public static final Path AWS = Path.of("/usr/bin/aws");
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI endpoint;
  private final Path home;

  /** One CLI invocation's outcome. */
  public record Result(int exitCode, String stdout, String stderr) {
    public JsonNode json() {
      try {
        return JSON.readTree(stdout);
      } catch (IOException e) {
        throw new AssertionError("not JSON: " + stdout + "\nstderr: " + stderr, e);
      }
    }
  }

  public AwsCli(URI endpoint, Path home) {
    if (!Files.isExecutable(AWS)) {
      throw new IllegalStateException("The AWS CLI v2 is not installed at " + AWS + "; run ./run-tests, which installs it.");
    }
    this.endpoint = endpoint;
    this.home = home;
  }

  /** Runs {@code aws ecs <args> --endpoint-url ... --output json}. */
  public Result ecs(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(AWS.toString(), "ecs"));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of("--endpoint-url", endpoint.toString(), "--output", "json", "--no-cli-pager"));
    return run(new ProcessBuilder(cmd), "aws " + String.join(" ", args));
  }

  /**
   * Runs a shell script as the README's walkthroughs are written: bash with {@code set -euo
   * pipefail} and {@code gecs} standing for {@code aws ecs --endpoint-url <this server>} (the
   * README's alias), the test key in the environment, output as the CLI's default (JSON).
   */
  public Result script(String script) throws IOException, InterruptedException {
    String prelude = "set -euo pipefail\ngecs() { " + AWS + " ecs --endpoint-url " + endpoint
        + " --no-cli-pager \"$@\"; }\n";
    return run(new ProcessBuilder("bash", "-c", prelude + script), "walkthrough script");
  }

  private Result run(ProcessBuilder pb, String what) throws IOException, InterruptedException {
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_"));
    pb.environment().put("AWS_ACCESS_KEY_ID", GantryProcess.ACCESS_KEY);
    pb.environment().put("AWS_SECRET_ACCESS_KEY", GantryProcess.SECRET_KEY);
    pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    pb.environment().put("AWS_CONFIG_FILE", home.resolve("config").toString());
    pb.environment().put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
    pb.environment().put("AWS_MAX_ATTEMPTS", "1");
    pb.environment().put("HOME", home.toString());
    return ProcessOutput.complete(pb, home, what);
  }
}
