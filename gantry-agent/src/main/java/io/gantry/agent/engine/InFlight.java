package io.gantry.agent.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The engine's bookkeeping of runtime work in flight, per task: the busy keys (a container name,
 * or a task's preparation or clean-up) whose action runs now; keys cooling off after a runtime
 * failure (busy until the next tick, so a broken runtime is retried once a tick); containers to
 * inspect again once free (an event came while they were busy); containers whose creation broke
 * half-way (look for them by label before creating them again). Engine thread only.
 */
final class InFlight {
  private final Map<String, Set<String>> busy = new HashMap<>();
  private final Map<String, Set<String>> cooling = new HashMap<>();
  private final Set<String> recheck = new HashSet<>();
  private final Set<String> lookFirst = new HashSet<>();

  /** The busy keys of a task (live view, for the reconciler). */
  Set<String> busy(String arn) {
    return busy.computeIfAbsent(arn, k -> new HashSet<>());
  }

  boolean isBusy(String arn, String key) {
    return busy(arn).contains(key);
  }

  void begin(String arn, String key) {
    busy(arn).add(key);
  }

  void end(String arn, String key) {
    busy(arn).remove(key);
  }

  /** The runtime failed during {@code key}: keep it busy until {@link #thaw}. */
  void coolOff(String arn, String key) {
    cooling.computeIfAbsent(arn, k -> new HashSet<>()).add(key);
  }

  /** A tick: keys cooling off are free again. */
  void thaw() {
    cooling.forEach((arn, keys) -> busy(arn).removeAll(keys));
    cooling.clear();
  }

  void markRecheck(String arn, String name) {
    recheck.add(arn + '\n' + name);
  }

  /** True (once) if the container was marked for another look. */
  boolean takeRecheck(String arn, String name) {
    return recheck.remove(arn + '\n' + name);
  }

  void markLookFirst(String arn, String name) {
    lookFirst.add(arn + '\n' + name);
  }

  boolean takeLookFirst(String arn, String name) {
    return lookFirst.remove(arn + '\n' + name);
  }

  /** Forgets a task that is gone. */
  void forget(String arn) {
    busy.remove(arn);
    cooling.remove(arn);
    recheck.removeIf(k -> k.startsWith(arn + '\n'));
    lookFirst.removeIf(k -> k.startsWith(arn + '\n'));
  }
}
