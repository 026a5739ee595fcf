package io.gantry.api.sigv4;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Signs requests with AWS Signature Version 4 for one access key, region and service; immutable
 * and thread-safe. Signs either in the {@code Authorization} header ({@link #sign}) or as a
 * presigned query ({@link #presign}), producing what {@link SigV4Verifier} accepts. Every header
 * of the request is signed except a few that proxies rewrite; the request must carry a
 * {@code Host} header. The signing key is derived per call, which is fine for clients and
 * benchmarks.
 */
public final class SigV4Signer {
  /** Headers that proxies and HTTP stacks add or rewrite; signing them would break the signature. */
  private static final Set<String> UNSIGNED = Set.of("authorization", "user-agent", "x-amzn-trace-id", "expect");

  private final String accessKeyId;
  private final String secretKey;
  private final String region;
  private final String service;
  private final Clock clock;

  public SigV4Signer(String accessKeyId, String secretKey, String region, String service, Clock clock) {
    this.accessKeyId = requireText(accessKeyId, "accessKeyId");
    this.secretKey = requireText(secretKey, "secretKey");
    this.region = requireText(region, "region");
    this.service = requireText(service, "service");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Signs in the header form: sets {@code X-Amz-Date} and {@code Authorization}. */
  public SignableRequest sign(SignableRequest request) {
    return sign(request, false);
  }

  /**
   * Signs in the header form, also setting {@code x-amz-content-sha256} to the body's hash when
   * asked (some AWS services require it; the verifier checks it when present).
   */
  public SignableRequest sign(SignableRequest request, boolean addContentSha256) {
    CredentialScope scope = scopeNow();
    String amzDate = AmzDate.format(clock.instant());
    String payloadHash = Digests.sha256Hex(request.bodyBytes());
    SignableRequest prepared = request.withoutHeader("authorization").withoutHeader("x-amz-date")
        .withHeader("X-Amz-Date", amzDate);
    if (addContentSha256) {
      prepared = prepared.withoutHeader("x-amz-content-sha256").withHeader("x-amz-content-sha256", payloadHash);
    }
    List<String> signed = headersToSign(prepared, false);
    String signedLine = String.join(";", signed);
    String canonical = CanonicalRequest.build(prepared, QueryParam.parse(prepared.rawQuery()), signed, signedLine,
        false, payloadHash);
    String signature = signature(scope, amzDate, canonical);
    return prepared.withHeader("Authorization", ClaimReader.ALGORITHM + " Credential=" + scope.credential()
        + ", SignedHeaders=" + signedLine + ", Signature=" + signature);
  }

  /**
   * Signs in the presigned query form, valid for {@code expiresSeconds} (1 to 604800) from now:
   * appends {@code X-Amz-Algorithm}, {@code X-Amz-Credential}, {@code X-Amz-Date},
   * {@code X-Amz-SignedHeaders}, {@code X-Amz-Expires} and {@code X-Amz-Signature} to the query
   * (replacing any earlier ones). Headers are left as they are; {@code X-Amz-Date} is not signed
   * as a header, since the query carries the date.
   */
  public SignableRequest presign(SignableRequest request, long expiresSeconds) {
    if (expiresSeconds < 1 || expiresSeconds > ClaimReader.MAX_EXPIRES_SECONDS) {
      throw new IllegalArgumentException("expiresSeconds must be from 1 to " + ClaimReader.MAX_EXPIRES_SECONDS);
    }
    CredentialScope scope = scopeNow();
    String amzDate = AmzDate.format(clock.instant());
    List<String> signed = headersToSign(request, true);
    String signedLine = String.join(";", signed);
    StringBuilder query = new StringBuilder(withoutQueryAuth(request.rawQuery()));
    if (query.length() > 0) {
      query.append('&');
    }
    query.append(ClaimReader.ALGORITHM_PARAM).append('=').append(ClaimReader.ALGORITHM)
        .append('&').append(ClaimReader.CREDENTIAL).append('=').append(UriEncoding.encode(scope.credential()))
        .append('&').append(ClaimReader.DATE).append('=').append(amzDate)
        .append('&').append(ClaimReader.SIGNED_HEADERS).append('=').append(UriEncoding.encode(signedLine))
        .append('&').append(ClaimReader.EXPIRES).append('=').append(expiresSeconds);
    SignableRequest unsigned = request.withRawQuery(query.toString());
    String canonical = CanonicalRequest.build(unsigned, QueryParam.parse(unsigned.rawQuery()), signed, signedLine,
        true, Digests.sha256Hex(request.bodyBytes()));
    query.append('&').append(ClaimReader.SIGNATURE).append('=').append(signature(scope, amzDate, canonical));
    return request.withRawQuery(query.toString());
  }

  private CredentialScope scopeNow() {
    String date = AmzDate.format(clock.instant()).substring(0, 8);
    return new CredentialScope(accessKeyId, date, region, service, CredentialScope.TERMINATOR);
  }

  private String signature(CredentialScope scope, String amzDate, String canonical) {
    byte[] hex = Signatures.sign(SigningKeys.derive(secretKey, scope.date(), region, service),
        Signatures.stringToSign(amzDate, scope, canonical));
    return new String(hex, StandardCharsets.US_ASCII);
  }

  private static List<String> headersToSign(SignableRequest request, boolean presigned) {
    if (request.firstHeader("host") == null) {
      throw new IllegalArgumentException("a SigV4 request needs a Host header");
    }
    List<String> names = new ArrayList<>();
    for (String name : request.headers().keySet()) {
      if (!UNSIGNED.contains(name) && !(presigned && name.equals("x-amz-date"))) {
        names.add(name);
      }
    }
    Collections.sort(names);
    return names;
  }

  /** The raw query without the parameters a presigned query adds, in its original order. */
  private static String withoutQueryAuth(String rawQuery) {
    if (rawQuery == null) {
      return "";
    }
    StringBuilder kept = new StringBuilder(rawQuery.length());
    for (String piece : rawQuery.split("&")) {
      if (piece.isEmpty()) {
        continue;
      }
      int eq = piece.indexOf('=');
      String name = new String(UriEncoding.decode(piece, 0, eq < 0 ? piece.length() : eq), StandardCharsets.UTF_8);
      if (!isQueryAuth(name)) {
        if (kept.length() > 0) {
          kept.append('&');
        }
        kept.append(piece);
      }
    }
    return kept.toString();
  }

  private static boolean isQueryAuth(String name) {
    return name.equals(ClaimReader.ALGORITHM_PARAM) || name.equals(ClaimReader.CREDENTIAL)
        || name.equals(ClaimReader.DATE) || name.equals(ClaimReader.SIGNED_HEADERS)
        || name.equals(ClaimReader.EXPIRES) || name.equals(ClaimReader.SIGNATURE);
  }

  private static String requireText(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException(name + " must not be empty");
    }
    return value;
  }
}
