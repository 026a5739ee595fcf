package io.gantry.agent.runtime.fake;

import io.gantry.agent.runtime.ContainerStatus;
import io.gantry.agent.runtime.NetworkBinding;
import io.gantry.agent.runtime.NetworkSpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Host-port bookkeeping of the fake runtime, like the Engine's: a static host port already bound
 * by a live container refuses the start; a dynamic one takes the lowest free port of the
 * ephemeral range. Called under the runtime's lock.
 */
final class FakePorts {
  private static final int EPHEMERAL_FIRST = 32768;
  private static final int EPHEMERAL_LAST = 60999;

  private FakePorts() {}

  /** Why {@code c} cannot bind its static host ports, if another live container holds one. */
  static Optional<String> conflict(FakeContainer c, Collection<FakeContainer> all) {
    for (NetworkSpec.Port wanted : c.spec.network().ports()) {
      if (wanted.hostPort() == null || NetworkSpec.NONE.equals(c.spec.network().mode())) {
        continue;
      }
      for (FakeContainer other : all) {
        boolean taken = other != c && live(other) && other.bindings.stream().anyMatch(
            b -> b.hostPort() == wanted.hostPort() && b.protocol().equals(wanted.protocol()));
        if (taken) {
          return Optional.of("driver failed programming external connectivity on endpoint "
              + c.spec.name() + ": Bind for 0.0.0.0:" + wanted.hostPort()
              + " failed: port is already allocated");
        }
      }
    }
    return Optional.empty();
  }

  /** The bindings {@code c} gets when it starts. */
  static List<NetworkBinding> bind(FakeContainer c, Collection<FakeContainer> all) {
    NetworkSpec n = c.spec.network();
    if (NetworkSpec.NONE.equals(n.mode())) {
      return List.of();
    }
    List<NetworkBinding> out = new ArrayList<>();
    for (NetworkSpec.Port p : n.ports()) {
      int hostPort = p.hostPort() != null ? p.hostPort() : ephemeral(c, p.protocol(), all, out);
      out.add(new NetworkBinding("0.0.0.0", p.containerPort(), hostPort, p.protocol()));
    }
    return out;
  }

  private static int ephemeral(FakeContainer self, String protocol, Collection<FakeContainer> all,
      List<NetworkBinding> already) {
    Set<Integer> used = new HashSet<>();
    for (FakeContainer c : all) {
      if (c != self && live(c)) {
        c.bindings.stream().filter(b -> b.protocol().equals(protocol))
            .forEach(b -> used.add(b.hostPort()));
      }
    }
    already.stream().filter(b -> b.protocol().equals(protocol)).forEach(b -> used.add(b.hostPort()));
    for (int port = EPHEMERAL_FIRST; port <= EPHEMERAL_LAST; port++) {
      if (!used.contains(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no ephemeral " + protocol + " port left");
  }

  private static boolean live(FakeContainer c) {
    return c.status == ContainerStatus.RUNNING || c.startPending;
  }
}
