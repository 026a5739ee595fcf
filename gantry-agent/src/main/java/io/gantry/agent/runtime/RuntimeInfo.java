package io.gantry.agent.runtime;

/**
 * What the runtime and its machine offer: the runtime's version and API version, CPUs, memory in
 * bytes, OS type ({@code linux}), operating system, CPU architecture ({@code x86_64},
 * {@code aarch64}) and kernel version, as the runtime reports them.
 */
public record RuntimeInfo(
    String runtimeVersion,
    String apiVersion,
    int cpus,
    long memoryBytes,
    String osType,
    String operatingSystem,
    String architecture,
    String kernelVersion) {}
