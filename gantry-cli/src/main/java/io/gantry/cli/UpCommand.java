package io.gantry.cli;

import picocli.CommandLine.Command;

/**
 * {@code gantry up}: everything a single machine needs, in one process. Today that is the control
 * plane with its embedded store; the local node agent joins it here once it exists.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Start Gantry on this machine: control plane with embedded store (and, later, a local agent).")
final class UpCommand extends ServerCommand {}
