package io.gantry.api.sigv4;

import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import java.time.Duration;
import java.time.Instant;

/**
 * The errors a SigV4 check answers with, worded as AWS words them so that SDK users recognise
 * them. Stateless.
 */
final class SigV4Errors {
  static final String MISMATCH = "The request signature we calculated does not match the signature you provided. "
      + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";

  private SigV4Errors() {}

  static EcsException missingToken() {
    return new EcsException(ErrorCode.MISSING_AUTHENTICATION_TOKEN, "Missing Authentication Token");
  }

  static EcsException incomplete(String message) {
    return new EcsException(ErrorCode.INCOMPLETE_SIGNATURE, message);
  }

  static EcsException invalid(String message) {
    return new EcsException(ErrorCode.INVALID_SIGNATURE, message);
  }

  static EcsException mismatch() {
    return invalid(MISMATCH);
  }

  static EcsException unrecognizedClient() {
    return new EcsException(ErrorCode.UNRECOGNIZED_CLIENT, "The security token included in the request is invalid.");
  }

  static EcsException wrongService(String expected) {
    return invalid("Credential should be scoped to correct service: '" + expected + "'. ");
  }

  static EcsException wrongTerminator(String got) {
    return invalid("Credential should be scoped with a valid terminator: 'aws4_request', not '" + got + "'. ");
  }

  static EcsException noRegion() {
    return invalid("Credential should be scoped to a valid region. ");
  }

  static EcsException scopeDate(String scopeDate, String amzDate) {
    return invalid("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
        + scopeDate + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
  }

  static EcsException mustSign(String header) {
    return invalid("'" + header + "' must be a 'SignedHeader' in the AWS Authorization.");
  }

  static EcsException contentSha256Mismatch() {
    return invalid("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  /** The request time is further in the past than the allowed skew. */
  static EcsException expired(Instant requestTime, Instant now, Duration skew) {
    return invalid("Signature expired: " + AmzDate.format(requestTime) + " is now earlier than "
        + AmzDate.format(now.minus(skew)) + " (" + AmzDate.format(now) + " - " + describe(skew) + ")");
  }

  /** The request time is further in the future than the allowed skew. */
  static EcsException notYetCurrent(Instant requestTime, Instant now, Duration skew) {
    return invalid("Signature not yet current: " + AmzDate.format(requestTime) + " is still later than "
        + AmzDate.format(now.plus(skew)) + " (" + AmzDate.format(now) + " + " + describe(skew) + ")");
  }

  static EcsException presignExpired() {
    return invalid("Request has expired");
  }

  private static String describe(Duration skew) {
    long seconds = skew.getSeconds();
    return seconds % 60 == 0 ? seconds / 60 + " min." : seconds + " sec.";
  }
}
