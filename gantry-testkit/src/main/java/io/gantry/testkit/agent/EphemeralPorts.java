package io.gantry.testkit.agent;

import java.util.HashSet;
import java.util.Set;

/**
 * The host ports one simulated machine hands out for dynamic port mappings (bridge mode, host
 * port 0 or absent), as Docker does from the Linux ephemeral range: the next free one, round
 * robin, so a port just released is not reused at once. Mutable; confined to its agent's monitor.
 */
final class EphemeralPorts {
  static final int FIRST = 32768;
  static final int LAST = 60999;

  private final Set<Integer> inUse = new HashSet<>();
  private int next = FIRST;

  /** A free port, now taken. */
  int take() {
    if (inUse.size() > LAST - FIRST) {
      throw new IllegalStateException("no ephemeral port left");
    }
    while (inUse.contains(next)) {
      advance();
    }
    int port = next;
    inUse.add(port);
    advance();
    return port;
  }

  void release(int port) {
    inUse.remove(port);
  }

  private void advance() {
    next = next == LAST ? FIRST : next + 1;
  }
}
