package io.gantry.server.dispatch;

import io.gantry.model.Scope;
import java.time.Instant;

/**
 * Who is calling and when: the verified caller's scope (account and region), its access key,
 * the request id and the time the request arrived. Immutable; one per request.
 */
public record RequestContext(Scope scope, String accessKeyId, String requestId, Instant now) {

  /** The IAM principal ARN that stands for the caller (the account root for now). */
  public String principalArn() {
    return "arn:aws:iam::" + scope.accountId() + ":root";
  }
}
