package io.gantry.server.http;

import io.gantry.api.json.AwsJson;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.server.join.JoinTokenHandler;
import java.nio.charset.StandardCharsets;
import java.net.URLDecoder;

/**
 * Maps Gantry's admin HTTP routes onto the operations they stand for, so that they go through
 * the dispatcher like ECS operations: {@code POST /admin/v1/join-tokens} (CreateJoinToken, JSON
 * body), {@code GET /admin/v1/join-tokens[?cluster=NAME]} (ListJoinTokens) and
 * {@code DELETE /admin/v1/join-tokens/ID} (RevokeJoinToken). Stateless.
 */
final class AdminRoutes {
  static final String PREFIX = "/admin/v1/";
  private static final String TOKENS = PREFIX + "join-tokens";

  /** An operation and the JSON input it gets. */
  record Route(String operation, byte[] input) {}

  private AdminRoutes() {}

  static boolean matches(String path) {
    return path.startsWith(PREFIX);
  }

  /** The route for a request, or {@code UnknownOperationException}. */
  static Route route(String method, String path, String rawQuery, byte[] body) {
    if (path.equals(TOKENS) || path.equals(TOKENS + "/")) {
      if (method.equals("POST")) {
        return new Route(JoinTokenHandler.CREATE, body);
      }
      if (method.equals("GET")) {
        String cluster = queryParam(rawQuery, "cluster");
        return new Route(JoinTokenHandler.LIST, json("cluster", cluster));
      }
    } else if (path.startsWith(TOKENS + "/") && method.equals("DELETE")) {
      return new Route(JoinTokenHandler.REVOKE, json("tokenId", path.substring(TOKENS.length() + 1)));
    }
    throw new EcsException(ErrorCode.UNKNOWN_OPERATION, method + " " + path + " is not a Gantry admin operation.");
  }

  private static byte[] json(String member, String value) {
    var node = AwsJson.mapper().createObjectNode();
    if (value != null) {
      node.put(member, value);
    }
    return node.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String queryParam(String rawQuery, String name) {
    if (rawQuery == null) {
      return null;
    }
    for (String piece : rawQuery.split("&")) {
      int eq = piece.indexOf('=');
      if (eq > 0 && URLDecoder.decode(piece.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
        return URLDecoder.decode(piece.substring(eq + 1), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
