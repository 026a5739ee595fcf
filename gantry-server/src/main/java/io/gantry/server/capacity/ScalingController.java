package io.gantry.server.capacity;

import io.gantry.api.ecs.service.Service;
import io.gantry.model.Scope;
import io.gantry.model.capacity.CapacityProvider;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.cluster.Cluster;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.scheduler.capacity.CapacityProviderSplit;
import io.gantry.server.placement.ClusterLedger;
import io.gantry.server.placement.PlacementState;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.KeyValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Managed scaling: a level-triggered loop that, every interval, looks at each ACTIVE capacity
 * provider with managed scaling ENABLED in each cluster it is associated with, computes its
 * {@link ReservationMetric} from the instances in the provider (the ledger) and the tasks that
 * need it and have no instance (waiting in PROVISIONING, or wanted by its services and not
 * created), and calls the {@link CapacityHook} when
 * the metric leaves the target capacity. After a call it waits the provider's instance warm-up
 * period (at least the cooldown) before calling again for that provider and cluster. One thread
 * ({@code gantry-capacity-scaling}) owns the loop and the last-call times.
 */
public final class ScalingController implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScalingController.class);
  private final EntityStore store;
  private final PlacementState placement;
  private final CapacityHook hook;
  private final Clock clock;
  private final Duration cooldown;
  private final Map<String, Instant> lastCall = new HashMap<>();
  private final Map<String, Integer> metrics = new ConcurrentHashMap<>();
  private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "gantry-capacity-scaling");
    t.setDaemon(true);
    return t;
  });

  public ScalingController(EntityStore store, PlacementState placement, CapacityHook hook, Clock clock,
      Duration cooldown) {
    this.store = store;
    this.placement = placement;
    this.hook = hook;
    this.clock = clock;
    this.cooldown = cooldown;
  }

  public ScalingController start(Duration interval) {
    loop.scheduleWithFixedDelay(this::passSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  /** The last metric computed per {@code cluster/provider} (for logs, tests and metrics endpoints). */
  public Map<String, Integer> metrics() {
    return Map.copyOf(metrics);
  }

  private void passSafely() {
    try {
      pass();
    } catch (RuntimeException e) {
      log.warn("capacity scaling pass failed", e);
    }
  }

  /** One pass over every scope's providers (the loop's body; tests call it directly). */
  public void pass() {
    for (Scope scope : scopes()) {
      List<Versioned<CapacityProvider>> providers = store.list(StateKeys.capacityProviders(scope),
          CapacityProvider.class);
      if (providers.isEmpty()) {
        continue;
      }
      List<Versioned<Cluster>> clusters = store.list(StateKeys.clusters(scope), Cluster.class);
      for (Versioned<CapacityProvider> v : providers) {
        CapacityProvider p = v.value();
        if (!CapacityProvider.ACTIVE.equals(p.status()) || p.autoScalingGroupProvider() == null
            || !p.autoScalingGroupProvider().managedScaling().enabled()) {
          continue;
        }
        for (Versioned<Cluster> c : clusters) {
          if (Cluster.ACTIVE.equals(c.value().status()) && CapacityProviders.associated(c.value(), p.name())) {
            reconcile(scope, c.value().clusterName(), p);
          }
        }
      }
    }
  }

  private void reconcile(Scope scope, String cluster, CapacityProvider p) {
    placement.awaitCurrent();
    ClusterLedger ledger = placement.ledger(scope, cluster);
    List<ReservationMetric.Instance> instances = new ArrayList<>();
    for (Versioned<ContainerInstance> i : ledger.instances()) {
      ContainerInstance ci = i.value();
      if (p.name().equals(ci.capacityProviderName()) && ContainerInstance.ACTIVE.equals(ci.status())) {
        var load = ledger.load(ci.id());
        instances.add(new ReservationMetric.Instance(ci.containerInstanceArn(), load.running() + load.pending()));
      }
    }
    var scaling = p.autoScalingGroupProvider().managedScaling();
    ReservationMetric.Decision d = ReservationMetric.decide(instances, provisioning(scope, cluster, p.name()), scaling,
        p.autoScalingGroupProvider().terminationProtected());
    String key = scope.accountId() + "/" + scope.region() + "/" + cluster + "/" + p.name();
    metrics.put(key, d.metric());
    if (!d.acts()) {
      return;
    }
    Instant now = clock.instant();
    Duration wait = cooldown.compareTo(Duration.ofSeconds(scaling.instanceWarmupPeriod())) >= 0 ? cooldown
        : Duration.ofSeconds(scaling.instanceWarmupPeriod());
    Instant last = lastCall.get(key);
    if (last != null && now.isBefore(last.plus(wait))) {
      return;
    }
    lastCall.put(key, now);
    log.info("capacity provider {} in {}: reservation {}% (M={}, N={}), target {}%: {} to {} instances", p.name(),
        cluster, d.metric(), d.needed(), d.instances(), scaling.targetCapacity(), d.action(), d.desired());
    hook.run(p.name(), cluster, d.desired(), d.action(), d.candidates());
  }

  /**
   * Tasks that need {@code provider}'s capacity and have none: those waiting for it in PROVISIONING
   * (no instance yet), and those the cluster's live services want there (by their strategy's
   * split) and do not have at all.
   */
  private int provisioning(Scope scope, String cluster, String provider) {
    Map<String, Integer> have = new HashMap<>();
    int waiting = 0;
    for (Versioned<TaskUse> t : store.list(StateKeys.tasks(scope, cluster), TaskUse.class)) {
      Task task = t.value().task();
      if (task == null || !provider.equals(task.capacityProviderName()) || "STOPPED".equals(task.desiredStatus())) {
        continue;
      }
      if (task.containerInstanceArn() == null && "PROVISIONING".equals(task.lastStatus())) {
        waiting++;
      }
      if (task.group() != null) {
        have.merge(task.group(), 1, Integer::sum);
      }
    }
    int wanted = 0;
    for (Versioned<CapacityProviders.ServiceUse> v : store.list(StateKeys.services(scope, cluster),
        CapacityProviders.ServiceUse.class)) {
      Service s = v.value().service();
      List<CapacityProviderStrategyItem> strategy = s == null ? List.of() : s.capacityProviderStrategy();
      if (!Service.ACTIVE.equals(s == null ? null : s.status()) || strategy.stream()
          .noneMatch(i -> provider.equals(i.capacityProvider()))) {
        continue;
      }
      int share = CapacityProviderSplit.split(strategy, s.desiredCount() == null ? 0 : s.desiredCount())
          .getOrDefault(provider, 0);
      wanted += Math.max(0, share - have.getOrDefault("service:" + s.serviceName(), 0));
    }
    return waiting + wanted;
  }

  /** The task part of a stored task record. */
  record TaskUse(Task task) {}

  /** Every scope with state: one ordered read per scope, skipping from one scope's keys to the next. */
  private List<Scope> scopes() {
    List<Scope> out = new ArrayList<>();
    String after = "ecs/";
    while (true) {
      List<KeyValue> next = store.kv().rangeFrom("ecs/", after, 1);
      if (next.isEmpty()) {
        return out;
      }
      String[] parts = next.get(0).key().split("/", 4);
      if (parts.length < 4) {
        after = next.get(0).key();
        continue;
      }
      out.add(new Scope(parts[1], parts[2]));
      after = "ecs/" + parts[1] + "/" + parts[2] + "/\uffff";
    }
  }

  @Override
  public void close() {
    loop.shutdownNow();
  }
}
