package io.gantry.api.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** What the verifier rejects, and with which AWS error: one mutation of a good request per test. */
class SigV4VerifierTest {
  private static final Instant T = Instant.parse("2024-01-01T00:00:00Z");
  private static final String KEY = "AKIAGANTRYTEST000001";
  private static final String SECRET = "gantry/secret+key/for/tests/only/0000000";
  private static final String ACCOUNT = "000000000042";
  private static final CredentialLookup KEYS =
      id -> id.equals(KEY) ? Optional.of(new Credential(KEY, SECRET, ACCOUNT)) : Optional.empty();
  private static final SigV4Signer SIGNER = new SigV4Signer(KEY, SECRET, "us-east-1", "ecs", clockAt(T));
  private static final byte[] BODY = "{\"cluster\":\"default\"}".getBytes(StandardCharsets.UTF_8);
  private static final SignableRequest UNSIGNED = SignableRequest.of("POST", "/", BODY,
      "Host", "ecs.us-east-1.amazonaws.com",
      "Content-Type", "application/x-amz-json-1.1",
      "X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DescribeClusters");
  private static final SignableRequest SIGNED = SIGNER.sign(UNSIGNED);

  @Test
  void acceptsTheUnmodifiedRequest() {
    assertThat(verifierAt(T).verify(SIGNED)).isEqualTo(new VerifiedCaller(KEY, ACCOUNT, "us-east-1", "ecs"));
  }

  @Test
  void rejectsAChangedBodyByte() {
    byte[] body = SIGNED.body();
    body[3] ^= 1;
    assertRejected(new SignableRequest("POST", "/", null, SIGNED.headers(), body), ErrorCode.INVALID_SIGNATURE)
        .hasMessage(SigV4Errors.MISMATCH);
  }

  @Test
  void rejectsAChangedSignedHeaderValue() {
    SignableRequest changed = SIGNED.withoutHeader("X-Amz-Target")
        .withHeader("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.DeleteCluster");
    assertRejected(changed, ErrorCode.INVALID_SIGNATURE).hasMessage(SigV4Errors.MISMATCH);
  }

  @Test
  void acceptsAnAddedUnsignedHeader() {
    assertThat(verifierAt(T).verify(SIGNED.withHeader("User-Agent", "aws-cli/2.15"))).isNotNull();
  }

  @Test
  void rejectsAChangedMethod() {
    SignableRequest changed = new SignableRequest("PUT", "/", null, SIGNED.headers(), BODY);
    assertRejected(changed, ErrorCode.INVALID_SIGNATURE).hasMessage(SigV4Errors.MISMATCH);
  }

  @Test
  void rejectsAChangedPath() {
    SignableRequest changed = new SignableRequest("POST", "/clusters", null, SIGNED.headers(), BODY);
    assertRejected(changed, ErrorCode.INVALID_SIGNATURE).hasMessage(SigV4Errors.MISMATCH);
  }

  @Test
  void rejectsAChangedQueryValue() {
    SignableRequest signed = SIGNER.sign(UNSIGNED.withRawQuery("maxResults=10&nextToken=abc"));
    assertThat(verifierAt(T).verify(signed)).isNotNull();
    assertRejected(signed.withRawQuery("maxResults=11&nextToken=abc"), ErrorCode.INVALID_SIGNATURE)
        .hasMessage(SigV4Errors.MISMATCH);
  }

  @Test
  void rejectsAChangedDateWithinTheSameDay() {
    SignableRequest changed = SIGNED.withoutHeader("X-Amz-Date").withHeader("X-Amz-Date", "20240101T000001Z");
    assertRejected(changed, ErrorCode.INVALID_SIGNATURE).hasMessage(SigV4Errors.MISMATCH);
  }

  @Test
  void rejectsADateOutsideTheCredentialScopeDay() {
    SignableRequest changed = SIGNED.withoutHeader("X-Amz-Date").withHeader("X-Amz-Date", "20231231T235959Z");
    assertRejected(changed, ErrorCode.INVALID_SIGNATURE).hasMessage(
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
            + "'20240101' != '20231231', from '20231231T235959Z'.");
  }

