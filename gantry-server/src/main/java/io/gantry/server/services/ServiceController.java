package io.gantry.server.services;

import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.tags.TagStore;
import io.gantry.server.tasks.ServiceTasks;
import io.gantry.server.tasks.StoredTask;
import io.gantry.store.KeyValue;
import io.gantry.store.Watch;
import io.gantry.store.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service controller: level-triggered (DESIGN decision 4). A work queue of service keys; the
 * store's watch only enqueues (a service record changed, a task of {@code service:NAME} changed,
 * an instance of the cluster changed) and keeps the {@link ServiceTaskIndex} of each service's
 * tasks; a periodic resync enqueues every service; each key is
 * reconciled by the pure {@link ServiceReconciler} and its decision performed by the
 * {@link ServiceExecutor}. Threading: one thread, {@code gantry-service-controller}, takes keys
 * one at a time and owns every launch and stop of service tasks, so a service is never worked on
 * twice at once; the watch thread and timers only add keys to the queue.
 */
public final class ServiceController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServiceController.class);

  /**
   * @param resync how often every service is looked at even if nothing changed
   * @param lostTaskGrace how long an instance's agent may stay disconnected before its service tasks are replaced
   * @param placementRetry how soon a launch that could not place every task is tried again
   * @param massDisconnectPercent above this share of disconnected instances in a cluster, lost
   *     tasks are not replaced ({@link MassDisconnect}; 100: never paused)
   */
  public record Settings(Duration resync, Duration lostTaskGrace, Duration placementRetry,
      ServiceReconciler.Limits limits, int massDisconnectPercent, Duration lostInstanceInterval) {
    public static Settings defaults() {
      return new Settings(Duration.ofSeconds(15), Duration.ofMinutes(3), Duration.ofSeconds(10),
          ServiceReconciler.Limits.DEFAULT, 55, Duration.ofSeconds(10));
    }

    public Settings withLostTaskGrace(Duration grace) {
      return new Settings(resync, grace, placementRetry, limits, massDisconnectPercent, lostInstanceInterval);
    }

    public Settings withMassDisconnectPercent(int percent) {
      return new Settings(resync, lostTaskGrace, placementRetry, limits, percent, lostInstanceInterval);
    }

    public Settings withLostInstanceInterval(Duration interval) {
      return new Settings(resync, lostTaskGrace, placementRetry, limits, massDisconnectPercent, interval);
    }
  }

  private final EntityStore store;
  private final Clock clock;
  private final RandomGenerator random;
  private final Settings settings;
  private final ServiceObserver observer;
  private final ServiceExecutor executor;
  private final ServiceTaskIndex index = new ServiceTaskIndex();
  private final Set<ServiceKey> queue = new LinkedHashSet<>();
  private final Set<ServiceKey> known = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService thread;
  private boolean draining;
  private volatile Watch watch;

  public ServiceController(EntityStore store, TagStore tags, ServiceTasks tasks, Clock clock, RandomGenerator random,
      Settings settings) {
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.settings = settings;
    ServiceUpdates definitions = new ServiceUpdates(new io.gantry.server.taskdefs.TaskDefinitionReader(store), random);
    this.observer = new ServiceObserver(store, tasks, index, definitions, tags, settings.lostTaskGrace(),
        settings.massDisconnectPercent(), settings.lostInstanceInterval());
    this.executor = new ServiceExecutor(store, tags, tasks, index, definitions, this::eventId,
        settings.placementRetry());
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "gantry-service-controller");
      t.setDaemon(true);
      return t;
    });
  }

  /** Loads every service and instance, then follows the store from that revision and resyncs periodically. */
  public ServiceController start() {
    load();
    long every = settings.resync().toMillis();
    thread.scheduleWithFixedDelay(() -> known.forEach(this::enqueue), every, every, TimeUnit.MILLISECONDS);
    return this;
  }

  /** Reads every record, then watches from that revision; again if the watch falls behind compaction (etcd). */
  private void load() {
    long revision = store.kv().revision();
    Set<String> taskKeys = new HashSet<>();
    for (KeyValue kv : store.kv().range("ecs/")) {
      if (kv.modRevision() <= revision) {
        seen(WatchEvent.Type.PUT, kv);
        taskKeys.add(kv.key());
      }
    }
    index.retainOnly(taskKeys); // a reload after compaction: tasks deleted meanwhile leave the index
    index.applied(revision);
    // Every key, not only ecs/: the task index waits for the store revision, which writes to any key move.
    watch = store.kv().watch("", revision, new io.gantry.store.WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        seen(event.type(), event.kv());
        index.applied(event.kv().modRevision());
      }

      @Override
      public void onCompacted(long compactedRevision) {
        log.warn("service controller missed changes up to revision {} (compacted); reloading", compactedRevision);
        load();
      }
    });
  }

  /** Adds {@code key} to the queue (once) and makes sure the controller thread will take it. */
  void enqueue(ServiceKey key) {
    if (thread.isShutdown()) {
      return;
    }
    synchronized (queue) {
      if (!queue.add(key) || draining) {
        return;
      }
      draining = true;
    }
    thread.execute(this::drain);
  }

  private void enqueueLater(ServiceKey key, Duration delay) {
    if (thread.isShutdown()) {
      return;
    }
    thread.schedule(() -> enqueue(key), Math.max(1, delay.toMillis()), TimeUnit.MILLISECONDS);
  }

  private void drain() {
    while (true) {
      ServiceKey key;
      synchronized (queue) {
        if (queue.isEmpty()) {
          draining = false;
          return;
        }
        key = queue.iterator().next();
        queue.remove(key);
      }
      try {
        reconcile(key);
      } catch (RuntimeException e) {
        log.error("service {} of cluster {}: reconcile failed; trying again shortly", key.name(), key.cluster(), e);
        enqueueLater(key, Duration.ofSeconds(1));
      }
    }
  }

  private void reconcile(ServiceKey key) {
    Instant now = clock.instant();
    Optional<StoredService> stored = observer.service(key).map(v -> v.value());
    if (stored.isEmpty()) {
      known.remove(key);
      return;
    }
    observer.takePendingTurn(); // a refusal seen by another service's pass is that service's to retry
    ServiceObserver.Observed observed = observer.inputs(key, stored.get(), now, Deployments.newId(random),
        settings.limits());
    ServiceReconciler.Decision decision = ServiceReconciler.reconcile(observed.inputs());
    if (observed.mass().paused()) {
      decision = withPauseNotice(key, stored.get(), observed.mass(), decision);
    }
    Duration again = executor.perform(key, stored.get(), decision, now);
    if (again != null) {
      enqueueLater(key, again);
    }
    observer.takePendingTurn().ifPresent(turn -> enqueueLater(key, Duration.between(now, turn)));
  }

  /** The decision plus the pause event, unless the service's newest event says so already. */
  private static ServiceReconciler.Decision withPauseNotice(ServiceKey key, StoredService stored, MassDisconnect mass,
      ServiceReconciler.Decision decision) {
    String message = mass.event(key.name());
    var events = stored.service().events();
    if (!events.isEmpty() && events.get(0).message().equals(message)) {
      return decision;
    }
    log.warn("cluster {}: {} of {} instances are disconnected; not replacing their service tasks", key.cluster(),
        mass.disconnected(), mass.instances());
    java.util.List<ServiceAction> actions = new java.util.ArrayList<>(decision.actions());
    actions.add(new ServiceAction.Emit(message));
    return new ServiceReconciler.Decision(actions, decision.requeueAfter());
  }

  /** What a store change means for the queue (called on the watch thread and at start). */
  private void seen(WatchEvent.Type type, KeyValue kv) {
    // ecs/ACCOUNT/REGION/KIND/CLUSTER/NAME
    String[] parts = kv.key().split("/", 6);
    if (parts.length != 6) {
      return;
    }
    Scope scope = new Scope(parts[1], parts[2]);
    try {
      switch (parts[3]) {
        case "service" -> {
          ServiceKey key = new ServiceKey(scope, parts[4], parts[5]);
          if (type == WatchEvent.Type.PUT) {
            known.add(key);
            enqueue(key);
          } else {
            known.remove(key);
          }
        }
        case "task" -> {
          if (type == WatchEvent.Type.PUT) {
            StoredTask task = store.decode(kv, StoredTask.class).value();
            String group = task.task().group();
            if (group != null && group.startsWith("service:")) {
              ServiceKey key = new ServiceKey(scope, parts[4], group.substring("service:".length()));
              index.put(kv.key(), key, kv.modRevision(), task.task(), task.containerInstanceId(),
                  task.managedInstanceArn());
              enqueue(key);
            }
          } else {
            index.delete(kv.key());
          }
        }
        case "instance" -> {
          ContainerInstance instance = type == WatchEvent.Type.PUT
              ? store.decode(kv, ContainerInstance.class).value() : null;
          Optional<Instant> away = observer.instanceSeen(kv.key(), instance, clock.instant());
          String prefix = StateKeys.services(scope, parts[4]);
          for (ServiceKey key : known) {
            if (StateKeys.services(key.scope(), key.cluster()).equals(prefix)) {
              enqueue(key);
              away.ifPresent(since -> enqueueLater(key, Duration.between(clock.instant(),
                  since.plus(observer.lostGrace(key, io.gantry.model.Arn.service(key.scope(), key.cluster(), key.name()))))));
            }
          }
        }
        default -> { }
      }
    } catch (RuntimeException e) {
      log.warn("service controller: cannot read {}", kv.key(), e);
    }
  }

  private String eventId() {
    return java.util.UUID.nameUUIDFromBytes(Long.toString(random.nextLong()).getBytes(
        java.nio.charset.StandardCharsets.UTF_8)).toString();
  }

  @Override
  public void close() {
    if (watch != null) {
      watch.close();
    }
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
