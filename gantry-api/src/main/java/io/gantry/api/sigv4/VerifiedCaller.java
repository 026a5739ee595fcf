package io.gantry.api.sigv4;

/**
 * The immutable answer of a successful verification: who signed, the account the key belongs to,
 * and the region and service named in the credential scope.
 */
public record VerifiedCaller(String accessKeyId, String accountId, String region, String service) {}
