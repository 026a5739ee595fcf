package io.gantry.server.services;

import io.gantry.model.Scope;
import io.gantry.model.task.Task;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every service's tasks by service (task group {@code service:NAME}), kept from the store's
 * watch, so a controller pass reads one service's tasks without decoding the whole cluster's.
 * Entries carry the revision they were written at; an older write never replaces a newer one.
 * The launches the controller commits are added at once ({@link #launched}): a launch is one
 * transaction of many keys, and a pass that started while the watch was half-way through it
 * would otherwise launch again. {@link #awaitCurrent} waits until the watch has delivered the
 * store's current revision, so a pass sees the stops it committed.
 *
 * <p>Threading: {@link #put}, {@link #delete} and {@link #applied} are called on the store's
 * watch thread, the rest on the controller's thread; one monitor guards everything.
 */
final class ServiceTaskIndex {
  private static final Logger log = LoggerFactory.getLogger(ServiceTaskIndex.class);
  private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(5);

  /**
   * One task as last seen: the revision of its record (-1 for a launch not yet seen on the watch),
   * its container instance id, or for a FARGATE task the managed node's ARN (null until the watch
   * delivers its record).
   */
  record Entry(long revision, Task task, String instanceId, String managedInstanceArn) {
    String id() {
      return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    /** A task on managed capacity (launch type FARGATE): its host is a managed node, not an instance of the cluster. */
    boolean managed() {
      return managedInstanceArn != null || "FARGATE".equals(task.launchType());
    }
  }

  private final Map<ServiceKey, Map<String, Entry>> byService = new HashMap<>();
  private final Map<String, ServiceKey> serviceOfTask = new HashMap<>();
  private long appliedRevision;

  /** Task record {@code key} of {@code service} as written at {@code revision}. */
  synchronized void put(String key, ServiceKey service, long revision, Task task, String instanceId) {
    put(key, service, revision, task, instanceId, null);
  }

  /** As {@link #put(String, ServiceKey, long, Task, String)}, for a task on managed node {@code managedInstanceArn}. */
  synchronized void put(String key, ServiceKey service, long revision, Task task, String instanceId,
      String managedInstanceArn) {
    Map<String, Entry> tasks = byService.computeIfAbsent(service, k -> new HashMap<>());
    Entry before = tasks.get(key);
    if (before == null || before.revision() <= revision || before.revision() < 0) {
      tasks.put(key, new Entry(revision, task, instanceId, managedInstanceArn));
      serviceOfTask.put(key, service);
    }
  }

  synchronized void delete(String key) {
    ServiceKey service = serviceOfTask.remove(key);
    if (service != null) {
      Map<String, Entry> tasks = byService.get(service);
      tasks.remove(key);
      if (tasks.isEmpty()) {
        byService.remove(service);
      }
    }
  }

  /**
   * After a reload from a snapshot holding task records {@code present}: forgets the tasks seen
   * on the watch whose records are gone (deleted while the watch was behind compaction); launches
   * not seen on the watch yet stay.
   */
  synchronized void retainOnly(Set<String> present) {
    for (String key : new ArrayList<>(serviceOfTask.keySet())) {
      Map<String, Entry> tasks = byService.get(serviceOfTask.get(key));
      Entry e = tasks == null ? null : tasks.get(key);
      if (!present.contains(key) && (e == null || e.revision() >= 0)) {
        delete(key);
      }
    }
  }

  /** Tasks the controller just committed for {@code service}, keyed by their record keys. */
  synchronized void launched(ServiceKey service, Map<String, Task> tasks) {
    tasks.forEach((key, task) -> {
      Map<String, Entry> entries = byService.computeIfAbsent(service, k -> new HashMap<>());
      if (!entries.containsKey(key)) {
        String arn = task.containerInstanceArn();
        entries.put(key, new Entry(-1, task, arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1), null));
        serviceOfTask.put(key, service);
      }
    });
  }

  /** Every event up to {@code revision} has been delivered. */
  synchronized void applied(long revision) {
    if (revision > appliedRevision) {
      appliedRevision = revision;
      notifyAll();
    }
  }

  /** Waits (at most a few seconds) until the watch has delivered revision {@code wanted}. */
  synchronized void awaitCurrent(long wanted) {
    long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
    while (appliedRevision < wanted) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        log.warn("service task index is behind the store: at revision {}, wanted {}", appliedRevision, wanted);
        return;
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** The tasks of {@code service} (stopped ones until their records are cleaned up). */
  synchronized List<Entry> tasks(ServiceKey service) {
    Map<String, Entry> tasks = byService.get(service);
    return tasks == null ? List.of() : new ArrayList<>(tasks.values());
  }

  /** How many tasks the index holds for services of {@code scope} (for tests). */
  synchronized int size(Scope scope) {
    return (int) byService.entrySet().stream().filter(e -> e.getKey().scope().equals(scope))
        .mapToLong(e -> e.getValue().size()).sum();
  }
}
