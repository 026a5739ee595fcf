package io.gantry.api.sigv4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable, thread-safe view of the parts of an HTTP request that SigV4 covers, as they were
 * on the wire: the method, the raw (still percent-encoded) path, the raw query without {@code ?}
 * (null when there is none), the headers and the body. Header names are lower-cased and merged in
 * the compact constructor, so lookups ignore case; header lists and the body are copied in, and
 * {@link #body()} hands out a copy.
 */
public record SignableRequest(
    String method, String rawPath, String rawQuery, Map<String, List<String>> headers, byte[] body) {
  private static final byte[] EMPTY = new byte[0];

  public SignableRequest {
    Objects.requireNonNull(method, "method");
    rawPath = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
    rawQuery = rawQuery == null || rawQuery.isEmpty() ? null : rawQuery;
    headers = normalise(headers);
    body = body == null || body.length == 0 ? EMPTY : body.clone();
  }

  /** A request with no query, the given headers (name, value, name, value, ...) and body. */
  public static SignableRequest of(String method, String rawPath, byte[] body, String... headerPairs) {
    if (headerPairs.length % 2 != 0) {
      throw new IllegalArgumentException("headers come in name/value pairs");
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 0; i < headerPairs.length; i += 2) {
      headers.computeIfAbsent(headerPairs[i], k -> new ArrayList<>(1)).add(headerPairs[i + 1]);
    }
    return new SignableRequest(method, rawPath, null, headers, body);
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body without a copy, for hashing inside this package; callers must not modify it. */
  byte[] bodyBytes() {
    return body;
  }

  /** Every value of a header, in arrival order; empty when the header is absent. */
  public List<String> headerValues(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null ? List.of() : values;
  }

  /** The first value of a header. */
  public Optional<String> header(String name) {
    return Optional.ofNullable(firstHeader(name.toLowerCase(Locale.ROOT)));
  }

  /** The first value of a header named in lower case, or null; the allocation-free lookup. */
  String firstHeader(String lowerCaseName) {
    List<String> values = headers.get(lowerCaseName);
    return values == null ? null : values.get(0);
  }

  /** This request with one more value for a header. */
  public SignableRequest withHeader(String name, String value) {
    Map<String, List<String>> copy = new LinkedHashMap<>(headers);
    List<String> values = new ArrayList<>(headerValues(name));
    values.add(value);
    copy.put(name.toLowerCase(Locale.ROOT), values);
    return new SignableRequest(method, rawPath, rawQuery, copy, body);
  }

  /** This request without any value of a header. */
  public SignableRequest withoutHeader(String name) {
    String key = name.toLowerCase(Locale.ROOT);
    if (!headers.containsKey(key)) {
      return this;
    }
    Map<String, List<String>> copy = new LinkedHashMap<>(headers);
    copy.remove(key);
    return new SignableRequest(method, rawPath, rawQuery, copy, body);
  }

  /** This request with another raw query (null for none). */
  public SignableRequest withRawQuery(String newRawQuery) {
    return new SignableRequest(method, rawPath, newRawQuery, headers, body);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SignableRequest r
        && method.equals(r.method)
        && rawPath.equals(r.rawPath)
        && Objects.equals(rawQuery, r.rawQuery)
        && headers.equals(r.headers)
        && Arrays.equals(body, r.body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, rawPath, rawQuery, headers, Arrays.hashCode(body));
  }

  @Override
  public String toString() {
    return "SignableRequest[" + method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery)
        + " headers=" + headers.keySet() + " body=" + body.length + " bytes]";
  }

  private static Map<String, List<String>> normalise(Map<String, List<String>> headers) {
    if (headers == null || headers.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> merged = new LinkedHashMap<>(headers.size() * 2);
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      String name = Objects.requireNonNull(e.getKey(), "header name").toLowerCase(Locale.ROOT);
      List<String> values = e.getValue();
      if (values == null || values.isEmpty()) {
        continue;
      }
      List<String> existing = merged.get(name);
      if (existing == null) {
        merged.put(name, List.copyOf(values));
      } else {
        List<String> both = new ArrayList<>(existing);
        both.addAll(values);
        merged.put(name, List.copyOf(both));
      }
    }
    return Collections.unmodifiableMap(merged);
  }
}
