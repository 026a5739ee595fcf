package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.agent.runtime.RuntimeInfo;
import io.gantry.agent.session.AgentConfig;
import io.gantry.agent.session.AgentCredentials;
import io.gantry.agent.session.DesiredTasksHandler;
import io.gantry.agent.session.EcsApiClient;
import io.gantry.agent.session.Registration;
import io.gantry.agent.session.SessionClient;
import io.gantry.api.agent.AgentMessage;
import io.gantry.e2e.support.Clients;
import io.gantry.e2e.support.GantryProcess;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * The agent session against a real server process: registration, the signed WebSocket upgrade,
 * Hello/Welcome, the full desired set on connect, agentConnected following the session, and
 * refusal of unsigned or unknown agents.
 */
class AgentSessionIT {
  @TempDir static Path dir;
  static GantryProcess server;
  static EcsClient ecs;
  static final AgentCredentials KEY = new AgentCredentials(GantryProcess.ACCESS_KEY, GantryProcess.SECRET_KEY);
  static final RuntimeInfo MACHINE = new RuntimeInfo("20.10.24", "1.41", 2, 4L << 30, "linux", "Debian", "x86_64", "6.1");

  @BeforeAll
  static void start() throws Exception {
    server = GantryProcess.start(dir.resolve("data"));
    ecs = Clients.ecs(server.endpoint());
    ecs.createCluster(b -> b.clusterName("agents"));
  }

  @AfterAll
  static void stop() throws Exception {
    ecs.close();
    server.close();
  }

  /** Records what the session delivers. */
  static final class Recorder implements DesiredTasksHandler {
    final List<AgentMessage.DesiredTasks> received = new CopyOnWriteArrayList<>();

    @Override
    public long lastAppliedSeq() {
      return 0;
    }

    @Override
    public void apply(AgentMessage.DesiredTasks desired) {
      received.add(desired);
    }
  }

  private static String register(String cluster) throws Exception {
    URI endpoint = server.endpoint();
    AgentConfig config = AgentConfig.defaults(endpoint, cluster, dir.resolve("agent-" + cluster));
    return Registration.register(new EcsApiClient(endpoint, KEY, "us-east-1", Clock.systemUTC()), config, MACHINE,
        "gantry-test", null);
  }

  @Test
  void registrationCarriesResourcesAttributesAndVersions() throws Exception {
    String arn = register("agents");
    var instance = ecs.describeContainerInstances(b -> b.cluster("agents").containerInstances(arn)).containerInstances().get(0);
    assertThat(instance.registeredResources()).anySatisfy(r -> {
      assertThat(r.name()).isEqualTo("CPU");
      assertThat(r.integerValue()).isEqualTo(2048);
    });
    assertThat(instance.registeredResources()).anySatisfy(r -> {
      assertThat(r.name()).isEqualTo("MEMORY");
      assertThat(r.integerValue()).isEqualTo(4096 - 256);
    });
    assertThat(instance.registeredResources()).anySatisfy(r -> {
      assertThat(r.name()).isEqualTo("PORTS");
      assertThat(r.stringSetValue()).containsExactlyInAnyOrder("22", "2375", "2376", "51678", "51679");
    });
    assertThat(instance.attributes()).anySatisfy(a -> {
      assertThat(a.name()).isEqualTo("ecs.availability-zone");
      assertThat(a.value()).isEqualTo("us-east-1a");
    });
    assertThat(instance.versionInfo().agentVersion()).isEqualTo("gantry-test");
  }

  @Test
  void sessionConnectsDeliversTheFullSetAndFollowsAgentConnected() throws Exception {
    String arn = register("agents");
    Recorder recorder = new Recorder();
    SessionClient session = new SessionClient(server.endpoint(), KEY, "us-east-1", Clock.systemUTC(), "agents", arn,
        "gantry-test", recorder, new Random(1));
    assertThat(connected(arn)).as("registered, no session yet").isFalse();
    session.start();
    await().atMost(Duration.ofSeconds(20)).until(session::connected);
    await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.received.isEmpty());
    assertThat(recorder.received.get(0).full()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> connected(arn));
    session.close();
    await().atMost(Duration.ofSeconds(30)).until(() -> !connected(arn));
  }

  @Test
  void unknownInstanceIsRejected() throws Exception {
    Recorder recorder = new Recorder();
    SessionClient session = new SessionClient(server.endpoint(), KEY, "us-east-1", Clock.systemUTC(), "agents",
        "arn:aws:ecs:us-east-1:000000000000:container-instance/agents/00000000000000000000000000000000", "gantry-test",
        recorder, new Random(1));
    session.start();
    Thread.sleep(2000);
    assertThat(session.connected()).isFalse();
    assertThat(recorder.received).isEmpty();
    session.close();
  }

  @Test
  void unsignedUpgradeIsRefused() throws Exception {
    var http = java.net.http.HttpClient.newHttpClient();
    URI ws = URI.create("ws://" + server.endpoint().getHost() + ":" + server.endpoint().getPort() + "/agent/v1/session");
    var attempt = http.newWebSocketBuilder().buildAsync(ws, new java.net.http.WebSocket.Listener() { });
    org.assertj.core.api.Assertions.assertThatThrownBy(attempt::join)
        .hasCauseInstanceOf(java.net.http.WebSocketHandshakeException.class)
        .rootCause().hasMessageContaining("403");
  }

  private static boolean connected(String arn) {
    return Boolean.TRUE.equals(ecs.describeContainerInstances(b -> b.cluster("agents").containerInstances(arn))
        .containerInstances().get(0).agentConnected());
  }
}
