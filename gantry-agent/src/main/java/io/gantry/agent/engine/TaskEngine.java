package io.gantry.agent.engine;

import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.ContainerLabels;
import io.gantry.agent.runtime.ContainerRuntime;
import io.gantry.agent.runtime.ContainerState;
import io.gantry.agent.runtime.EventSubscription;
import io.gantry.agent.runtime.RuntimeEvent;
import io.gantry.agent.runtime.RuntimeEventListener;
import io.gantry.agent.session.DesiredTasksHandler;
import io.gantry.api.agent.AgentMessage;
import io.gantry.model.task.Task;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the tasks the control plane assigns to this agent as containers, and reports what becomes
 * of them. Each task has one owner, the engine thread, which keeps the task's desired status (the
 * control plane's word, or STOPPED once the engine decides the task must stop) apart from its known
 * status (forward only: PENDING, RUNNING, STOPPED), decides with the pure {@link TaskReconciler},
 * persists, reports, and hands the runtime work to workers.
 *
 * <p>Threading contract:
 *
 * <ul>
 *   <li>The <b>engine thread</b> ({@link EngineThreads#loop}, serialised) owns every task record,
 *       the busy set of each task, the sequence number and the state directory. Desired tasks,
 *       runtime events, action outcomes and ticks are all handled there, one at a time, so a task
 *       never has two decisions in progress.
 *   <li><b>Workers</b> ({@link EngineThreads#workers}) run the blocking runtime calls of one
 *       {@link TaskAction} each, on an immutable snapshot of the task, and post the outcome back
 *       to the engine thread. While an action runs its key (a container, or the task's
 *       preparation or clean-up) is busy: a container has at most one runtime call in flight.
 *   <li>The <b>timer</b> ({@link EngineThreads#timer}) posts a tick every
 *       {@link TaskEngineConfig#tickInterval}: start timeouts, due clean-ups, retries after a
 *       runtime error (at most one per tick).
 *   <li>{@link #start} and {@link #apply} may be called from any thread and wait until the engine
 *       thread has done their part (state loaded and adopted; desired set recorded and persisted).
 *       {@link #lastAppliedSeq} and {@link #tasks} read published values and never wait.
 *       {@link StateSink#report} is called on the engine thread.
 * </ul>
 *
 * <p>Restart safety: every change of a task is written to the state directory before it is
 * reported or acted on; containers carry the task-ARN and container-name labels from creation, and
 * {@link #start} adopts every container it finds by label, so no container is ever created twice.
 */
public final class TaskEngine implements DesiredTasksHandler, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(TaskEngine.class);

  private final ContainerRuntime runtime;
  private final AgentPolicy policy;
  private final Clock clock;
  private final StateSink sink;
  private final TaskEngineConfig config;
  private final EngineThreads threads;
  private final SerialExecutor loop;
  private final EngineStateStore store;
  private final ActionRunner runner;

  // Published for readers on other threads; written only on the engine thread.
  private final Map<String, TaskRecord> tasks = new ConcurrentHashMap<>();

  // Engine-thread state.
  private final InFlight inFlight = new InFlight();
  private final EngineLedger ledger;
  private final Orphans orphans;
  private final RandomGenerator random;
  private EventSubscription subscription;
  private ScheduledFuture<?> ticking;
  private volatile boolean closed;

  public TaskEngine(ContainerRuntime runtime, AgentPolicy policy, Path stateDir, Clock clock,
      StateSink sink, TaskEngineConfig config, EngineThreads threads, RandomGenerator random) {
    this.runtime = runtime;
    this.policy = policy;
    this.clock = clock;
    this.sink = sink;
    this.config = config;
    this.threads = threads;
    this.loop = new SerialExecutor(threads.loop());
    this.store = new EngineStateStore(stateDir);
    this.runner = new ActionRunner(runtime, policy, random);
    this.random = random;
    this.ledger = new EngineLedger(store);
    this.orphans = new Orphans(runtime, threads.workers(), policy.defaultStopTimeout());
  }

  /** The engine with the default configuration and its own daemon threads. */
  public TaskEngine(ContainerRuntime runtime, AgentPolicy policy, Path stateDir, Clock clock, StateSink sink) {
    this(runtime, policy, stateDir, clock, sink, TaskEngineConfig.defaults(), EngineThreads.daemon(),
        RandomGenerator.getDefault());
  }

  /**
   * Loads the state directory, subscribes to runtime events, adopts every container labelled with
   * a task ARN (those of tasks the engine does not know wait for the first full desired set), and
   * re-reports every task once (the previous session's unacknowledged reports died with it). Call
   * once, before the session connects; blocks until done.
   */
  public void start() {
    loop.runAndWait(() -> {
      ledger.load(random);
      runner.engineId(ledger.engineId());
      for (TaskRecord task : store.loadTasks()) {
        tasks.put(task.taskArn(), task.reported(null));
      }
      subscription = runtime.events(new Listener());
      Map<String, List<ContainerState>> found = RuntimeScan.byTask(runtime);
      Instant now = clock.instant();
      for (String arn : List.copyOf(tasks.keySet())) {
        List<ContainerState> mine = found.getOrDefault(arn, List.of());
        process(arn, t -> Adoption.adopt(t, mine, now));
      }
      found.forEach((arn, states) -> {
        if (!tasks.containsKey(arn)) {
          orphans.add(arn, states);
        }
      });
      log.info("task engine {} started: {} tasks, {} unknown tasks' containers, last applied seq {}",
          ledger.engineId(), tasks.size(), orphans.size(), ledger.lastAppliedSeq());
    });
    long every = config.tickInterval().toMillis();
    ticking = threads.timer().scheduleWithFixedDelay(() -> post(this::tick), every, every, TimeUnit.MILLISECONDS);
  }

  /** The highest desired-tasks sequence number applied, for the session's Hello. */
  @Override
  public long lastAppliedSeq() {
    return ledger.lastAppliedSeq();
  }

  /**
   * Applies the control plane's desired tasks unless {@code seq} is not above the last applied:
   * new tasks wanted RUNNING are started, tasks wanted STOPPED are stopped, and with {@code full}
   * every task missing from the set is stopped (and the containers of unknown tasks found at
   * start-up are removed if this engine created them). Returns once the set is recorded and
   * persisted; the runtime work continues in the background. Must not be called from
   * {@link StateSink#report}.
   */
  @Override
  public void apply(AgentMessage.DesiredTasks desired) {
    loop.runAndWait(() -> applyOnLoop(desired));
  }

  /** What the engine knows of each of its tasks, as ECS would describe it. */
  public List<Task> tasks() {
    return tasks.values().stream().map(Reports::view).toList();
  }

  /** What the engine knows of one task, if it owns it. */
  public Optional<Task> task(String taskArn) {
    return Optional.ofNullable(tasks.get(taskArn)).map(Reports::view);
  }

  /** Stops ticking and listening; the containers keep running (a restarted engine adopts them). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (ticking != null) {
      ticking.cancel(false);
    }
    try {
      loop.runAndWait(() -> {
        if (subscription != null) {
          subscription.close();
        }
      });
    } catch (RuntimeException e) {
      log.debug("engine loop already stopped", e);
    }
    threads.close();
  }

  // ---- engine thread ----

  private void applyOnLoop(AgentMessage.DesiredTasks desired) {
    // Below, not equal: one store transaction can change several tasks of an instance, and the
    // gateway pushes each with the transaction's revision as seq. Assignments carry the latest
    // stored state, so applying one twice is harmless; only older ones are stale.
    if (desired.seq() < ledger.lastAppliedSeq()) {
      log.debug("ignoring desired tasks seq {} (applied {})", desired.seq(), ledger.lastAppliedSeq());
      return;
    }
    DesiredSet.Plan plan = DesiredSet.plan(desired, tasks, orphans.byTask(), ledger.forgotten(),
        clock.instant());
    for (TaskRecord record : plan.records()) {
      store.saveTask(record); // before anything is done about it
      tasks.put(record.taskArn(), record);
    }
    plan.steps().keySet().forEach(orphans::adopted);
    if (desired.full()) {
      orphans.settle(plan.orphansToRemove(), ledger.engineId());
    }
    ledger.applied(desired.seq());
    plan.steps().forEach((arn, step) -> process(arn, t -> step));
  }

  /**
   * The one way a task changes: {@code change} (an event or outcome), then the reconciler; the
   * result is persisted, reported if it says something new, and its actions are dispatched.
   */
  private void process(String arn, Function<TaskRecord, TaskReconciler.Step> change) {
    TaskRecord before = tasks.get(arn);
    if (before == null) {
      return;
    }
    Instant now = clock.instant();
    TaskReconciler.Step first = change.apply(before);
    Set<String> held = new HashSet<>(inFlight.busy(arn));
    first.actions().forEach(a -> held.add(a.key()));
    TaskReconciler.Step second = TaskReconciler.next(first.record(), held, now, config.cleanupDelay());
    TaskRecord after = second.record();
    AgentMessage.TaskStateChange news = Reports.fingerprint(after);
    boolean report = news != null && !news.equals(after.lastReported());
    if (report) {
      after = after.reported(news);
    }
    if (!after.equals(before)) {
      store.saveTask(after);
    }
    tasks.put(arn, after);
    if (report) {
      sink.report(Reports.change(after, ledger.nextReportId()));
    }
    List<TaskAction> actions = new ArrayList<>(first.actions());
    actions.addAll(second.actions());
    for (TaskAction action : actions) {
      dispatch(after, action);
    }
  }

  private void dispatch(TaskRecord task, TaskAction action) {
    String arn = task.taskArn();
    inFlight.begin(arn, action.key());
    boolean look = action instanceof TaskAction.Start && inFlight.takeLookFirst(arn, action.key());
    try {
      threads.workers().execute(() -> {
        ActionOutcome outcome = runner.run(task, action, look);
        post(() -> onOutcome(outcome));
      });
    } catch (RejectedExecutionException e) {
      inFlight.end(arn, action.key());
    }
  }

  private void onOutcome(ActionOutcome outcome) {
    String arn = outcome.taskArn();
    if (!tasks.containsKey(arn)) {
      inFlight.forget(arn);
      return;
    }
    if (outcome instanceof ActionOutcome.CleanedUp) {
      forgetTask(arn);
      return;
    }
    if (outcome instanceof ActionOutcome.Broken broken) {
      log.warn("runtime failed during {} of task {}, retrying: {}", broken.key(), arn, broken.error().toString());
      log.debug("runtime failure", broken.error());
      inFlight.coolOff(arn, broken.key()); // stays busy until the next tick
      TaskRecord t = tasks.get(arn);
      if (broken.createdId() != null) {
        process(arn, r -> TaskReconciler.Step.of(
            r.withContainer(r.container(broken.key()).created(broken.createdId(), null))));
      } else if (t.hasContainer(broken.key()) && t.container(broken.key()).runtimeId() == null) {
        inFlight.markLookFirst(arn, broken.key());
      }
      return;
    }
    inFlight.end(arn, outcome.key());
    Instant now = clock.instant();
    process(arn, t -> Outcomes.apply(t, outcome, now));
    recheckIfNeeded(arn, outcome.key());
  }

  private void forgetTask(String arn) {
    inFlight.forget(arn);
    tasks.remove(arn);
    store.deleteTask(arn);
    ledger.forget(arn);
    log.info("cleaned up task {}", arn);
  }

  /** An event came while the container was busy: look again now that it is not. */
  private void recheckIfNeeded(String arn, String name) {
    TaskRecord t = tasks.get(arn);
    if (t == null || inFlight.isBusy(arn, name) || !inFlight.takeRecheck(arn, name)) {
      return;
    }
    if (t.hasContainer(name) && t.container(name).live()) {
      dispatch(t, new TaskAction.Inspect(name));
    }
  }

  private void onEvent(RuntimeEvent event) {
    String arn = event.labels().get(ContainerLabels.TASK_ARN);
    String name = event.labels().get(ContainerLabels.CONTAINER_NAME);
    if (arn == null || name == null) {
      return;
    }
    TaskRecord t = tasks.get(arn);
    if (t == null) {
      orphans.onEvent(event);
      return;
    }
    if (!t.hasContainer(name)) {
      return;
    }
    ContainerRecord c = t.container(name);
    if (c.runtimeId() != null && !c.runtimeId().equals(event.runtimeId())) {
      return; // not the copy this task owns
    }
    Instant now = clock.instant();
    if (event instanceof RuntimeEvent.Died died) {
      if (inFlight.isBusy(arn, name)) {
        inFlight.markRecheck(arn, name);
      } else if (died.exitCode() == 137) {
        dispatch(t, new TaskAction.Inspect(name)); // SIGKILL: inspect tells whether the OOM killer sent it
      } else {
        process(arn, task -> TaskReconciler.exited(task, name, died.exitCode(), null, now));
      }
    } else if (event instanceof RuntimeEvent.Started && c.phase() == ContainerRecord.Phase.STARTING) {
      inspectWhenFree(t, name);
    } else if (event instanceof RuntimeEvent.HealthChanged health) {
      process(arn, task -> TaskReconciler.Step.of(
          task.withContainer(task.container(name).withHealth(Reports.health(health.health())))));
    }
  }

  /** Events may have been missed: look at every starting or running container again. */
  private void onGap() {
    for (TaskRecord t : List.copyOf(tasks.values())) {
      for (ContainerRecord c : t.containers()) {
        if (c.live()) {
          inspectWhenFree(t, c.name());
        }
      }
    }
  }

  /** Inspects the container now, or right after the call in flight on it returns. */
  private void inspectWhenFree(TaskRecord t, String name) {
    if (inFlight.isBusy(t.taskArn(), name)) {
      inFlight.markRecheck(t.taskArn(), name);
    } else {
      dispatch(t, new TaskAction.Inspect(name));
    }
  }

  private void tick() {
    inFlight.thaw();
    for (String arn : List.copyOf(tasks.keySet())) {
      process(arn, TaskReconciler.Step::of);
    }
  }

  // ---- plumbing ----

  private void post(Runnable work) {
    if (closed) {
      return;
    }
    try {
      loop.execute(work);
    } catch (RejectedExecutionException e) {
      log.debug("engine closed", e);
    }
  }

  /** Runtime events, moved onto the engine thread. */
  private final class Listener implements RuntimeEventListener {
    @Override
    public void onEvent(RuntimeEvent event) {
      post(() -> TaskEngine.this.onEvent(event));
    }

    @Override
    public void onGap() {
      post(TaskEngine.this::onGap);
    }
  }
}
