package io.gantry.model;

import java.util.regex.Pattern;

/**
 * The tenancy of a request: the account that owns the caller's key and the region of its
 * signature scope. Every stored resource lives under one scope, so accounts stay isolated.
 */
public record Scope(String accountId, String region) {
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,32}");

  public Scope {
    if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
      throw new IllegalArgumentException("account id must be 12 digits: " + accountId);
    }
    if (region == null || !REGION.matcher(region).matches()) {
      throw new IllegalArgumentException("invalid region: " + region);
    }
  }

  /** The ARN prefix for ECS resources in this scope, e.g. {@code arn:aws:ecs:us-east-1:123456789012:}. */
  public String ecsArnPrefix() {
    return "arn:aws:ecs:" + region + ":" + accountId + ":";
  }
}
