package io.gantry.api.sigv4;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a {@link SignatureClaim} from either SigV4 form: the {@code Authorization} header, or the
 * {@code X-Amz-*} parameters of a presigned query. Anything missing or malformed becomes the
 * {@code IncompleteSignatureException} AWS would answer with; a request with neither form gets
 * {@code MissingAuthenticationTokenException}. Checks shape only, not values (scope, time and
 * signature are the verifier's). Stateless; parsing is hand-written, without regex.
 */
final class ClaimReader {
  static final String ALGORITHM = "AWS4-HMAC-SHA256";
  static final String ALGORITHM_PARAM = "X-Amz-Algorithm";
  static final String CREDENTIAL = "X-Amz-Credential";
  static final String DATE = "X-Amz-Date";
  static final String EXPIRES = "X-Amz-Expires";
  static final String SIGNED_HEADERS = "X-Amz-SignedHeaders";
  static final String SIGNATURE = "X-Amz-Signature";
  static final long MAX_EXPIRES_SECONDS = 604_800;

  private ClaimReader() {}

  static SignatureClaim read(SignableRequest request, List<QueryParam> query) {
    String authorization = request.firstHeader("authorization");
    boolean presigned = hasQueryAuth(query);
    if (authorization == null) {
      if (!presigned) {
        throw SigV4Errors.missingToken();
      }
      return fromQuery(query);
    }
    if (presigned) {
      throw SigV4Errors.incomplete("Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
          + "Signature query string parameter or the Authorization header should be specified");
    }
    return fromHeader(authorization, request);
  }

  private static boolean hasQueryAuth(List<QueryParam> query) {
    for (QueryParam p : query) {
      String name = p.name();
      if (name.equals(SIGNATURE) || name.equals(ALGORITHM_PARAM) || name.equals(CREDENTIAL)) {
        return true;
      }
    }
    return false;
  }

  private static SignatureClaim fromHeader(String authorization, SignableRequest request) {
    String value = authorization.trim();
    int space = value.indexOf(' ');
    String algorithm = space < 0 ? value : value.substring(0, space);
    if (!algorithm.equals(ALGORITHM)) {
      throw SigV4Errors.incomplete("Unsupported AWS 'algorithm': '" + algorithm + "'. Sign with 'AWS4-HMAC-SHA256'.");
    }
    String credential = null;
    String signedHeaders = null;
    String signature = null;
    int start = space + 1;
    while (space > 0 && start < value.length()) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? value.length() : comma;
      String pair = value.substring(start, end).trim();
      start = end + 1;
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq < 0) {
        throw SigV4Errors.incomplete(
            "Invalid key=value pair (missing equal-sign) in Authorization header: '" + pair + "'.");
      }
      String key = pair.substring(0, eq);
      String v = pair.substring(eq + 1);
      switch (key) {
        case "Credential" -> credential = v;
        case "SignedHeaders" -> signedHeaders = v;
        case "Signature" -> signature = v;
        default -> { } // AWS ignores parameters it does not know
      }
    }
    String amzDateHeader = request.firstHeader("x-amz-date");
    String dateHeader = request.firstHeader("date");
    StringBuilder missing = new StringBuilder();
    requireHeaderPart(credential, "Credential", missing);
    requireHeaderPart(signature, "Signature", missing);
    requireHeaderPart(signedHeaders, "SignedHeaders", missing);
    if (amzDateHeader == null && dateHeader == null) {
      missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
    }
    if (missing.length() > 0) {
      throw SigV4Errors.incomplete(missing + "Authorization=" + authorization);
    }
    Instant time;
    String amzDate;
    if (amzDateHeader != null) {
      amzDate = amzDateHeader.trim();
      time = AmzDate.parseBasic(amzDate);
      if (time == null) {
        throw SigV4Errors.incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDateHeader
            + "'. See http://en.wikipedia.org/wiki/ISO_8601");
      }
    } else {
      time = AmzDate.parseHttpDate(dateHeader);
      if (time == null) {
        throw SigV4Errors.incomplete("Date header must be an RFC 1123 date. Got '" + dateHeader + "'.");
      }
      amzDate = AmzDate.format(time);
    }
    return new SignatureClaim(scope(credential), headerNames(signedHeaders), signedHeaders, signature,
        amzDate, time, false, 0);
  }

  private static SignatureClaim fromQuery(List<QueryParam> query) {
    String algorithm = QueryParam.first(query, ALGORITHM_PARAM);
    String credential = QueryParam.first(query, CREDENTIAL);
    String amzDate = QueryParam.first(query, DATE);
    String expires = QueryParam.first(query, EXPIRES);
    String signedHeaders = QueryParam.first(query, SIGNED_HEADERS);
    String signature = QueryParam.first(query, SIGNATURE);
    StringBuilder missing = new StringBuilder();
    requireQueryPart(algorithm, ALGORITHM_PARAM, missing);
    requireQueryPart(credential, CREDENTIAL, missing);
    requireQueryPart(amzDate, DATE, missing);
    requireQueryPart(expires, EXPIRES, missing);
    requireQueryPart(signedHeaders, SIGNED_HEADERS, missing);
    requireQueryPart(signature, SIGNATURE, missing);
    if (missing.length() > 0) {
      throw SigV4Errors.incomplete(missing + "Re-examine the query-string parameters.");
    }
    if (!algorithm.equals(ALGORITHM)) {
      throw SigV4Errors.incomplete("X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
    }
    Instant time = AmzDate.parseBasic(amzDate);
    if (time == null) {
      throw SigV4Errors.incomplete("X-Amz-Date must be in the ISO-8601 basic format yyyyMMdd'T'HHmmss'Z'. Got '"
          + amzDate + "'.");
    }
    long expiresSeconds = expiresSeconds(expires);
    return new SignatureClaim(scope(credential), headerNames(signedHeaders), signedHeaders, signature,
        amzDate, time, true, expiresSeconds);
  }

  private static void requireHeaderPart(String value, String name, StringBuilder missing) {
    if (value == null || value.isEmpty()) {
      missing.append("Authorization header requires '").append(name).append("' parameter. ");
    }
  }

  private static void requireQueryPart(String value, String name, StringBuilder missing) {
    if (value == null || value.isEmpty()) {
      missing.append("AWS query-string parameters must include '").append(name).append("'. ");
    }
  }

  private static CredentialScope scope(String credential) {
    CredentialScope scope = CredentialScope.parse(credential);
    if (scope == null) {
      throw SigV4Errors.incomplete("Credential must have exactly 5 slash-delimited elements, "
          + "e.g. keyid/date/region/service/term, got '" + credential + "'");
    }
    return scope;
  }

  /** The signed header names, lower-cased for lookup; the line itself is signed as sent. */
  private static List<String> headerNames(String signedHeaders) {
    List<String> names = new ArrayList<>(8);
    int start = 0;
    while (start <= signedHeaders.length()) {
      int semicolon = signedHeaders.indexOf(';', start);
      int end = semicolon < 0 ? signedHeaders.length() : semicolon;
      if (end == start) {
        throw SigV4Errors.incomplete("SignedHeaders must be a ';'-separated list of header names, got '"
            + signedHeaders + "'.");
      }
      names.add(signedHeaders.substring(start, end).toLowerCase(Locale.ROOT));
      start = end + 1;
    }
    return names;
  }

  private static long expiresSeconds(String expires) {
    long value = 0;
    boolean valid = expires.length() <= 7;
    for (int i = 0; valid && i < expires.length(); i++) {
      char c = expires.charAt(i);
      valid = c >= '0' && c <= '9';
      value = value * 10 + (c - '0');
    }
    if (!valid || value < 1 || value > MAX_EXPIRES_SECONDS) {
      throw SigV4Errors.incomplete("X-Amz-Expires must be a whole number of seconds from 1 to "
          + MAX_EXPIRES_SECONDS + ", got '" + expires + "'.");
    }
    return value;
  }
}
