package io.gantry.e2e.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code gantry} command (the CLI jar on the test class path) run once to completion in a
 * child JVM, for verbs that exit: {@code join-token ...}, or an {@code agent} that is refused.
 * Runs in {@code home} (also its {@code HOME}) with only the given {@code AWS_}/{@code GANTRY_}
 * variables. Stateless apart from the home directory.
 */
public final class GantryCli {
  private final Path home;

  public GantryCli(Path home) {
    this.home = home;
  }

  /** Runs {@code gantry <args>} with {@code env}; waits at most two minutes. */
  public AwsCli.Result run(Map<String, String> env, String... args) throws IOException, InterruptedException {
    Files.createDirectories(home);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
        "io.gantry.cli.Main"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(home.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("GANTRY_"));
    pb.environment().putAll(env);
    pb.environment().put("HOME", home.toString());
    return ProcessOutput.complete(pb, home, "gantry " + String.join(" ", args));
  }

  /** The test account key as the AWS CLI reads it from the environment. */
  public static Map<String, String> accountKey() {
    return Map.of("AWS_ACCESS_KEY_ID", GantryProcess.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", GantryProcess.SECRET_KEY);
  }
}
