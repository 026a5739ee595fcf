package io.gantry.server.paging;

import io.gantry.model.EcsException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts a sorted listing into pages. A nextToken is the opaque (base64) sort key of the last item
 * returned, so paging stays correct while items are added or removed between calls.
 */
public final class Pages {
  private Pages() {}

  /** One page of items and the token for the next one (null on the last page). */
  public record Page<T>(List<T> items, String nextToken) {}

  /**
   * @param sorted items in ascending order of {@code sortKey}
   * @param maxResults the caller's limit or null for {@code defaultMax}; must be 1..{@code limit}
   */
  public static <T> Page<T> page(List<T> sorted, Function<T, String> sortKey, String nextToken,
      Integer maxResults, int defaultMax, int limit) {
    int max = maxResults == null ? defaultMax : maxResults;
    if (max < 1 || max > limit) {
      throw EcsException.invalidParameter("maxResults must be between 1 and " + limit + ".");
    }
    int start = 0;
    if (nextToken != null && !nextToken.isEmpty()) {
      String after = decode(nextToken);
      while (start < sorted.size() && sortKey.apply(sorted.get(start)).compareTo(after) <= 0) {
        start++;
      }
    }
    int end = Math.min(sorted.size(), start + max);
    List<T> items = List.copyOf(sorted.subList(start, end));
    String next = end < sorted.size() ? encode(sortKey.apply(sorted.get(end - 1))) : null;
    return new Page<>(items, next);
  }

  static String encode(String key) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1|" + key).getBytes(StandardCharsets.UTF_8));
  }

  static String decode(String token) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (!raw.startsWith("v1|")) {
        throw new IllegalArgumentException();
      }
      return raw.substring(3);
    } catch (IllegalArgumentException e) {
      throw EcsException.invalidParameter("Invalid nextToken.");
    }
  }
}
