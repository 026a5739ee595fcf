package io.gantry.api.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One query parameter: its decoded name and value (for reading {@code X-Amz-*} parameters) and
 * its canonical, re-encoded form (for the canonical query string). {@code +} is a literal plus,
 * as in the aws-c-auth and smithy-rs signers, and a parameter without {@code =} has an empty
 * value. Immutable.
 */
record QueryParam(String name, String value, String canonicalName, String canonicalValue) {

  /** The parameters of a raw query in wire order; empty pieces ({@code a&&b}) are skipped. */
  static List<QueryParam> parse(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return List.of();
    }
    List<QueryParam> params = new ArrayList<>(8);
    int start = 0;
    int length = rawQuery.length();
    while (start <= length) {
      int end = rawQuery.indexOf('&', start);
      if (end < 0) {
        end = length;
      }
      if (end > start) {
        int eq = rawQuery.indexOf('=', start);
        if (eq < 0 || eq > end) {
          params.add(of(rawQuery, start, end, end, end));
        } else {
          params.add(of(rawQuery, start, eq, eq + 1, end));
        }
      }
      start = end + 1;
    }
    return params;
  }

  /** The first decoded value of a parameter, or null. */
  static String first(List<QueryParam> params, String name) {
    for (QueryParam p : params) {
      if (p.name.equals(name)) {
        return p.value;
      }
    }
    return null;
  }

  private static QueryParam of(String raw, int nameFrom, int nameTo, int valueFrom, int valueTo) {
    String[] name = decodeAndCanonicalise(raw, nameFrom, nameTo);
    String[] value = decodeAndCanonicalise(raw, valueFrom, valueTo);
    return new QueryParam(name[0], value[0], name[1], value[1]);
  }

  private static String[] decodeAndCanonicalise(String raw, int from, int to) {
    if (UriEncoding.isUnreserved(raw, from, to)) {
      String plain = raw.substring(from, to);
      return new String[] {plain, plain};
    }
    byte[] bytes = UriEncoding.decode(raw, from, to);
    StringBuilder canonical = new StringBuilder(bytes.length * 3);
    UriEncoding.encode(bytes, canonical);
    return new String[] {new String(bytes, StandardCharsets.UTF_8), canonical.toString()};
  }
}
