package io.gantry.server;

import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import java.util.function.Function;

/**
 * How the control plane notices and rides out failures.
 *
 * @param heartbeatInterval how often agents send heartbeats (told to them in the Welcome)
 * @param heartbeatMissedLimit after how many missed heartbeats a silent session is closed and its
 *     instance marked disconnected (detection takes interval × limit, plus up to one interval)
 * @param advertiseUrl the URL other replicas reach this one at (null: the address it listens on)
 * @param leaderLease the time to live of the leader's etcd lease: a dead leader is replaced
 *     within about this long plus a third of it
 * @param massDisconnectPercent when more than this share of a cluster's instances are
 *     disconnected, lost service tasks are not replaced (the control plane's own network is the
 *     likely fault); 100 turns the protection off
 * @param lostInstanceInterval below that share, the least time between two instances of one
 *     cluster whose service tasks are given up as lost (Kubernetes' node eviction rate, 0.1 nodes
 *     per second); zero turns the limit off
 */
public record FailureSettings(Duration heartbeatInterval, int heartbeatMissedLimit, URI advertiseUrl,
    Duration leaderLease, int massDisconnectPercent, Duration lostInstanceInterval) {
  public static final FailureSettings DEFAULTS = new FailureSettings(Duration.ofSeconds(3), 3, null,
      Duration.ofSeconds(6), 55, Duration.ofSeconds(10));

  /** With the default lost-instance interval (10 s). */
  public FailureSettings(Duration heartbeatInterval, int heartbeatMissedLimit, URI advertiseUrl,
      Duration leaderLease, int massDisconnectPercent) {
    this(heartbeatInterval, heartbeatMissedLimit, advertiseUrl, leaderLease, massDisconnectPercent,
        Duration.ofSeconds(10));
  }

  public FailureSettings {
    if (heartbeatInterval.toSeconds() < 1) {
      throw new IllegalArgumentException("heartbeat interval must be at least 1 second: " + heartbeatInterval);
    }
    if (heartbeatMissedLimit < 1) {
      throw new IllegalArgumentException("heartbeat missed limit must be at least 1: " + heartbeatMissedLimit);
    }
    if (leaderLease.toSeconds() < 2) {
      throw new IllegalArgumentException("leader lease must be at least 2 seconds: " + leaderLease);
    }
    if (massDisconnectPercent < 1 || massDisconnectPercent > 100) {
      throw new IllegalArgumentException("mass-disconnect percent must be from 1 to 100: " + massDisconnectPercent);
    }
    if (lostInstanceInterval.isNegative()) {
      throw new IllegalArgumentException("lost-instance interval must not be negative: " + lostInstanceInterval);
    }
  }

  /** How long a session may stay silent before it is closed. */
  public Duration silenceLimit() {
    return heartbeatInterval.multipliedBy(heartbeatMissedLimit);
  }

  /**
   * These settings with the values {@code lookup} finds under {@code heartbeat-interval-seconds},
   * {@code heartbeat-missed-limit}, {@code advertise-url}, {@code leader-lease-seconds},
   * {@code mass-disconnect-percent} and {@code lost-instance-interval-seconds} (each absent or
   * blank value left as it is).
   */
  public FailureSettings with(Function<String, String> lookup) {
    String interval = lookup.apply("heartbeat-interval-seconds");
    String missed = lookup.apply("heartbeat-missed-limit");
    String url = lookup.apply("advertise-url");
    String lease = lookup.apply("leader-lease-seconds");
    String percent = lookup.apply("mass-disconnect-percent");
    String lostInterval = lookup.apply("lost-instance-interval-seconds");
    return new FailureSettings(
        blank(interval) ? heartbeatInterval : Duration.ofSeconds(number("heartbeat-interval-seconds", interval)),
        blank(missed) ? heartbeatMissedLimit : (int) number("heartbeat-missed-limit", missed),
        blank(url) ? advertiseUrl : URI.create(url.strip()),
        blank(lease) ? leaderLease : Duration.ofSeconds(number("leader-lease-seconds", lease)),
        blank(percent) ? massDisconnectPercent : (int) number("mass-disconnect-percent", percent),
        blank(lostInterval) ? lostInstanceInterval
            : Duration.ofSeconds(number("lost-instance-interval-seconds", lostInterval)));
  }

  /** {@link #with} reading a properties file. */
  public FailureSettings with(Properties p) {
    return with(p::getProperty);
  }

  private static long number(String name, String value) {
    try {
      return Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number: " + value);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
