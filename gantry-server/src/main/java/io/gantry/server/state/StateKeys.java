package io.gantry.server.state;

import io.gantry.model.Scope;

/**
 * The key space. Every resource key starts with its scope ({@code ecs/ACCOUNT/REGION/}) so
 * accounts and regions never see each other's resources; the kind follows, then the resource's
 * own name. Prefix reads on a kind list it.
 */
public final class StateKeys {
  private StateKeys() {}

  public static String scope(Scope scope) {
    return "ecs/" + scope.accountId() + "/" + scope.region() + "/";
  }

  public static String clusters(Scope scope) {
    return scope(scope) + "cluster/";
  }

  public static String cluster(Scope scope, String name) {
    return clusters(scope) + name;
  }

  /** Capacity providers of a scope, by name (deleted ones stay as INACTIVE until the name is used again). */
  public static String capacityProviders(Scope scope) {
    return scope(scope) + "capacity-provider/";
  }

  public static String capacityProvider(Scope scope, String name) {
    return capacityProviders(scope) + name;
  }

  /** Task definition revisions of one family; revisions are zero-padded so keys sort by number. */
  public static String taskDefinitions(Scope scope) {
    return scope(scope) + "taskdef/";
  }

  public static String taskDefinitionFamily(Scope scope, String family) {
    return taskDefinitions(scope) + family + "/";
  }

  public static String taskDefinition(Scope scope, String family, int revision) {
    return taskDefinitionFamily(scope, family) + String.format("%010d", revision);
  }

  public static String containerInstances(Scope scope, String cluster) {
    return scope(scope) + "instance/" + cluster + "/";
  }

  public static String containerInstance(Scope scope, String cluster, String id) {
    return containerInstances(scope, cluster) + id;
  }

  /**
   * Which agent session holds an instance now (any control-plane replica may hold it): written on
   * every Hello, so a replica whose older session of the instance closes can tell it was replaced.
   */
  public static String agentSession(Scope scope, String cluster, String id) {
    return scope(scope) + "agent-session/" + cluster + "/" + id;
  }

  public static String tags(Scope scope, String resourceArn) {
    return scope(scope) + "tags/" + resourceArn;
  }

  public static String accountSettings(Scope scope) {
    return scope(scope) + "setting/";
  }

  /** An account setting for one principal; {@code principal} is an ARN or {@code default}. */
  public static String accountSetting(Scope scope, String principal, String name) {
    return accountSettings(scope) + principal + "|" + name;
  }

  public static String tasks(Scope scope, String cluster) {
    return scope(scope) + "task/" + cluster + "/";
  }

  /** ACTIVE and DRAINING services of a cluster: what the cluster counts and DeleteCluster waits for. */
  public static String services(Scope scope, String cluster) {
    return scope(scope) + "service/" + cluster + "/";
  }

  /** INACTIVE (deleted) services of a cluster, kept describable until a service of the same name is created. */
  public static String inactiveServices(Scope scope, String cluster) {
    return scope(scope) + "service-inactive/" + cluster + "/";
  }

  /**
   * The record of one RunTask client token: what the call asked for and which tasks it made.
   * Tokens are per cluster, as in ECS.
   */
  public static String runTaskToken(Scope scope, String cluster, String token) {
    return scope(scope) + "runtask-token/" + cluster + "/" + token;
  }

  /** Join tokens of a scope, by token id; the record holds only a hash of the token's secret. */
  public static String joinTokens(Scope scope) {
    return scope(scope) + "join-token/";
  }

  public static String joinToken(Scope scope, String tokenId) {
    return joinTokens(scope) + tokenId;
  }

  /** Agent credentials the control plane issued in a scope, by access key id. */
  public static String agentKey(Scope scope, String accessKeyId) {
    return scope(scope) + "agent-key/" + accessKeyId;
  }

  /**
   * Which scope a join token lives in. Outside {@code ecs/} because the agent presenting a token
   * does not know its account: the id alone must find it.
   */
  public static String joinTokenIndex(String tokenId) {
    return "auth/join-token/" + tokenId;
  }

  /** Which scope an issued access key lives in, for SigV4 key lookups by key id alone. */
  public static String agentKeyIndex(String accessKeyId) {
    return "auth/agent-key/" + accessKeyId;
  }
}
