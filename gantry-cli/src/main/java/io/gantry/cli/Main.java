package io.gantry.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code gantry} command. */
@Command(
    name = "gantry",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "A self-hosted container orchestrator that speaks the Amazon ECS API.",
    subcommands = {UpCommand.class, ServerCommand.class, AgentCommand.class, JoinTokenCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    int code = new CommandLine(new Main()).execute(args);
    if (code != 0) {
      System.exit(code);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
