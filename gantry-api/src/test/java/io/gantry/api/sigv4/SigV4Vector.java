package io.gantry.api.sigv4;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One case of the aws-c-auth SigV4 test suite, read from {@code src/test/resources/sigv4/<name>/}
 * (see {@code SOURCES.tsv} there for where each file comes from). Immutable.
 */
record SigV4Vector(
    String name,
    Optional<SignableRequest> request,
    SignableRequest headerSigned,
    String headerCanonical,
    Optional<SignableRequest> querySigned,
    Optional<String> queryCanonical) {

  static final String ACCESS_KEY = "AKIDEXAMPLE";
  static final String SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  static final String ACCOUNT = "111122223333";
  static final String REGION = "us-east-1";
  static final String SERVICE = "service";
  static final Instant TIME = Instant.parse("2015-08-30T12:36:00Z");
  static final Clock CLOCK = Clock.fixed(TIME, ZoneOffset.UTC);

  static List<String> names() {
    return read("cases.txt").orElseThrow().lines().filter(l -> !l.isBlank()).toList();
  }

  static SigV4Vector load(String name) {
    return new SigV4Vector(
        name,
        read(name + "/request.txt").map(SigV4Vector::parseRequest),
        parseRequest(read(name + "/header-signed-request.txt").orElseThrow()),
        read(name + "/header-canonical-request.txt").orElseThrow(),
        read(name + "/query-signed-request.txt").map(SigV4Vector::parseRequest),
        read(name + "/query-canonical-request.txt"));
  }

  static SigV4Verifier verifier() {
    return new SigV4Verifier(
        id -> id.equals(ACCESS_KEY) ? Optional.of(new Credential(ACCESS_KEY, SECRET, ACCOUNT)) : Optional.empty(),
        SERVICE,
        CLOCK);
  }

  static SigV4Signer signer() {
    return new SigV4Signer(ACCESS_KEY, SECRET, REGION, SERVICE, CLOCK);
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Parses the suite's request files: a request line whose target may hold raw spaces and UTF-8,
   * {@code Name:value} header lines, and a body after the first empty line. A line that starts
   * with whitespace continues the previous header; the suite's canonical requests show that each
   * such line counts as one more value of that header.
   */
  static SignableRequest parseRequest(String text) {
    int headerEnd = text.indexOf("\n\n");
    String head = headerEnd < 0 ? text : text.substring(0, headerEnd);
    byte[] body = headerEnd < 0 ? new byte[0] : text.substring(headerEnd + 2).getBytes(StandardCharsets.UTF_8);
    List<String> lines = head.lines().toList();
    String requestLine = lines.get(0);
    String method = requestLine.substring(0, requestLine.indexOf(' '));
    String target = requestLine.substring(method.length() + 1, requestLine.lastIndexOf(" HTTP/1.1"));
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? null : target.substring(question + 1);
    Map<String, List<String>> headers = new LinkedHashMap<>();
    String previous = null;
    for (String line : lines.subList(1, lines.size())) {
      if (!line.isEmpty() && Character.isWhitespace(line.charAt(0))) {
        headers.get(previous).add(line.strip());
        continue;
      }
      int colon = line.indexOf(':');
      previous = line.substring(0, colon).toLowerCase(Locale.ROOT);
      headers.computeIfAbsent(previous, k -> new ArrayList<>()).add(line.substring(colon + 1));
    }
    return new SignableRequest(method, path, query, headers, body);
  }

  /** A file's text with a trailing line break removed, or empty when the case has no such file. */
  private static Optional<String> read(String resource) {
    try (InputStream in = SigV4Vector.class.getResourceAsStream("/sigv4/" + resource)) {
      if (in == null) {
        return Optional.empty();
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return Optional.of(resource.endsWith("canonical-request.txt") ? text.stripTrailing() : text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
