package io.gantry.server.auth;

import io.gantry.model.Scope;

/**
 * Who a verified access key stands for: the account itself (a key from the credentials file) or
 * a node agent (a key the control plane issued, bound to one account, region and cluster).
 * Immutable values.
 */
public sealed interface Principal {
  /** The account the principal acts in. */
  String accountId();

  /** The IAM-style ARN used in authorization messages. */
  String arn();

  static Principal account(String accountId) {
    return new Account(accountId);
  }

  /** An account key: may call every operation in the account. */
  record Account(String accountId) implements Principal {
    @Override
    public String arn() {
      return "arn:aws:iam::" + accountId + ":root";
    }
  }

  /** Issued agent credentials: only the agent's own calls, in {@code scope} and {@code cluster}. */
  record Agent(Scope scope, String cluster, String accessKeyId) implements Principal {
    @Override
    public String accountId() {
      return scope.accountId();
    }

    @Override
    public String arn() {
      return "arn:aws:iam::" + scope.accountId() + ":user/gantry-agent/" + cluster + "/" + accessKeyId;
    }

    /** The ARN of the cluster the credentials are bound to. */
    public String clusterArn() {
      return scope.ecsArnPrefix() + "cluster/" + cluster;
    }
  }
}
