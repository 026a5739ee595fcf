package io.gantry.server.dispatch;

/**
 * One ECS operation: takes the decoded input record and returns the output record (serialised
 * with the wire names). Throws {@link io.gantry.model.EcsException} for client errors.
 * Implementations are called concurrently from request threads.
 */
@FunctionalInterface
public interface Operation<I> {
  Object invoke(RequestContext ctx, I input);
}
