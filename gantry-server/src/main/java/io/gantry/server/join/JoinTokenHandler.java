package io.gantry.server.join;

import io.gantry.api.join.CreateJoinTokenRequest;
import io.gantry.api.join.CreateJoinTokenResponse;
import io.gantry.api.join.JoinTokenInfo;
import io.gantry.api.join.ListJoinTokensRequest;
import io.gantry.api.join.ListJoinTokensResponse;
import io.gantry.api.join.RevokeJoinTokenRequest;
import io.gantry.api.join.RevokeJoinTokenResponse;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Scope;
import io.gantry.server.clusters.ClusterRefs;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.Txn;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The admin operations on join tokens (Gantry's own, served under {@code /admin/v1/join-tokens}):
 * create, list and revoke. Tokens live in the caller's account and region; only the hash of a
 * token's secret is stored. Agent credentials may not call these ({@code AgentPermissions}).
 * Thread-safe; every write is a compare-and-set.
 */
public final class JoinTokenHandler implements EcsHandler {
  public static final String CREATE = "gantry:CreateJoinToken";
  public static final String LIST = "gantry:ListJoinTokens";
  public static final String REVOKE = "gantry:RevokeJoinToken";
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);
  public static final Duration MIN_TTL = Duration.ofSeconds(1);
  public static final Duration MAX_TTL = Duration.ofDays(30);
  private static final int MAX_DESCRIPTION = 256;

  private final EntityStore store;
  private final ClusterRefs clusters;
  private final RandomGenerator random;

  public JoinTokenHandler(EntityStore store, RandomGenerator random) {
    this.store = store;
    this.clusters = new ClusterRefs(store);
    this.random = random;
  }

  @Override
  public void register(OperationRegistry registry) {
    registry.register(CREATE, CreateJoinTokenRequest.class, this::create)
        .register(LIST, ListJoinTokensRequest.class, this::list)
        .register(REVOKE, RevokeJoinTokenRequest.class, this::revoke);
  }

  CreateJoinTokenResponse create(RequestContext ctx, CreateJoinTokenRequest req) {
    if (req.cluster() == null || req.cluster().isBlank()) {
      throw EcsException.invalidParameter("cluster is required: the cluster the token lets machines join.");
    }
    Duration ttl = req.ttlSeconds() == null ? DEFAULT_TTL : Duration.ofSeconds(req.ttlSeconds());
    if (ttl.compareTo(MIN_TTL) < 0 || ttl.compareTo(MAX_TTL) > 0) {
      throw EcsException.invalidParameter("ttlSeconds must be from " + MIN_TTL.toSeconds() + " to "
          + MAX_TTL.toSeconds() + " (30 days); got " + req.ttlSeconds() + ".");
    }
    if (req.description() != null && req.description().length() > MAX_DESCRIPTION) {
      throw EcsException.invalidParameter("description can have at most " + MAX_DESCRIPTION + " characters.");
    }
    Scope scope = ctx.scope();
    io.gantry.server.instances.ManagedClusters.ensureRecord(store, scope, req.cluster());
    String cluster = clusters.active(scope, req.cluster()).value().clusterName();
    while (true) {
      JoinToken token = JoinToken.generate(random);
      JoinTokenRecord record = new JoinTokenRecord(token.tokenId(), cluster, token.secretHash(), req.description(),
          ctx.now(), ctx.now().plus(ttl), null, ctx.accessKeyId());
      String index = StateKeys.joinTokenIndex(token.tokenId());
      Txn txn = Txn.builder().absent(index)
          .put(index, store.encode(scope))
          .put(StateKeys.joinToken(scope, token.tokenId()), store.encode(record))
          .build();
      if (store.commit(txn).succeeded()) {
        return new CreateJoinTokenResponse(token.text(), record.info(scope, ctx.now()));
      }
    }
  }

  ListJoinTokensResponse list(RequestContext ctx, ListJoinTokensRequest req) {
    Optional<String> cluster = req.cluster() == null ? Optional.empty() : ClusterRefs.name(ctx.scope(), req.cluster());
    if (req.cluster() != null && cluster.isEmpty()) {
      throw EcsException.invalidParameter("cluster must be a cluster name or ARN of this account and region.");
    }
    List<JoinTokenInfo> tokens = store.list(StateKeys.joinTokens(ctx.scope()), JoinTokenRecord.class).stream()
        .map(Versioned::value)
        .filter(r -> cluster.isEmpty() || cluster.get().equals(r.cluster()))
        .sorted(Comparator.comparing(JoinTokenRecord::createdAt).thenComparing(JoinTokenRecord::tokenId))
        .map(r -> r.info(ctx.scope(), ctx.now()))
        .toList();
    return new ListJoinTokensResponse(tokens);
  }

  RevokeJoinTokenResponse revoke(RequestContext ctx, RevokeJoinTokenRequest req) {
    if (!JoinToken.validId(req.tokenId())) {
      throw EcsException.invalidParameter("tokenId must be a join token id (10 characters of [a-z0-9]).");
    }
    String key = StateKeys.joinToken(ctx.scope(), req.tokenId());
    JoinTokenRecord revoked = store.retry(attempt -> {
      Versioned<JoinTokenRecord> current = store.get(key, JoinTokenRecord.class).orElseThrow(
          () -> new EcsException(ErrorCode.RESOURCE_NOT_FOUND, "Join token " + req.tokenId() + " not found."));
      if (current.value().revokedAt() != null) {
        return new EntityStore.Attempt<>(null, current.value());
      }
      JoinTokenRecord next = current.value().revoked(ctx.now());
      return new EntityStore.Attempt<>(Txn.builder().modRevisionIs(key, current.modRevision())
          .put(key, store.encode(next)).build(), next);
    });
    return new RevokeJoinTokenResponse(revoked.info(ctx.scope(), ctx.now()));
  }
}
