package io.gantry.testkit.agent;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.model.task.ContainerStatus;
import io.gantry.model.task.DesiredStatus;
import io.gantry.model.task.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A simulated node agent: registers a machine of some {@link AgentShape} through the real
 * RegisterContainerInstance call, holds a real agent session ({@link AgentLink}) and runs the
 * tasks it is given as {@link TaskScript}s say, reporting them as the real agent does. It applies
 * desired sets in sequence order (a message below the last applied sequence number is ignored),
 * stops what a full set leaves out, resends unacknowledged state changes after a reconnect, and
 * never starts a task twice. While disconnected its tasks keep "running" and their scripted
 * exits still happen; the reports wait for the next session.
 *
 * <p>Threading: thread-safe. All state is guarded by this object's monitor; the shared HTTP
 * client and scheduler call in holding it, and nothing holding it ever blocks.
 */
public final class SimulatedAgent {
  private final String name;
  private final AgentShape shape;
  private final SimulationContext ctx;
  private final AgentLink link;
  private volatile String containerInstanceArn;
  private final Map<String, SimTask> tasks = new LinkedHashMap<>();
  /** Tasks reported STOPPED and acknowledged: never started again. Pruned by full sets. */
  private final Set<String> finished = new HashSet<>();
  private final EphemeralPorts ports = new EphemeralPorts();
  private final TreeMap<Long, AgentMessage.TaskStateChange> unacknowledged = new TreeMap<>();
  private long lastAppliedSeq;
  private long nextChangeId = 1;
  private int fullSets;
  private List<String> lastFullSet = List.of();
  private long staleIgnored;

  public SimulatedAgent(String name, AgentShape shape, SimulationContext ctx) {
    this.name = name;
    this.shape = shape;
    this.ctx = ctx;
    this.link = new AgentLink(this, ctx);
  }

  /**
   * Registers the instance through RegisterContainerInstance (again under the same ARN when it was
   * registered before), waiting for the answer on the calling thread.
   */
  public void register() throws InterruptedException {
    JsonNode answer = ctx.ecs().call("RegisterContainerInstance",
        InstanceRegistration.request(ctx.cluster(), name, shape, containerInstanceArn));
    containerInstanceArn = answer.path("containerInstance").path("containerInstanceArn").asText();
  }

  /** Opens the session (unless it is open or held down); completes when the control plane welcomes the agent. */
  public synchronized CompletableFuture<Void> connect() {
    if (containerInstanceArn == null) {
      throw new IllegalStateException(name + " is not registered");
    }
    return link.connect();
  }

  public String name() {
    return name;
  }

  public AgentShape shape() {
    return shape;
  }

  /** The registered container instance ARN (null before registration). */
  public String containerInstanceArn() {
    return containerInstanceArn;
  }

  /** The container instance id: the last part of its ARN. */
  public String instanceId() {
    String arn = containerInstanceArn;
    return arn == null ? null : arn.substring(arn.lastIndexOf('/') + 1);
  }

  public synchronized LinkState link() {
    return link.state();
  }

  /** Whether the session is up and welcomed. */
  public boolean connected() {
    return link() == LinkState.CONNECTED;
  }

  /** The reason the control plane last refused a Hello, if it did. */
  public synchronized String rejection() {
    return link.rejection();
  }

  /** What this agent has now, task ARN → known status (PENDING, RUNNING, STOPPING, STOPPED not yet acknowledged). */
  public synchronized Map<String, String> tasks() {
    Map<String, String> out = new LinkedHashMap<>();
    tasks.forEach((arn, t) -> out.put(arn, t.known.name()));
    return out;
  }

  /** How many full desired sets it has received (one per welcomed session). */
  public synchronized int fullSetsReceived() {
    return fullSets;
  }

  /** The task ARNs of the last full desired set. */
  public synchronized List<String> lastFullSet() {
    return lastFullSet;
  }

  public synchronized long lastAppliedSeq() {
    return lastAppliedSeq;
  }

  /** Desired-tasks messages ignored because their sequence number was below the last applied. */
  public synchronized long staleMessagesIgnored() {
    return staleIgnored;
  }

  /** State changes sent (or waiting for a session) and not acknowledged yet. */
  public synchronized int unacknowledged() {
    return unacknowledged.size();
  }

  /** Cuts the connection now (the control plane sees it close); tasks keep running. Stays down until {@link #reconnect()}. */
  public synchronized void disconnect() {
    link.disconnect();
  }

  /** Goes silent without closing (a network partition): the control plane notices by missed heartbeats. */
  public synchronized void partition() {
    link.partition();
  }

  /** Ends a disconnect or partition; completes when the control plane welcomes the agent again. */
  public synchronized CompletableFuture<Void> reconnect() {
    return link.reconnect();
  }

  /** The machine dies: the session is cut and every task is gone, with nothing reported. */
  public synchronized void kill() {
    link.kill();
    tasks.values().forEach(SimTask::cancelTimers);
    tasks.clear();
    unacknowledged.clear();
  }

  /** Closes the session and cancels the tasks' timers (the end of the simulation). */
  public synchronized void close() {
    link.close();
    tasks.values().forEach(SimTask::cancelTimers);
  }

