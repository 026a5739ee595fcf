package io.gantry.server.services;

/**
 * Whether a cluster looks cut off as a whole rather than losing machines one by one: when more
 * than {@code thresholdPercent} of its instances (and at least {@value #MIN_DISCONNECTED}) have
 * disconnected agents, the likely fault is the control plane's own network, and replacing their
 * tasks would start a storm of launches on the few instances left (and duplicates once the
 * network heals). The rule is Kubernetes' for unhealthy zones (more than 2 not-ready nodes and at
 * least 55 % of the zone). Pure.
 */
record MassDisconnect(int instances, int disconnected, int thresholdPercent) {
  static final int MIN_DISCONNECTED = 3;

  /** Whether replacement of lost tasks is paused in this cluster. */
  boolean paused() {
    return thresholdPercent < 100 && disconnected >= MIN_DISCONNECTED
        && disconnected * 100L > (long) thresholdPercent * instances;
  }

  /** The service event while replacement is paused, in the words the other events use. */
  String event(String service) {
    return "(service " + service + ") is not replacing tasks on disconnected container instances: " + disconnected
        + " of " + instances + " instances in the cluster lost their agents at once (more than " + thresholdPercent
        + "%), which points at the network rather than the instances. Replacement resumes when agents reconnect.";
  }
}
