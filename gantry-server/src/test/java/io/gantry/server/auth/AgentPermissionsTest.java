package io.gantry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.ecs.EcsOperations;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Scope;
import io.gantry.server.dispatch.EcsDispatcher;
import io.gantry.server.dispatch.InputValidator;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.join.JoinTokenHandler;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The authorization table of agent credentials, operation by operation. */
class AgentPermissionsTest {
  static final Scope SCOPE = new Scope("123456789012", "us-east-1");
  static final Principal.Agent AGENT = new Principal.Agent(SCOPE, "edge", "AKGAAGENT");

  static boolean allowed(Principal principal, String operation, Scope scope, String cluster) {
    try {
      AgentPermissions.check(principal, operation, scope, cluster);
      return true;
    } catch (EcsException e) {
      assertThat(e.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
      return false;
    }
  }

  @Test
  void agentKeysMayCallExactlyTheAgentOperationsOfEveryEcsOperation() {
    Set<String> allowed = new TreeSet<>();
    for (String operation : EcsOperations.ALL) {
      assertThat(allowed(Principal.account("123456789012"), operation, SCOPE, "edge")).isTrue();
      if (allowed(AGENT, operation, SCOPE, "edge")) {
        allowed.add(operation);
      }
    }
    assertThat(allowed).containsExactlyInAnyOrder("RegisterContainerInstance", "DeregisterContainerInstance",
        "DiscoverPollEndpoint", "SubmitTaskStateChange", "SubmitContainerStateChange", "SubmitAttachmentStateChanges");
  }

  @Test
  void agentKeysAreBoundToTheirClusterAndRegion() {
    assertThat(allowed(AGENT, "RegisterContainerInstance", SCOPE, "arn:aws:ecs:us-east-1:123456789012:cluster/edge"))
        .isTrue();
    assertThat(allowed(AGENT, "RegisterContainerInstance", SCOPE, "other")).isFalse();
    assertThat(allowed(AGENT, "RegisterContainerInstance", SCOPE, null)).as("no cluster means default").isFalse();
    assertThat(allowed(AGENT, "RegisterContainerInstance", new Scope("123456789012", "eu-west-1"), "edge")).isFalse();
    assertThat(allowed(new Principal.Agent(SCOPE, "default", "K"), "RegisterContainerInstance", SCOPE, null)).isTrue();
    assertThat(allowed(AGENT, JoinTokenHandler.CREATE, SCOPE, "edge")).isFalse();
  }

  @Test
  void sessionsOnlyForTheirOwnCluster() {
    assertThat(AgentPermissions.maySession(AGENT, SCOPE, "edge")).isTrue();
    assertThat(AgentPermissions.maySession(AGENT, SCOPE, "other")).isFalse();
    assertThat(AgentPermissions.maySession(AGENT, new Scope("123456789012", "eu-west-1"), "edge")).isFalse();
    assertThat(AgentPermissions.maySession(Principal.account("123456789012"), SCOPE, "other")).isTrue();
  }

  @Test
  void deniesInTheAwsWording() {
    assertThatThrownBy(() -> AgentPermissions.check(AGENT, "RunTask", SCOPE, "edge"))
        .hasMessageStartingWith("User: arn:aws:iam::123456789012:user/gantry-agent/edge/AKGAAGENT"
            + " is not authorized to perform: ecs:RunTask because");
    assertThatThrownBy(() -> AgentPermissions.check(AGENT, "RegisterContainerInstance", SCOPE, "other"))
        .hasMessageContaining("ecs:RegisterContainerInstance on resource: arn:aws:ecs:us-east-1:123456789012:cluster/other");
  }

  @Test
  void theDispatcherAnswersAccessDeniedBeforeLookingForTheOperation() {
    EcsDispatcher dispatcher = new EcsDispatcher(new OperationRegistry(), InputValidator.NONE);
    RequestContext ctx = new RequestContext(SCOPE, "AKGAAGENT", AGENT, "req", Instant.EPOCH);
    EcsDispatcher.Response denied = dispatcher.dispatch("RunTask", "{\"cluster\":\"edge\"}".getBytes(), ctx);
    assertThat(denied.status()).isEqualTo(400);
    assertThat(new String(denied.body(), StandardCharsets.UTF_8)).contains("\"__type\":\"AccessDeniedException\"")
        .contains("not authorized to perform: ecs:RunTask");
    EcsDispatcher.Response allowed = dispatcher.dispatch("DiscoverPollEndpoint", "{\"cluster\":\"edge\"}".getBytes(), ctx);
    assertThat(new String(allowed.body(), StandardCharsets.UTF_8)).contains("UnsupportedFeatureException");
  }
}