  /** The state changes not acknowledged yet, oldest first (for tests of what the agent reports). */
  synchronized List<AgentMessage.TaskStateChange> pendingReports() {
    return List.copyOf(unacknowledged.values());
  }

  // ---- called by the link, holding this monitor ----

  void onWelcome() {
    unacknowledged.values().forEach(link::send);
  }

  void onMessage(AgentMessage message) {
    if (message instanceof AgentMessage.DesiredTasks desired) {
      apply(desired);
    } else if (message instanceof AgentMessage.Ack ack) {
      acknowledged(ack.id());
    }
  }

  private void apply(AgentMessage.DesiredTasks desired) {
    if (desired.seq() < lastAppliedSeq) {
      staleIgnored++;
      return;
    }
    lastAppliedSeq = desired.seq();
    Set<String> listed = new HashSet<>();
    for (TaskAssignment a : desired.tasks()) {
      listed.add(a.task().taskArn());
      assigned(a);
    }
    if (desired.full()) {
      fullSets++;
      lastFullSet = List.copyOf(listed);
      finished.retainAll(listed);
      for (SimTask t : new ArrayList<>(tasks.values())) {
        if (listed.contains(t.taskArn())) {
          continue;
        }
        if (t.known == TaskStatus.STOPPED && !hasUnacknowledged(t.taskArn())) {
          tasks.remove(t.taskArn()); // stored as STOPPED already: forget it
        } else if (t.desired == DesiredStatus.RUNNING) {
          t.stopWanted();
          progress(t);
        }
      }
    }
  }

  private void assigned(TaskAssignment a) {
    String arn = a.task().taskArn();
    if (finished.contains(arn)) {
      return;
    }
    SimTask known = tasks.get(arn);
    if (known == null) {
      SimTask t = new SimTask(a, ctx.scripts(), now());
      tasks.put(arn, t);
      if (t.desired == DesiredStatus.RUNNING) {
        t.containers.forEach(c -> later(t, c.script.startDelay(), () -> start(t, c)));
      }
      progress(t);
      return;
    }
    known.assignment = a;
    if (DesiredStatus.STOPPED.name().equals(a.task().desiredStatus()) && known.desired == DesiredStatus.RUNNING) {
      known.stopWanted();
      progress(known);
    }
  }

  private void start(SimTask t, SimContainer c) {
    if (c.status != ContainerStatus.PENDING || t.desired != DesiredStatus.RUNNING) {
      return;
    }
    if (t.pullStoppedAt == null) {
      t.pullStoppedAt = now();
    }
    String id = runtimeId();
    if (c.script.startError() != null) {
      c.failedToStart(id, c.script.startError());
    } else {
      c.started(id, t.assignment.reservedHostPorts(), t.networkMode(), ports);
      if (c.script.runFor() != null) {
        later(t, c.script.runFor(), () -> {
          if (c.status == ContainerStatus.RUNNING) {
            c.exited(c.script.exitCode(), ports);
          }
        });
      }
    }
  }

  /** Settles the task, stops what must stop (at once, or after the script's stop delay), and reports. */
  private void progress(SimTask t) {
    boolean changed = true;
    while (changed) {
      changed = false;
      for (SimContainer c : t.settle(now())) {
        if (c.runtimeId == null || c.script.stopDelay().isZero()) {
          c.exited(c.script.stopExitCode(), ports);
          changed = true;
        } else if (!c.stopping) {
          c.stopping = true;
          later(t, c.script.stopDelay(), () -> c.exited(c.script.stopExitCode(), ports));
        }
      }
    }
    AgentMessage.TaskStateChange change = t.changeToReport(nextChangeId);
    if (change != null) {
      nextChangeId++;
      unacknowledged.put(change.id(), change);
      link.send(change);
    }
    if (t.known == TaskStatus.STOPPED) {
      t.cancelTimers();
    }
  }

  private void acknowledged(long id) {
    AgentMessage.TaskStateChange change = unacknowledged.remove(id);
    if (change == null || !TaskStatus.STOPPED.name().equals(change.lastStatus())) {
      return;
    }
    SimTask t = tasks.get(change.taskArn());
    if (t != null && t.known == TaskStatus.STOPPED && !hasUnacknowledged(t.taskArn())) {
      tasks.remove(t.taskArn());
      finished.add(t.taskArn());
    }
  }

  private boolean hasUnacknowledged(String taskArn) {
    return unacknowledged.values().stream().anyMatch(c -> c.taskArn().equals(taskArn));
  }

  /** Runs {@code step} on {@code t} after {@code delay} on the shared scheduler, then moves the task on. */
  private void later(SimTask t, Duration delay, Runnable step) {
    t.timers.add(ctx.scheduler().schedule(() -> {
      synchronized (this) {
        if (tasks.get(t.taskArn()) != t || t.known == TaskStatus.STOPPED) {
          return;
        }
        step.run();
        progress(t);
      }
    }, delay.toMillis(), TimeUnit.MILLISECONDS));
  }

  private String runtimeId() {
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < 4; i++) {
      sb.append(String.format("%016x", ctx.random().nextLong()));
    }
    return sb.toString();
  }

  private Instant now() {
    return ctx.clock().instant();
  }
}
