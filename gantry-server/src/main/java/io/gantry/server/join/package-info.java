/**
 * Join tokens and the join exchange: administrators create, list and revoke multi-use tokens
 * scoped to an account, region and cluster; an agent presenting a valid token gets agent
 * credentials bound to the same scope and cluster (issued by {@link io.gantry.server.auth.KeyRing}).
 */
package io.gantry.server.join;
