/** Access keys: the credentials file in the data directory, key generation, and the key lookup for SigV4. */
package io.gantry.server.auth;
