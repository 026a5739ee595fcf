package io.gantry.api.join;

/** The output of RevokeJoinToken: the token as it is now (REVOKED). */
public record RevokeJoinTokenResponse(JoinTokenInfo joinToken) {}
