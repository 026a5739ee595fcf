package io.gantry.api.sigv4;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Builds the SigV4 canonical request for non-S3 services: method, canonical URI (dot segments
 * removed, duplicate slashes collapsed, each segment percent-encoded once more), canonical query
 * (re-encoded, sorted by name then value, {@code X-Amz-Signature} left out when presigned),
 * canonical headers (trimmed, inner whitespace collapsed, repeated values joined with a comma),
 * the signed-header list and the payload hash. Stateless and thread-safe.
 */
final class CanonicalRequest {
  private static final Comparator<QueryParam> ORDER =
      Comparator.comparing(QueryParam::canonicalName).thenComparing(QueryParam::canonicalValue);

  private CanonicalRequest() {}

  static String build(
      SignableRequest request,
      List<QueryParam> query,
      List<String> signedHeaders,
      String signedHeadersLine,
      boolean presigned,
      String payloadHash) {
    StringBuilder out = new StringBuilder(256 + request.rawPath().length());
    out.append(request.method()).append('\n');
    appendUri(request.rawPath(), out);
    out.append('\n');
    appendQuery(query, presigned, out);
    out.append('\n');
    for (String name : signedHeaders) {
      out.append(name).append(':');
      appendValues(request.headerValues(name), out);
      out.append('\n');
    }
    out.append('\n').append(signedHeadersLine).append('\n').append(payloadHash);
    return out.toString();
  }

  /** The canonical URI of a raw (wire) path. */
  static void appendUri(String rawPath, StringBuilder out) {
    if (rawPath.equals("/")) {
      out.append('/');
      return;
    }
    List<int[]> segments = new ArrayList<>();
    boolean trailingSlash = rawPath.endsWith("/");
    int length = rawPath.length();
    int start = 0;
    while (start <= length) {
      int end = rawPath.indexOf('/', start);
      if (end < 0) {
        end = length;
      }
      int size = end - start;
      boolean last = end == length;
      if (size == 1 && rawPath.charAt(start) == '.') {
        trailingSlash |= last;
      } else if (size == 2 && rawPath.charAt(start) == '.' && rawPath.charAt(start + 1) == '.') {
        if (!segments.isEmpty()) {
          segments.remove(segments.size() - 1);
        }
        trailingSlash |= last;
      } else if (size > 0) {
        segments.add(new int[] {start, end});
      }
      start = end + 1;
    }
    out.append('/');
    for (int i = 0; i < segments.size(); i++) {
      if (i > 0) {
        out.append('/');
      }
      UriEncoding.encode(rawPath, segments.get(i)[0], segments.get(i)[1], out);
    }
    if (trailingSlash && !segments.isEmpty()) {
      out.append('/');
    }
  }

  static void appendQuery(List<QueryParam> query, boolean presigned, StringBuilder out) {
    if (query.isEmpty()) {
      return;
    }
    List<QueryParam> sorted = new ArrayList<>(query.size());
    for (QueryParam p : query) {
      if (!(presigned && p.name().equals(ClaimReader.SIGNATURE))) {
        sorted.add(p);
      }
    }
    sorted.sort(ORDER);
    for (int i = 0; i < sorted.size(); i++) {
      if (i > 0) {
        out.append('&');
      }
      out.append(sorted.get(i).canonicalName()).append('=').append(sorted.get(i).canonicalValue());
    }
  }

  /** Values joined by commas, each trimmed and with runs of spaces and tabs collapsed to one space. */
  private static void appendValues(List<String> values, StringBuilder out) {
    for (int v = 0; v < values.size(); v++) {
      if (v > 0) {
        out.append(',');
      }
      String value = values.get(v);
      int from = 0;
      int to = value.length();
      while (from < to && isBlank(value.charAt(from))) {
        from++;
      }
      while (to > from && isBlank(value.charAt(to - 1))) {
        to--;
      }
      boolean inBlank = false;
      for (int i = from; i < to; i++) {
        char c = value.charAt(i);
        if (isBlank(c)) {
          inBlank = true;
        } else {
          if (inBlank) {
            out.append(' ');
            inBlank = false;
          }
          out.append(c);
        }
      }
    }
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t';
  }
}
