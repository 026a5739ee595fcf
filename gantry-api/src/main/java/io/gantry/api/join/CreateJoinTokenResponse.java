package io.gantry.api.join;

/** The output of CreateJoinToken: the whole token (shown only here) and its description. */
public record CreateJoinTokenResponse(String token, JoinTokenInfo joinToken) {}
