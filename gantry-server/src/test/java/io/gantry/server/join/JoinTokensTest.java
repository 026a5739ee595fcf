package io.gantry.server.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.join.CreateJoinTokenRequest;
import io.gantry.api.join.CreateJoinTokenResponse;
import io.gantry.api.join.JoinRequest;
import io.gantry.api.join.JoinResponse;
import io.gantry.api.join.JoinTokenInfo;
import io.gantry.api.join.ListJoinTokensRequest;
import io.gantry.api.join.RevokeJoinTokenRequest;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Scope;
import io.gantry.server.auth.KeyRing;
import io.gantry.server.auth.Principal;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.instances.EcsFixture;
import io.gantry.server.state.StateKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Creating, listing and revoking join tokens, and exchanging them for agent credentials. */
class JoinTokensTest {
  final EcsFixture f = new EcsFixture();
  final JoinTokenHandler handler = new JoinTokenHandler(f.store, new Random(7));
  final KeyRing keys = new KeyRing(List.of(), f.store, new Random(8));

  JoinTokensTest() {
    f.createCluster("edge");
    f.createCluster("other");
  }

  @AfterEach
  void close() {
    f.close();
  }

  CreateJoinTokenResponse create(String cluster, Long ttlSeconds) {
    return handler.create(f.ctx(), new CreateJoinTokenRequest(cluster, ttlSeconds, "rack 4"));
  }

  JoinExchange exchangeAt(Instant now) {
    return new JoinExchange(f.store, keys, Clock.fixed(now, ZoneOffset.UTC));
  }

  static EcsException refusal(Runnable call) {
    try {
      call.run();
    } catch (EcsException e) {
      return e;
    }
    throw new AssertionError("expected a refusal");
  }

  @Test
  void createsATokenForADayInTheCallersScopeAndStoresOnlyItsHash() {
    CreateJoinTokenResponse created = create("edge", null);
    JoinTokenInfo info = created.joinToken();
    assertThat(info.clusterArn()).isEqualTo("arn:aws:ecs:us-east-1:123456789012:cluster/edge");
    assertThat(info.status()).isEqualTo("ACTIVE");
    assertThat(info.expiresAt()).isEqualTo(EcsFixture.NOW.plus(Duration.ofHours(24)));
    JoinToken token = JoinToken.parse(created.token()).orElseThrow();
    assertThat(token.tokenId()).isEqualTo(info.tokenId());
    byte[] stored = f.kv.get(StateKeys.joinToken(EcsFixture.SCOPE, token.tokenId())).orElseThrow().value();
    assertThat(new String(stored, StandardCharsets.UTF_8)).contains(token.secretHash()).doesNotContain(token.secret());
  }

  @Test
  void refusesBadInput() {
    assertThat(refusal(() -> create(null, null)).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(refusal(() -> create("missing", null)).code()).isEqualTo(ErrorCode.CLUSTER_NOT_FOUND);
    assertThat(refusal(() -> create("edge", 0L)).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(refusal(() -> create("edge", Duration.ofDays(31).toSeconds())).getMessage()).contains("30 days");
    assertThat(create("edge", Duration.ofDays(30).toSeconds()).joinToken().status()).isEqualTo("ACTIVE");
    assertThat(refusal(() -> handler.revoke(f.ctx(), new RevokeJoinTokenRequest("../escape"))).code())
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(refusal(() -> handler.revoke(f.ctx(), new RevokeJoinTokenRequest("abcdef0123"))).code())
        .isEqualTo(ErrorCode.RESOURCE_NOT_FOUND);
  }

  @Test
  void listsTokensOfTheScopeWithTheirStatus() {
    String a = create("edge", null).joinToken().tokenId();
    String b = create("other", 60L).joinToken().tokenId();
    handler.revoke(f.ctx(), new RevokeJoinTokenRequest(a));
    RequestContext later = new RequestContext(EcsFixture.SCOPE, "AKID", "req-2", EcsFixture.NOW.plusSeconds(61));
    assertThat(handler.list(later, new ListJoinTokensRequest(null)).joinTokens())
        .extracting(JoinTokenInfo::tokenId, JoinTokenInfo::status)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(a, "REVOKED"),
            org.assertj.core.groups.Tuple.tuple(b, "EXPIRED"));
    assertThat(handler.list(later, new ListJoinTokensRequest("other")).joinTokens()).hasSize(1);
    RequestContext otherRegion = new RequestContext(new Scope("123456789012", "eu-west-1"), "AKID", "r", EcsFixture.NOW);
    assertThat(handler.list(otherRegion, new ListJoinTokensRequest(null)).joinTokens()).isEmpty();
  }

  @Test
  void aValidTokenIsMultiUseAndIssuesCredentialsBoundToItsScopeAndCluster() {
    String token = create("edge", null).token();
    JoinResponse first = exchangeAt(EcsFixture.NOW.plusSeconds(10)).join(new JoinRequest(token, "edge"));
    JoinResponse second = exchangeAt(EcsFixture.NOW.plusSeconds(20)).join(
        new JoinRequest(token, "arn:aws:ecs:us-east-1:123456789012:cluster/edge"));
    assertThat(first.accessKeyId()).isNotEqualTo(second.accessKeyId());
    assertThat(first.accountId()).isEqualTo("123456789012");
    assertThat(first.region()).isEqualTo("us-east-1");
    assertThat(first.cluster()).isEqualTo("edge");
    // Another key ring over the same store (a restarted server) finds the issued key.
    KeyRing restarted = new KeyRing(List.of(), f.store, new Random(9));
    assertThat(restarted.find(first.accessKeyId()).orElseThrow().secretKey()).isEqualTo(first.secretAccessKey());
    assertThat(restarted.principal(first.accessKeyId())).contains(
        new Principal.Agent(EcsFixture.SCOPE, "edge", first.accessKeyId()));
    assertThat(keys.find(second.accessKeyId())).isPresent();
  }

  @Test
  void refusesUnknownWrongExpiredRevokedAndMisdirectedTokens() {
    CreateJoinTokenResponse created = create("edge", 3600L);
    String token = created.token();
    String id = created.joinToken().tokenId();
    JoinExchange now = exchangeAt(EcsFixture.NOW.plusSeconds(1));
    assertThat(refusal(() -> now.join(new JoinRequest("nonsense", "edge"))).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(refusal(() -> now.join(new JoinRequest("zzzzzzzzzz.0123456789abcdefghijklmnopqrstuv", "edge")))
        .getMessage()).contains("unknown");
    String wrongSecret = id + ".0123456789abcdefghijklmnopqrstuv";
    assertThat(refusal(() -> now.join(new JoinRequest(wrongSecret, "edge"))).code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(refusal(() -> now.join(new JoinRequest(token, "other"))).getMessage())
        .isEqualTo("The join token " + id + " is for cluster edge, not other.");
    assertThat(refusal(() -> exchangeAt(EcsFixture.NOW.plusSeconds(3600)).join(new JoinRequest(token, "edge")))
        .getMessage()).contains("expired at");
    handler.revoke(f.ctx(), new RevokeJoinTokenRequest(id));
    EcsException revoked = refusal(() -> now.join(new JoinRequest(token, "edge")));
    assertThat(revoked.code()).isEqualTo(ErrorCode.ACCESS_DENIED);
    assertThat(revoked.getMessage()).contains("was revoked");
  }
}
