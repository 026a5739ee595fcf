package io.gantry.model.instance;

/** The versions of the agent and container runtime on a container instance (ECS {@code VersionInfo}). */
public record VersionInfo(String agentVersion, String agentHash, String dockerVersion) {}
