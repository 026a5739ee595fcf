package io.gantry.agent;

import io.gantry.agent.engine.TaskEngine;
import io.gantry.agent.runtime.AgentPolicy;
import io.gantry.agent.runtime.RuntimeInfo;
import io.gantry.agent.runtime.docker.DockerRuntime;
import io.gantry.agent.runtime.docker.DockerRuntimeConfig;
import io.gantry.agent.session.AgentConfig;
import io.gantry.agent.session.AgentCredentials;
import io.gantry.agent.session.AgentIdentity;
import io.gantry.agent.session.DesiredTasksHandler;
import io.gantry.agent.session.EcsApiClient;
import io.gantry.agent.session.Registration;
import io.gantry.agent.session.SessionClient;
import io.gantry.api.agent.AgentMessage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node agent: the Docker runtime, the task engine and the session with the control plane,
 * started in that order. Registers the machine (again under its saved ARN after a restart),
 * then keeps running tasks until {@link #close()}. Start and close from one thread.
 */
public final class GantryAgent implements AutoCloseable {
  public static final String VERSION = "gantry-0.1.0";
  private static final Logger log = LoggerFactory.getLogger(GantryAgent.class);

  private final DockerRuntime runtime;
  private final TaskEngine engine;
  private final SessionClient session;
  private final String containerInstanceArn;

  private GantryAgent(DockerRuntime runtime, TaskEngine engine, SessionClient session, String arn) {
    this.runtime = runtime;
    this.engine = engine;
    this.session = session;
    this.containerInstanceArn = arn;
  }

  /**
   * Connects to Docker, registers with the control plane (retrying while it is unreachable, up to
   * {@code registerWithin}), starts the engine and the session.
   */
  public static GantryAgent start(AgentConfig config, AgentCredentials credentials, Map<String, String> env, Clock clock,
      Duration registerWithin) throws IOException, InterruptedException {
    DockerRuntime runtime = new DockerRuntime(DockerRuntimeConfig.fromEnvironment(env));
    try {
      RuntimeInfo info = runtime.info();
      String arn = register(credentials, config, info, clock, registerWithin);
      new AgentIdentity(config.cluster(), arn).save(config.dataDir());
      AtomicReference<SessionClient> sessionRef = new AtomicReference<>();
      TaskEngine engine = new TaskEngine(runtime, new AgentPolicy(config.privilegedAllowed(), config.stopTimeout(), config.pauseImage(),
          config.gpus().nvidiaRuntime()),
          config.dataDir().resolve("tasks"), clock, change -> sessionRef.get().report(change));
      SessionClient session = new SessionClient(config.endpoints(), credentials, config.region(), clock, config.cluster(),
          arn, VERSION, new DesiredTasksHandler() {
            @Override
            public long lastAppliedSeq() {
              return engine.lastAppliedSeq();
            }

            @Override
            public void apply(AgentMessage.DesiredTasks desired) {
              engine.apply(desired);
            }
          }, RandomGenerator.getDefault());
      sessionRef.set(session);
      engine.start();
      session.start();
      log.info("agent started: {} (Docker {}, {} CPUs, {} MiB, GPUs {})", arn, info.runtimeVersion(), info.cpus(),
          info.memoryBytes() >> 20, config.gpus().ids());
      return new GantryAgent(runtime, engine, session, arn);
    } catch (IOException | InterruptedException | RuntimeException e) {
      runtime.close();
      throw e;
    }
  }

  /** Registers through the first reachable control-plane replica (trying them in turn). */
  private static String register(AgentCredentials credentials, AgentConfig config, RuntimeInfo info, Clock clock,
      Duration within) throws IOException, InterruptedException {
    int next = 0;
    EcsApiClient api = new EcsApiClient(config.endpoint(), credentials, config.region(), clock);
    Optional<AgentIdentity> saved = AgentIdentity.load(config.dataDir());
    String previous = saved.filter(i -> i.cluster().equals(config.cluster()))
        .map(AgentIdentity::containerInstanceArn).orElse(null);
    long deadline = System.nanoTime() + within.toNanos();
    long backoffMillis = 250;
    while (true) {
      try {
        return Registration.register(api, config, info, VERSION, previous);
      } catch (EcsApiClient.ApiException e) {
        if (previous != null && e.type().equals("ClientException")) {
          log.info("the saved container instance {} cannot be reused ({}); registering a new one", previous, e.getMessage());
          previous = null;
          continue;
        }
        throw e;
      } catch (java.net.ConnectException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        next = (next + 1) % config.endpoints().size();
        api = new EcsApiClient(config.endpoints().get(next), credentials, config.region(), clock);
        Thread.sleep(backoffMillis);
        backoffMillis = Math.min(5_000, backoffMillis * 2);
      }
    }
  }

  public String containerInstanceArn() {
    return containerInstanceArn;
  }

  public boolean connected() {
    return session.connected();
  }

  /** Stops talking to the control plane and Docker; running containers keep running. */
  @Override
  public void close() {
    session.close();
    engine.close();
    runtime.close();
  }
}
