package io.gantry.api.sigv4;

import io.gantry.model.EcsException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Verifies AWS Signature Version 4 on incoming requests and answers who signed; thread-safe, one
 * instance serves every request thread. Both the {@code Authorization} header form and the
 * presigned query form are accepted. Every failure is an {@link EcsException} with the code and
 * wording AWS uses. The only shared state is a bounded cache of derived signing keys; each thread
 * reuses its own digest and MAC instances (see {@code Digests}).
 */
public final class SigV4Verifier {
  /** AWS accepts a header-signed request up to five minutes either side of its own clock. */
  public static final Duration DEFAULT_SKEW = Duration.ofMinutes(5);

  private static final int KEY_CACHE_CAPACITY = 1024;

  private final CredentialLookup credentials;
  private final String service;
  private final Clock clock;
  private final Duration skew;
  private final SigningKeys keys = new SigningKeys(KEY_CACHE_CAPACITY);

  public SigV4Verifier(CredentialLookup credentials, String service, Clock clock) {
    this(credentials, service, clock, DEFAULT_SKEW);
  }

  public SigV4Verifier(CredentialLookup credentials, String service, Clock clock, Duration allowedSkew) {
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.service = Objects.requireNonNull(service, "service");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.skew = Objects.requireNonNull(allowedSkew, "allowedSkew");
    if (allowedSkew.isNegative()) {
      throw new IllegalArgumentException("allowedSkew must not be negative");
    }
  }

  /**
   * Checks the request's signature and answers who made it.
   *
   * @throws EcsException {@code MissingAuthenticationTokenException} for an unsigned request,
   *     {@code IncompleteSignatureException} for a malformed one, {@code
   *     UnrecognizedClientException} for an unknown key and {@code InvalidSignatureException} for a
   *     wrong scope, an expired or future date, or a signature that does not match
   */
  public VerifiedCaller verify(SignableRequest request) {
    List<QueryParam> query = QueryParam.parse(request.rawQuery());
    SignatureClaim claim = ClaimReader.read(request, query);
    CredentialScope scope = claim.scope();
    checkScope(claim);
    checkSignedHeaders(claim, request);
    checkTime(claim, clock.instant());
    Credential credential = credentials.find(scope.accessKeyId()).orElseThrow(SigV4Errors::unrecognizedClient);
    String canonical = CanonicalRequest.build(request, query, claim.signedHeaders(), claim.signedHeadersLine(),
        claim.presigned(), payloadHash(request));
    byte[] expected = Signatures.sign(
        keys.key(credential.secretKey(), scope.date(), scope.region(), scope.service()),
        Signatures.stringToSign(claim.amzDate(), scope, canonical));
    if (!MessageDigest.isEqual(expected, claim.signature().getBytes(StandardCharsets.US_ASCII))) {
      throw SigV4Errors.mismatch();
    }
    return new VerifiedCaller(scope.accessKeyId(), credential.accountId(), scope.region(), scope.service());
  }

  /**
   * The canonical request this verifier computes for a signed request, for tests and for
   * explaining a mismatch; it checks only the shape of the signature, not its values.
   */
  String canonicalRequest(SignableRequest request) {
    List<QueryParam> query = QueryParam.parse(request.rawQuery());
    SignatureClaim claim = ClaimReader.read(request, query);
    return CanonicalRequest.build(request, query, claim.signedHeaders(), claim.signedHeadersLine(),
        claim.presigned(), payloadHash(request));
  }

  private void checkScope(SignatureClaim claim) {
    CredentialScope scope = claim.scope();
    if (!scope.terminator().equals(CredentialScope.TERMINATOR)) {
      throw SigV4Errors.wrongTerminator(scope.terminator());
    }
    if (!scope.service().equals(service)) {
      throw SigV4Errors.wrongService(service);
    }
    if (scope.region().isEmpty()) {
      throw SigV4Errors.noRegion();
    }
    if (!claim.amzDate().startsWith(scope.date()) || scope.date().length() != 8) {
      throw SigV4Errors.scopeDate(scope.date(), claim.amzDate());
    }
  }

  /** AWS requires {@code host} to be signed, and the date header too when the date comes from one. */
  private static void checkSignedHeaders(SignatureClaim claim, SignableRequest request) {
    List<String> signed = claim.signedHeaders();
    if (!signed.contains("host")) {
      throw SigV4Errors.mustSign("Host");
    }
    if (claim.presigned()) {
      return;
    }
    if (request.firstHeader("x-amz-date") != null) {
      if (!signed.contains("x-amz-date")) {
        throw SigV4Errors.mustSign("X-Amz-Date");
      }
    } else if (!signed.contains("date")) {
      throw SigV4Errors.mustSign("Date");
    }
  }

  private void checkTime(SignatureClaim claim, Instant now) {
    Instant time = claim.time();
    if (time.isAfter(now.plus(skew))) {
      throw SigV4Errors.notYetCurrent(time, now, skew);
    }
    if (claim.presigned()) {
      if (now.isAfter(time.plusSeconds(claim.expiresSeconds()))) {
        throw SigV4Errors.presignExpired();
      }
    } else if (time.isBefore(now.minus(skew))) {
      throw SigV4Errors.expired(time, now, skew);
    }
  }

  /**
   * The SHA-256 of the body. A client may announce it in {@code x-amz-content-sha256}; the
   * announcement must then be true, because the signature covers the announced hash and not the
   * bytes. {@code UNSIGNED-PAYLOAD} is not honoured: for ECS the body is the request, so it is
   * always hashed.
   */
  private static String payloadHash(SignableRequest request) {
    String hash = Digests.sha256Hex(request.bodyBytes());
    String announced = request.firstHeader("x-amz-content-sha256");
    if (announced != null && !announced.equals("UNSIGNED-PAYLOAD") && !announced.trim().equals(hash)) {
      throw SigV4Errors.contentSha256Mismatch();
    }
    return hash;
  }
}
