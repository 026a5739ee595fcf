package io.gantry.agent.runtime.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import io.gantry.agent.runtime.RuntimeUnavailableException;

/**
 * Tells the daemon's answers (a status and a message: outcomes of the request) apart from a broken
 * or unreachable daemon, and extracts the daemon's own message from docker-java's exceptions.
 */
final class DockerErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerErrors() {}

  /** True for an answer of the daemon (HTTP status, or a client-side check of a streamed result). */
  static boolean isAnswer(Throwable t) {
    return t instanceof DockerException || t instanceof DockerClientException;
  }

  /** {@code t} as the exception for a broken runtime, unless it already is one. */
  static RuntimeUnavailableException unavailable(String what, Throwable t) {
    if (t instanceof RuntimeUnavailableException r) {
      return r;
    }
    return new RuntimeUnavailableException("Docker Engine unavailable during " + what + ": "
        + t.getMessage(), t);
  }

  /** The daemon's message: the {@code message} of its JSON error body, else the exception text. */
  static String message(Throwable t) {
    String text = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int brace = text.indexOf('{');
    if (brace >= 0) {
      try {
        JsonNode node = JSON.readTree(text.substring(brace));
        if (node.hasNonNull("message")) {
          return node.get("message").asText().trim();
        }
      } catch (Exception notJson) {
        // fall through to the raw text
      }
    }
    return text.replaceFirst("^Status \\d+: ", "").trim();
  }
}
