package io.gantry.api.join;

/**
 * The input of CreateJoinToken ({@code POST /admin/v1/join-tokens}).
 *
 * @param cluster the cluster the token lets machines join (name or ARN; required)
 * @param ttlSeconds how long the token is valid (null: 24 hours)
 * @param description free text shown by ListJoinTokens (optional)
 */
public record CreateJoinTokenRequest(String cluster, Long ttlSeconds, String description) {}
