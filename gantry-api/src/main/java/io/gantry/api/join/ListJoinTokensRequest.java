package io.gantry.api.join;

/** The input of ListJoinTokens ({@code GET /admin/v1/join-tokens}): optionally only one cluster's. */
public record ListJoinTokensRequest(String cluster) {}
