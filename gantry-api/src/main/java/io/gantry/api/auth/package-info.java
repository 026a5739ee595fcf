/**
 * Credentials as the AWS tools keep them: the shared-credentials file format read by the
 * control plane (its access keys), the agent (a key given by file) and the {@code gantry} command
 * (an administrator's key).
 */
package io.gantry.api.auth;
