/**
 * Access keys and what they may do: the credentials file in the data directory, key generation,
 * the issued agent credentials, the key lookup for SigV4 ({@link io.gantry.server.auth.KeyRing})
 * and the principals' permissions ({@link io.gantry.server.auth.AgentPermissions}).
 */
package io.gantry.server.auth;
