package io.gantry.server.dispatch;

/** A group of ECS operations on one kind of resource; registers its operations at start-up. */
public interface EcsHandler {
  void register(OperationRegistry registry);
}
