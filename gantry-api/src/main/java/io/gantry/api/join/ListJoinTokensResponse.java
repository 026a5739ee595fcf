package io.gantry.api.join;

import java.util.List;

/** The output of ListJoinTokens: the tokens of the caller's account and region, revoked and expired ones too. */
public record ListJoinTokensResponse(List<JoinTokenInfo> joinTokens) {
  public ListJoinTokensResponse {
    joinTokens = List.copyOf(joinTokens);
  }
}
