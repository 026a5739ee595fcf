package io.gantry.api.sigv4;

import java.time.Instant;
import java.util.List;

/**
 * What a request claims about its signature, read from the {@code Authorization} header or from
 * the presigned query: the credential scope, the signed headers (as listed and as sent), the
 * signature, the request time and, for presigned requests, how many seconds it stays valid.
 * Immutable.
 *
 * @param expiresSeconds the {@code X-Amz-Expires} value, or 0 for the header form
 */
record SignatureClaim(
    CredentialScope scope,
    List<String> signedHeaders,
    String signedHeadersLine,
    String signature,
    String amzDate,
    Instant time,
    boolean presigned,
    long expiresSeconds) {

  SignatureClaim {
    signedHeaders = List.copyOf(signedHeaders);
  }
}
