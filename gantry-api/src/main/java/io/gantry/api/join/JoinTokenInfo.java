package io.gantry.api.join;

import java.time.Instant;

/**
 * What the admin operations tell about a join token; never its secret. {@code status} is
 * {@code ACTIVE}, {@code EXPIRED} or {@code REVOKED}.
 */
public record JoinTokenInfo(String tokenId, String clusterArn, String status, String description, Instant createdAt,
    Instant expiresAt, Instant revokedAt) {}
