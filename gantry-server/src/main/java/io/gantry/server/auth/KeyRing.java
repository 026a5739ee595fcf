package io.gantry.server.auth;

import io.gantry.api.sigv4.Credential;
import io.gantry.api.sigv4.CredentialLookup;
import io.gantry.model.Scope;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.Txn;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import java.util.stream.Collectors;

/**
 * Every access key the server accepts, for SigV4 verification and authorization: the account
 * keys of the credentials file (fixed at start-up) and the agent keys the control plane issues
 * (stored durably, loaded on first use and cached). A key issued here is cached before
 * {@link #issue} returns, so it verifies on the very next request. Thread-safe.
 */
public final class KeyRing implements CredentialLookup {
  private final Map<String, AccessKey> fileKeys;
  private final EntityStore store;
  private final RandomGenerator random;
  private final Map<String, AgentKey> issued = new ConcurrentHashMap<>();

  public KeyRing(List<AccessKey> fileKeys, EntityStore store, RandomGenerator random) {
    this.fileKeys = fileKeys.stream()
        .collect(Collectors.toUnmodifiableMap(AccessKey::accessKeyId, Function.identity(), (a, b) -> a));
    this.store = store;
    this.random = random;
  }

  @Override
  public Optional<Credential> find(String accessKeyId) {
    AccessKey file = fileKeys.get(accessKeyId);
    if (file != null) {
      return Optional.of(new Credential(file.accessKeyId(), file.secretAccessKey(), file.accountId()));
    }
    return agentKey(accessKeyId).map(k -> new Credential(k.accessKeyId(), k.secretAccessKey(), k.accountId()));
  }

  /** Who {@code accessKeyId} stands for; empty for an unknown key. */
  public Optional<Principal> principal(String accessKeyId) {
    AccessKey file = fileKeys.get(accessKeyId);
    if (file != null) {
      return Optional.of(Principal.account(file.accountId()));
    }
    return agentKey(accessKeyId).map(AgentKey::principal);
  }

  /** The issued agent key {@code accessKeyId}, from the cache or the store. */
  public Optional<AgentKey> agentKey(String accessKeyId) {
    AgentKey cached = issued.get(accessKeyId);
    if (cached != null) {
      return Optional.of(cached);
    }
    Optional<AgentKey> loaded = store.get(StateKeys.agentKeyIndex(accessKeyId), Scope.class)
        .flatMap(scope -> store.get(StateKeys.agentKey(scope.value(), accessKeyId), AgentKey.class))
        .map(Versioned::value);
    loaded.ifPresent(k -> issued.putIfAbsent(accessKeyId, k));
    return loaded;
  }

  /**
   * Issues and stores new agent credentials bound to {@code scope} and {@code cluster}; the
   * record and its index are written in one transaction.
   */
  public AgentKey issue(Scope scope, String cluster, String joinTokenId, Instant now) {
    while (true) {
      AccessKey pair = CredentialsFile.generate(scope.accountId(), random);
      AgentKey key = new AgentKey(pair.accessKeyId(), pair.secretAccessKey(), scope.accountId(), scope.region(),
          cluster, joinTokenId, now);
      String index = StateKeys.agentKeyIndex(key.accessKeyId());
      Txn txn = Txn.builder().absent(index)
          .put(index, store.encode(scope))
          .put(StateKeys.agentKey(scope, key.accessKeyId()), store.encode(key))
          .build();
      if (!fileKeys.containsKey(key.accessKeyId()) && store.commit(txn).succeeded()) {
        issued.put(key.accessKeyId(), key);
        return key;
      }
    }
  }
}