  @Test
  void rejectsAnotherRegionInTheScope() {
    assertRejected(withAuthorization(SIGNED, "/us-east-1/", "/eu-west-1/"), ErrorCode.INVALID_SIGNATURE)
        .hasMessage(SigV4Errors.MISMATCH);
  }

  @Test
  void rejectsAnotherServiceInTheScope() {
    assertRejected(withAuthorization(SIGNED, "/ecs/", "/sqs/"), ErrorCode.INVALID_SIGNATURE)
        .hasMessage("Credential should be scoped to correct service: 'ecs'. ");
  }

  @Test
  void rejectsAnotherTerminatorInTheScope() {
    assertRejected(withAuthorization(SIGNED, "/aws4_request", "/aws4_reply"), ErrorCode.INVALID_SIGNATURE)
        .hasMessageContaining("valid terminator: 'aws4_request', not 'aws4_reply'");
  }

  @Test
  void rejectsAnUnknownAccessKey() {
    assertRejected(withAuthorization(SIGNED, KEY, "AKIAUNKNOWN000000000"), ErrorCode.UNRECOGNIZED_CLIENT)
        .hasMessage("The security token included in the request is invalid.");
  }

  @Test
  void rejectsATruncatedSignature() {
    String authorization = SIGNED.header("Authorization").orElseThrow();
    SignableRequest changed = SIGNED.withoutHeader("Authorization")
        .withHeader("Authorization", authorization.substring(0, authorization.length() - 1));
    assertRejected(changed, ErrorCode.INVALID_SIGNATURE).hasMessage(SigV4Errors.MISMATCH);
  }

  @Test
  void rejectsSignedHeadersWithoutHost() {
    assertRejected(withAuthorization(SIGNED, "content-type;host;", "content-type;"), ErrorCode.INVALID_SIGNATURE)
        .hasMessage("'Host' must be a 'SignedHeader' in the AWS Authorization.");
  }

