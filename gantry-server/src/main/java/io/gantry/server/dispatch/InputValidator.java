package io.gantry.server.dispatch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks an operation's raw JSON input against the operation's input shape before it is decoded
 * (types, required members, enums, lengths) and throws {@link io.gantry.model.EcsException} on
 * the first violation. Thread-safe.
 */
@FunctionalInterface
public interface InputValidator {
  InputValidator NONE = (operation, input) -> {};

  void validate(String operation, JsonNode input);
}
