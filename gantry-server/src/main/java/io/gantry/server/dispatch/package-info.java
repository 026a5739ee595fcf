/**
 * Operation dispatch: the registry of ECS operations, the request context, and the one place
 * where exceptions become ECS error responses.
 */
package io.gantry.server.dispatch;