  @Test
  void rejectsAnUnsignedXAmzDate() {
    assertRejected(withAuthorization(SIGNED, ";x-amz-date;", ";"), ErrorCode.INVALID_SIGNATURE)
        .hasMessage("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
  }

  @Test
  void acceptsAClockFourMinutesOffEitherWay() {
    assertThat(verifierAt(T.plus(Duration.ofMinutes(4))).verify(SIGNED)).isNotNull();
    assertThat(verifierAt(T.minus(Duration.ofMinutes(4))).verify(SIGNED)).isNotNull();
    assertThat(verifierAt(T.plus(Duration.ofMinutes(5))).verify(SIGNED)).isNotNull();
  }

  @Test
  void rejectsARequestSixMinutesOld() {
    assertThatThrownBy(() -> verifierAt(T.plus(Duration.ofMinutes(6))).verify(SIGNED))
        .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE))
        .hasMessage("Signature expired: 20240101T000000Z is now earlier than 20240101T000100Z "
            + "(20240101T000600Z - 5 min.)");
  }

  @Test
  void expiredMessageMatchesAwsWording() {
    assertThatThrownBy(() -> verifierAt(T.plus(Duration.ofMinutes(10))).verify(SIGNED))
        .hasMessage("Signature expired: 20240101T000000Z is now earlier than 20240101T000500Z "
            + "(20240101T001000Z - 5 min.)");
  }

  @Test
  void rejectsARequestSixMinutesInTheFuture() {
    assertThatThrownBy(() -> verifierAt(T.minus(Duration.ofMinutes(6))).verify(SIGNED))
        .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE))
        .hasMessage("Signature not yet current: 20240101T000000Z is still later than 20231231T235900Z "
            + "(20231231T235400Z + 5 min.)");
  }

  @Test
  void honoursAConfiguredSkew() {
    SigV4Verifier strict = new SigV4Verifier(KEYS, "ecs", clockAt(T.plusSeconds(90)), Duration.ofMinutes(1));
    assertThatThrownBy(() -> strict.verify(SIGNED)).hasMessageContaining("(20240101T000130Z - 1 min.)");
  }

  @Test
  void rejectsAnExpiredPresignedUrl() {
    SignableRequest presigned = SIGNER.presign(UNSIGNED, 60);
    assertThat(verifierAt(T.plusSeconds(60)).verify(presigned)).isNotNull();
    assertThatThrownBy(() -> verifierAt(T.plusSeconds(61)).verify(presigned))
        .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE))
        .hasMessage("Request has expired");
  }

  @Test
  void rejectsAPresignedUrlWithAChangedExpiry() {
    SignableRequest presigned = SIGNER.presign(UNSIGNED, 60);
    SignableRequest longer = presigned.withRawQuery(presigned.rawQuery().replace("X-Amz-Expires=60", "X-Amz-Expires=600"));
    assertThatThrownBy(() -> verifierAt(T).verify(longer)).hasMessage(SigV4Errors.MISMATCH);
  }

  @Test
  void rejectsAPresignedUrlWithAnExpiryBeyondAWeek() {
    SignableRequest presigned = SIGNER.presign(UNSIGNED, 60);
    SignableRequest longer = presigned.withRawQuery(presigned.rawQuery().replace("X-Amz-Expires=60", "X-Amz-Expires=604801"));
    assertRejected(longer, ErrorCode.INCOMPLETE_SIGNATURE).hasMessageContaining("X-Amz-Expires");
  }

  @Test
  void rejectsAPresignedUrlWithoutItsSignature() {
    SignableRequest presigned = SIGNER.presign(UNSIGNED, 60);
    String query = presigned.rawQuery();
    SignableRequest unsigned = presigned.withRawQuery(query.substring(0, query.indexOf("&X-Amz-Signature=")));
    assertRejected(unsigned, ErrorCode.INCOMPLETE_SIGNATURE)
        .hasMessage("AWS query-string parameters must include 'X-Amz-Signature'. Re-examine the query-string parameters.");
  }

  @Test
  void answersMissingAuthenticationTokenForAnUnsignedRequest() {
    assertRejected(UNSIGNED, ErrorCode.MISSING_AUTHENTICATION_TOKEN).hasMessage("Missing Authentication Token");
    assertThat(ErrorCode.MISSING_AUTHENTICATION_TOKEN.httpStatus()).isEqualTo(403);
  }

  @Test
  void rejectsAnotherAlgorithm() {
    assertRejected(withAuthorization(SIGNED, "AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA512 "), ErrorCode.INCOMPLETE_SIGNATURE)
        .hasMessageContaining("'AWS4-HMAC-SHA512'");
  }

  @Test
  void listsEveryMissingAuthorizationPart() {
    SignableRequest bare = UNSIGNED.withHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + KEY
        + "/20240101/us-east-1/ecs/aws4_request");
    assertRejected(bare, ErrorCode.INCOMPLETE_SIGNATURE).hasMessage(
        "Authorization header requires 'Signature' parameter. "
            + "Authorization header requires 'SignedHeaders' parameter. "
            + "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
            + "Authorization=AWS4-HMAC-SHA256 Credential=" + KEY + "/20240101/us-east-1/ecs/aws4_request");
  }

  @Test
  void rejectsACredentialWithoutFiveParts() {
    assertRejected(withAuthorization(SIGNED, "/us-east-1/ecs/", "/us-east-1/"), ErrorCode.INCOMPLETE_SIGNATURE)
        .hasMessageStartingWith("Credential must have exactly 5 slash-delimited elements");
  }

  @Test
  void rejectsAMissingDate() {
    assertRejected(SIGNED.withoutHeader("X-Amz-Date"), ErrorCode.INCOMPLETE_SIGNATURE)
        .hasMessageContaining("requires existence of either a 'X-Amz-Date' or a 'Date' header");
  }

  @Test
  void rejectsAnUnparseableDate() {
    SignableRequest changed = SIGNED.withoutHeader("X-Amz-Date").withHeader("X-Amz-Date", "2024-01-01T00:00:00Z");
    assertRejected(changed, ErrorCode.INCOMPLETE_SIGNATURE).hasMessageStartingWith("Date must be in ISO-8601 'basic format'");
  }

  @Test
  void rejectsAContentHashThatIsNotTheBodys() {
    SignableRequest signed = SIGNER.sign(UNSIGNED, true);
    assertThat(verifierAt(T).verify(signed)).isNotNull();
    byte[] body = signed.body();
    body[0] = '[';
    assertRejected(new SignableRequest("POST", "/", null, signed.headers(), body), ErrorCode.INVALID_SIGNATURE)
        .hasMessage("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }

  @Test
  void doesNotHonourUnsignedPayload() {
    SignableRequest request = UNSIGNED.withHeader("X-Amz-Date", "20240101T000000Z")
        .withHeader("x-amz-content-sha256", "UNSIGNED-PAYLOAD");
    SignableRequest signed = signByHand(request, "content-type;host;x-amz-content-sha256;x-amz-date;x-amz-target",
        "UNSIGNED-PAYLOAD");
    assertRejected(signed, ErrorCode.INVALID_SIGNATURE).hasMessage(SigV4Errors.MISMATCH);
  }

  @Test
  void rejectsHeaderAndQuerySignaturesTogether() {
    SignableRequest both = SIGNER.presign(UNSIGNED, 60).withHeader("Authorization", SIGNED.header("Authorization").get());
    assertRejected(both, ErrorCode.INCOMPLETE_SIGNATURE).hasMessageStartingWith("Only one auth mechanism allowed");
  }

  @Test
  void acceptsTheDateHeaderWhenThereIsNoXAmzDate() {
    SignableRequest dated = UNSIGNED.withHeader("Date", "Mon, 01 Jan 2024 00:00:00 GMT");
    SignableRequest signed = signByHand(dated, "content-type;date;host;x-amz-target", Digests.sha256Hex(BODY));
    assertThat(verifierAt(T).verify(signed)).isNotNull();
    assertRejected(withAuthorization(signed, ";date;", ";"), ErrorCode.INVALID_SIGNATURE)
        .hasMessage("'Date' must be a 'SignedHeader' in the AWS Authorization.");
  }

  /** Signs with the package's building blocks, for signatures the signer would not make. */
  private static SignableRequest signByHand(SignableRequest request, String signedHeaders, String payloadHash) {
    CredentialScope scope = new CredentialScope(KEY, "20240101", "us-east-1", "ecs", "aws4_request");
    String canonical = CanonicalRequest.build(request, QueryParam.parse(request.rawQuery()),
        List.of(signedHeaders.split(";")), signedHeaders, false, payloadHash);
    String signature = new String(Signatures.sign(SigningKeys.derive(SECRET, "20240101", "us-east-1", "ecs"),
        Signatures.stringToSign("20240101T000000Z", scope, canonical)), StandardCharsets.US_ASCII);
    return request.withHeader("Authorization", "AWS4-HMAC-SHA256 Credential=" + scope.credential()
        + ", SignedHeaders=" + signedHeaders + ", Signature=" + signature);
  }

  private static SignableRequest withAuthorization(SignableRequest request, String from, String to) {
    String authorization = request.header("Authorization").orElseThrow();
    assertThat(authorization).contains(from);
    return request.withoutHeader("Authorization").withHeader("Authorization", authorization.replace(from, to));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(SignableRequest request, ErrorCode code) {
    return assertThatThrownBy(() -> verifierAt(T).verify(request))
        .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(code));
  }

  private static SigV4Verifier verifierAt(Instant now) {
    return new SigV4Verifier(KEYS, "ecs", clockAt(now));
  }

  private static Clock clockAt(Instant now) {
    return Clock.fixed(now, ZoneOffset.UTC);
  }
}
