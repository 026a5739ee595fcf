/**
 * Gantry's own wire records for joining machines: the admin operations on join tokens
 * ({@code /admin/v1/join-tokens}, SigV4-signed with an account key) and the agent's join
 * exchange ({@code POST /agent/v1/join}, authenticated by the token itself). JSON with the same
 * conventions as awsJson1_1 (null members left out, timestamps in epoch seconds). See
 * docs/PROTOCOL.md.
 */
package io.gantry.api.join;
