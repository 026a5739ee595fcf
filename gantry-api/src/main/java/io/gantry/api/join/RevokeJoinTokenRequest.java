package io.gantry.api.join;

/** The input of RevokeJoinToken ({@code DELETE /admin/v1/join-tokens/ID}). */
public record RevokeJoinTokenRequest(String tokenId) {}
