package io.gantry.server.agents;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.agent.AgentMessage;
import io.gantry.api.agent.TaskAssignment;
import io.gantry.api.json.AwsJson;
import io.gantry.api.sigv4.SigV4Verifier;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.task.Task;
import io.gantry.server.auth.KeyRing;
import io.gantry.server.auth.Principal;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import io.gantry.store.embedded.EmbeddedKvStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent moving its session between two control-plane replicas (two gateways over one store):
 * the old replica noticing the old session's end late (missed heartbeats) must not mark the
 * instance disconnected while the new replica holds a session; the last session's end does.
 */
class SessionHandoverTest {
  static final Scope SCOPE = new Scope("000000000000", "us-east-1");
  static final String ARN = "arn:aws:ecs:us-east-1:000000000000:container-instance/c1/i-1";
  @TempDir Path dir;
  KvStore kv;
  EntityStore store;
  AgentGateway a;
  AgentGateway b;

  @BeforeEach
  void open() throws Exception {
    kv = EmbeddedKvStore.open(dir);
    store = new EntityStore(kv);
    ContainerInstance instance = AwsJson.mapper().readValue("{\"containerInstanceArn\":\"" + ARN
        + "\",\"status\":\"ACTIVE\",\"agentConnected\":false}", ContainerInstance.class);
    store.commit(Txn.builder().put(key(), store.encode(instance)).build());
    a = gateway();
    b = gateway();
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    kv.close();
  }

  private AgentGateway gateway() {
    KeyRing keys = new KeyRing(List.of(), store, new Random(1));
    return new AgentGateway(store, new SigV4Verifier(keys, "ecs", Clock.systemUTC()), keys, new NoTasks(),
        Clock.systemUTC(), 3, 3);
  }

  private static String key() {
    return StateKeys.containerInstance(SCOPE, "c1", "i-1");
  }

  private AgentSession hello(AgentGateway gateway) {
    AgentSession session = new AgentSession(gateway, SCOPE, Principal.account(SCOPE.accountId()), Instant.now());
    gateway.onMessage(session, new AgentMessage.Hello("c1", ARN, "test", 0));
    return session;
  }

  private Boolean connected() {
    return store.get(key(), ContainerInstance.class).orElseThrow().value().agentConnected();
  }

  @Test
  void theOldReplicaClosingLateLeavesTheInstanceConnected() {
    AgentSession first = hello(a);
    assertThat(connected()).isTrue();
    AgentSession second = hello(b); // the agent moved on; a has not noticed yet
    a.onClosed(first); // a notices the silence only now
    assertThat(connected()).isTrue();
    b.onClosed(second);
    assertThat(connected()).isFalse();
  }

  @Test
  void aSessionEndingOnItsOwnMarksTheInstanceDisconnected() {
    AgentSession only = hello(a);
    a.onClosed(only);
    assertThat(connected()).isFalse();
    assertThat(kv.get(StateKeys.agentSession(SCOPE, "c1", "i-1"))).isEmpty();
    hello(b);
    assertThat(connected()).isTrue();
  }

  /** No tasks: the handover is about the instance's flag. */
  static final class NoTasks implements AgentTasks {
    @Override
    public List<TaskAssignment> assignments(Scope scope, String cluster, String containerInstanceId) {
      return List.of();
    }

    @Override
    public Optional<TaskAssignment> assignment(Scope scope, String cluster, String taskId) {
      return Optional.empty();
    }

    @Override
    public Optional<Task> apply(Scope scope, String cluster, String containerInstanceId,
        AgentMessage.TaskStateChange change, Instant now) {
      return Optional.empty();
    }
  }
}
