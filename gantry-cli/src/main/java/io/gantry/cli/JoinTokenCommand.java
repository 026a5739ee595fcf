package io.gantry.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.agent.session.EcsApiClient;
import io.gantry.api.join.CreateJoinTokenRequest;
import io.gantry.api.json.AwsJson;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code gantry join-token create|list|revoke}: manages the tokens with which machines join a
 * cluster ({@code gantry agent --join-token}), through the control plane's admin operations,
 * signed with an account key. Each subcommand makes one request and exits: 0 on success, 1 when
 * the control plane refuses, 2 for bad local input.
 */
@Command(name = "join-token", mixinStandardHelpOptions = true,
    description = "Create, list and revoke tokens that let machines join a cluster.",
    subcommands = {JoinTokenCommand.Create.class, JoinTokenCommand.ListTokens.class, JoinTokenCommand.Revoke.class})
final class JoinTokenCommand implements Runnable {
  static final String PATH = "/admin/v1/join-tokens";

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** Runs one admin request and prints what it answers; maps failures to exit codes. */
  abstract static class AdminVerb implements Callable<Integer> {
    @Mixin
    AdminOptions admin = new AdminOptions();

    abstract void run(EcsApiClient client) throws IOException, InterruptedException;

    @Override
    public Integer call() throws Exception {
      EcsApiClient client;
      try {
        client = admin.client(System.getenv());
      } catch (IOException | IllegalArgumentException e) {
        System.err.println("gantry join-token: " + e.getMessage());
        return 2;
      }
      try {
        run(client);
        return 0;
      } catch (IOException e) {
        System.err.println("gantry join-token: " + e.getMessage());
        return 1;
      }
    }
  }

  @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a join token for a cluster.")
  static final class Create extends AdminVerb {
    @Option(names = "--cluster", required = true, description = "Cluster the token lets machines join.")
    String cluster;

    @Option(names = "--ttl", converter = DurationFlag.class, description = "How long the token is valid (default 24h, at most 30d).")
    Duration ttl;

    @Option(names = "--description", description = "Shown by 'gantry join-token list'.")
    String description;

    @Option(names = {"-q", "--quiet"}, description = "Print only the token.")
    boolean quiet;

    @Override
    void run(EcsApiClient client) throws IOException, InterruptedException {
      byte[] body = AwsJson.mapper().writeValueAsBytes(
          new CreateJoinTokenRequest(cluster, ttl == null ? null : ttl.toSeconds(), description));
      JsonNode answer = client.send("POST", PATH, null, body, "content-type", "application/json");
      String token = answer.path("token").asText();
      if (quiet) {
        System.out.println(token);
        return;
      }
      JsonNode info = answer.path("joinToken");
      System.out.println("Created join token " + info.path("tokenId").asText() + " for " + info.path("clusterArn").asText()
          + ", valid until " + Instant.ofEpochMilli((long) (info.path("expiresAt").asDouble() * 1000)) + ".");
      System.out.println("Token: " + token);
      System.out.println("On the machine that joins:");
      System.out.println("  gantry agent --endpoint " + admin.endpointShown() + " --cluster " + cluster
          + " --join-token " + token);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List join tokens (revoked and expired ones too).")
  static final class ListTokens extends AdminVerb {
    @Option(names = "--cluster", description = "Only this cluster's tokens.")
    String cluster;

    @Override
    void run(EcsApiClient client) throws IOException, InterruptedException {
      String query = cluster == null ? null : "cluster=" + URLEncoder.encode(cluster, StandardCharsets.UTF_8);
      JsonNode answer = client.send("GET", PATH, query, new byte[0]);
      System.out.printf("%-10s  %-8s  %-24s  %-20s  %s%n", "ID", "STATUS", "EXPIRES", "CLUSTER", "DESCRIPTION");
      for (JsonNode t : answer.path("joinTokens")) {
        String arn = t.path("clusterArn").asText();
        System.out.printf("%-10s  %-8s  %-24s  %-20s  %s%n", t.path("tokenId").asText(), t.path("status").asText(),
            Instant.ofEpochMilli((long) (t.path("expiresAt").asDouble() * 1000)),
            arn.substring(arn.lastIndexOf('/') + 1), t.path("description").asText(""));
      }
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a join token: no machine can join with it any more (machines that joined keep their credentials).")
  static final class Revoke extends AdminVerb {
    @Parameters(paramLabel = "ID", description = "The token id (the part before the dot).")
    String id;

    @Override
    void run(EcsApiClient client) throws IOException, InterruptedException {
      String tokenId = id.contains(".") ? id.substring(0, id.indexOf('.')) : id;
      JsonNode answer = client.send("DELETE", PATH + "/" + URLEncoder.encode(tokenId, StandardCharsets.UTF_8), null,
          new byte[0]);
      System.out.println("Revoked join token " + answer.path("joinToken").path("tokenId").asText() + ".");
    }
  }
}
