package io.gantry.api.sigv4;

import java.util.Optional;

/**
 * Finds the credential for an access key id (empty when the key is unknown); called from many
 * request threads at once, so implementations must be thread-safe and fast: an in-memory map, not
 * a file read per call.
 */
@FunctionalInterface
public interface CredentialLookup {
  Optional<Credential> find(String accessKeyId);
}
