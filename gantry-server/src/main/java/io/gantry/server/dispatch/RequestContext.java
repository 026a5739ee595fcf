package io.gantry.server.dispatch;

import io.gantry.model.Scope;
import io.gantry.server.auth.Principal;
import java.time.Instant;

/**
 * Who is calling and when: the verified caller's scope (account and region), its access key and
 * the principal the key stands for, the request id and the time the request arrived. Immutable;
 * one per request.
 */
public record RequestContext(Scope scope, String accessKeyId, Principal principal, String requestId, Instant now) {

  /** A call with an account key (the principal is the account of {@code scope}). */
  public RequestContext(Scope scope, String accessKeyId, String requestId, Instant now) {
    this(scope, accessKeyId, Principal.account(scope.accountId()), requestId, now);
  }

  /** The IAM principal ARN that stands for the caller (the account root for now). */
  public String principalArn() {
    return "arn:aws:iam::" + scope.accountId() + ":root";
  }
}
