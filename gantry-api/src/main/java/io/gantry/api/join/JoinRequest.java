package io.gantry.api.join;

/**
 * The agent's join exchange ({@code POST /agent/v1/join}, unsigned): the join token and the
 * cluster the agent means to join, which must be the token's.
 */
public record JoinRequest(String token, String cluster) {
  @Override
  public String toString() {
    return "JoinRequest[cluster " + cluster + "]";
  }
}
