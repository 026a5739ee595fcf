package io.gantry.api.join;

/**
 * The answer to a join: agent credentials bound to the account, region and cluster of the token.
 * The agent signs with them (service {@code ecs}, this region) from then on.
 */
public record JoinResponse(String accessKeyId, String secretAccessKey, String accountId, String region,
    String cluster) {
  @Override
  public String toString() {
    return "JoinResponse[" + accessKeyId + " " + accountId + "/" + region + "/" + cluster + "]";
  }
}
