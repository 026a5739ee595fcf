package io.gantry.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.json.AwsJson;
import io.gantry.api.sigv4.SigV4Signer;
import io.gantry.testkit.agent.AgentShape;
import io.gantry.testkit.agent.LinkState;
import io.gantry.testkit.agent.SimulatedAgent;
import io.gantry.testkit.agent.SimulationContext;
import io.gantry.testkit.agent.TaskScripts;
import io.gantry.testkit.ecs.SignedEcsClient;
import io.gantry.testkit.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A simulated cluster: the real control plane (embedded, or one already running) and any number
 * of {@link SimulatedAgent}s that register through the ECS API and hold real agent sessions.
 * Every agent shares one HTTP client and one small scheduler, so thousands run on a laptop.
 * Scripts for the agents' tasks are set through {@link #scripts()}; failure scenarios through
 * {@link #disconnect}, {@link #partition}, {@link #reconnect}, {@link #kill} and {@link #remove};
 * {@link #census()} says what every agent runs.
 *
 * <p>Threading: thread-safe; agents may be added and removed from any thread while others run.
 * {@link #close()} once, at the end.
 */
public final class SimulatedCluster implements AutoCloseable {
  /** The reserved cluster whose agents offer managed capacity for FARGATE tasks ({@code withCluster} it to simulate that). */
  public static final String MANAGED_CLUSTER = io.gantry.server.placement.ManagedCapacity.CLUSTER;
  private final SimulationOptions options;
  private final EmbeddedServer server;
  private final ExecutorService httpExecutor;
  private final ScheduledExecutorService scheduler;
  private final SimulationContext ctx;
  private final NavigableMap<String, SimulatedAgent> agents = new ConcurrentSkipListMap<>();
  private final AtomicInteger names = new AtomicInteger();

  private SimulatedCluster(SimulationOptions options, EmbeddedServer server, ExecutorService httpExecutor,
      ScheduledExecutorService scheduler, SimulationContext ctx) {
    this.options = options;
    this.server = server;
    this.httpExecutor = httpExecutor;
    this.scheduler = scheduler;
    this.ctx = ctx;
  }

  /** Starts (or attaches to) the control plane and creates the cluster; no agents yet. */
  public static SimulatedCluster start(SimulationOptions options) throws Exception {
    EmbeddedServer server = options.endpoint() == null ? EmbeddedServer.start(options.clock()) : null;
    URI endpoint = server != null ? server.endpoint() : options.endpoint();
    ExecutorService httpExecutor = Executors.newFixedThreadPool(options.httpThreads(), daemon("gantry-sim-http"));
    ScheduledExecutorService scheduler =
        Executors.newScheduledThreadPool(options.schedulerThreads(), daemon("gantry-sim-timer"));
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpExecutor)
        .connectTimeout(Duration.ofSeconds(30)).build();
    SigV4Signer signer = new SigV4Signer(options.accessKey(), options.secretKey(), options.region(), "ecs",
        options.clock());
    SimulationContext ctx = new SimulationContext(new SignedEcsClient(endpoint, signer, http), http, scheduler,
        options.clock(), options.random(), new TaskScripts(options.defaultScript()), options.cluster());
    SimulatedCluster sim = new SimulatedCluster(options, server, httpExecutor, scheduler, ctx);
    try {
      if (!MANAGED_CLUSTER.equals(options.cluster())) { // managed capacity's cluster exists once an agent registers
        ctx.ecs().call("CreateCluster", Map.of("clusterName", options.cluster()));
      }
      return sim;
    } catch (Exception | Error e) {
      sim.close();
      throw e;
    }
  }

  /** Starts an embedded control plane with {@link SimulationOptions#defaults()}. */
  public static SimulatedCluster start() throws Exception {
    return start(SimulationOptions.defaults());
  }

  /**
   * Adds {@code count} agents, agent {@code i} (0-based within this call) of shape
   * {@code shapes.apply(i)}, and returns once every one is registered and welcomed. At most
   * {@link SimulationOptions#registrationParallelism()} registrations or connects are in flight,
   * each on a thread of a pool that lives only while agents are being added.
   *
   * @throws TimeoutException if they are not all connected within the start timeout
   */
  public List<SimulatedAgent> addAgents(int count, IntFunction<AgentShape> shapes) throws Exception {
    List<SimulatedAgent> added = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      added.add(new SimulatedAgent(String.format("sim-%05d", names.incrementAndGet()), shapes.apply(i), ctx));
    }
    // Registration blocks a thread per call in flight (the JDK client's async completions would
    // start a thread each on a small machine); connects then wait for their welcome.
    int threads = Math.max(1, Math.min(options.registrationParallelism(), count));
    ExecutorService registrar = Executors.newFixedThreadPool(threads, daemon("gantry-sim-register"));
    long deadline = System.nanoTime() + options.startTimeout().toNanos();
    try {
      List<Future<?>> started = new ArrayList<>(count);
      for (SimulatedAgent agent : added) {
        agents.put(agent.name(), agent);
        started.add(registrar.submit(() -> {
          agent.register();
          return agent.connect().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        }));
      }
      for (Future<?> f : started) {
        f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (TimeoutException e) {
      throw new TimeoutException("agents were still registering or connecting after " + options.startTimeout());
    } finally {
      registrar.shutdownNow();
    }
    return added;
  }

  /** Adds one agent of {@code shape}. */
  public SimulatedAgent addAgent(AgentShape shape) throws Exception {
    return addAgents(1, i -> shape).get(0);
  }

  /** The agents that are not killed or removed, by name. */
  public List<SimulatedAgent> agents() {
    return List.copyOf(agents.values());
  }

  public Optional<SimulatedAgent> agent(String name) {
    return Optional.ofNullable(agents.get(name));
  }

  /** The live agent that registered {@code containerInstanceArn}. */
  public Optional<SimulatedAgent> agentOf(String containerInstanceArn) {
    return agents.values().stream().filter(a -> containerInstanceArn.equals(a.containerInstanceArn())).findFirst();
  }

  /** Where task scripts are set: per family, or the default. */
  public TaskScripts scripts() {
    return ctx.scripts();
  }

  /** Drops {@code agent}'s session at once; it stays down until {@link #reconnect}. */
  public void disconnect(SimulatedAgent agent) {
    agent.disconnect();
  }

  /** Makes {@code agent} go silent; the control plane notices when its heartbeats stop. */
  public void partition(SimulatedAgent agent) {
    agent.partition();
  }

  /** Brings {@code agent} back and waits (up to a minute) until it is welcomed again. */
  public void reconnect(SimulatedAgent agent) throws Exception {
    agent.reconnect().get(1, TimeUnit.MINUTES);
  }

  /** The machine under {@code agent} dies: session cut, tasks gone, nothing reported. Its instance stays registered. */
  public void kill(SimulatedAgent agent) {
    agents.remove(agent.name(), agent);
    agent.kill();
  }

  /** Takes {@code agent} out of service: closes its session and deregisters its instance (with force). */
  public void remove(SimulatedAgent agent) throws InterruptedException {
    agents.remove(agent.name(), agent);
    agent.close();
    Map<String, Object> request = new LinkedHashMap<>();
    request.put("cluster", options.cluster());
    request.put("containerInstance", agent.containerInstanceArn());
    request.put("force", true);
    ctx.ecs().call("DeregisterContainerInstance", request);
  }

  /** What every live agent has now. */
  public Census census() {
    Map<String, Map<String, String>> byAgent = new LinkedHashMap<>();
    agents.values().forEach(a -> byAgent.put(a.name(), a.tasks()));
    return new Census(byAgent);
  }

  /** How many agents are in each link state. */
  public Map<LinkState, Long> links() {
    Map<LinkState, Long> out = new java.util.EnumMap<>(LinkState.class);
    agents.values().forEach(a -> out.merge(a.link(), 1L, Long::sum));
    return out;
  }

  /** The control plane's {@code agentConnected} for {@code agent}'s instance (a DescribeContainerInstances call). */
  public boolean agentConnected(SimulatedAgent agent) throws InterruptedException {
    JsonNode answer = ctx.ecs().call("DescribeContainerInstances", AwsJson.mapper().createObjectNode()
        .put("cluster", options.cluster())
        .set("containerInstances", AwsJson.mapper().createArrayNode().add(agent.containerInstanceArn())));
    return answer.path("containerInstances").path(0).path("agentConnected").asBoolean(false);
  }

  /** A signed ECS client for any other call (shares the agents' HTTP client). */
  public SignedEcsClient ecs() {
    return ctx.ecs();
  }

  public String clusterName() {
    return options.cluster();
  }

  public URI endpoint() {
    return ctx.ecs().endpoint();
  }

  public SimulationOptions options() {
    return options;
  }

  /** Closes every agent's session, stops the shared threads and, if it started one, the control plane. */
  @Override
  public void close() {
    agents.values().forEach(SimulatedAgent::close);
    agents.clear();
    scheduler.shutdownNow();
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      httpExecutor.shutdownNow();
    }
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
