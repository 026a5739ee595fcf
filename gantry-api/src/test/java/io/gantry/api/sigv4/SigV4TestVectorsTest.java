package io.gantry.api.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The published SigV4 test vectors (aws-c-auth's v4 suite, normalised-path variants): the
 * verifier accepts each signed request at the vector time and computes the published canonical
 * request, and the signer reproduces the published signature, in both the header and the
 * presigned query form.
 */
class SigV4TestVectorsTest {
  private static final SigV4Verifier VERIFIER = SigV4Vector.verifier();
  private static final SigV4Signer SIGNER = SigV4Vector.signer();
  private static final VerifiedCaller CALLER =
      new VerifiedCaller(SigV4Vector.ACCESS_KEY, SigV4Vector.ACCOUNT, SigV4Vector.REGION, SigV4Vector.SERVICE);

  static Stream<SigV4Vector> vectors() {
    return SigV4Vector.names().stream().map(SigV4Vector::load);
  }

  /** The cases the suite publishes a query-signed (presigned) form of. */
  static Stream<SigV4Vector> presignedVectors() {
    return vectors().filter(v -> v.querySigned().isPresent());
  }

  /** The cases the suite publishes a presigned canonical request of. */
  static Stream<SigV4Vector> presignedCanonicalVectors() {
    return vectors().filter(v -> v.queryCanonical().isPresent());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void verifierAcceptsTheHeaderSignedRequest(SigV4Vector vector) {
    assertThat(VERIFIER.verify(vector.headerSigned())).isEqualTo(CALLER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void headerCanonicalRequestIsThePublishedOne(SigV4Vector vector) {
    assertThat(VERIFIER.canonicalRequest(vector.headerSigned())).isEqualTo(vector.headerCanonical());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void signerReproducesThePublishedAuthorizationHeader(SigV4Vector vector) {
    SignableRequest published = vector.headerSigned();
    List<String> signed = listParameter(published.header("Authorization").orElseThrow(), "SignedHeaders=", ";");
    SignableRequest unsigned = vector.request().orElseGet(() -> onlyHeaders(published, signed));
    SignableRequest ours = SIGNER.sign(unsigned, signed.contains("x-amz-content-sha256"));
    assertThat(ours.header("Authorization")).isEqualTo(published.header("Authorization"));
    assertThat(ours.header("X-Amz-Date")).contains("20150830T123600Z");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presignedVectors")
  void verifierAcceptsThePresignedRequest(SigV4Vector vector) {
    assertThat(VERIFIER.verify(asPublishedSignedIt(vector.querySigned().get()))).isEqualTo(CALLER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presignedCanonicalVectors")
  void presignedCanonicalRequestIsThePublishedOne(SigV4Vector vector) {
    assertThat(VERIFIER.canonicalRequest(asPublishedSignedIt(vector.querySigned().orElseThrow())))
        .isEqualTo(vector.queryCanonical().get());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("presignedVectors")
  void signerReproducesThePublishedPresignedQuery(SigV4Vector vector) {
    SignableRequest published = asPublishedSignedIt(vector.querySigned().get());
    SignableRequest unsigned = onlyHeaders(published, signedHeadersOfQuery(published));
    SignableRequest ours = SIGNER.presign(unsigned, 3600);
    assertThat(ours.rawQuery()).isEqualTo(published.rawQuery());
  }

  /**
   * aws-c-auth signs {@code x-amz-content-sha256} in the query form of the two form-encoded cases
   * but leaves the header out of the request it prints; its canonical request shows the body's
   * hash as the value. A client would send the header it signed, so the test puts it back.
   */
  private static SignableRequest asPublishedSignedIt(SignableRequest querySigned) {
    if (signedHeadersOfQuery(querySigned).contains("x-amz-content-sha256")
        && querySigned.header("x-amz-content-sha256").isEmpty()) {
      return querySigned.withHeader("x-amz-content-sha256", Digests.sha256Hex(querySigned.body()));
    }
    return querySigned;
  }

  private static List<String> signedHeadersOfQuery(SignableRequest request) {
    String decoded = URLDecoder.decode(request.rawQuery(), StandardCharsets.UTF_8);
    return listParameter(decoded, "X-Amz-SignedHeaders=", ";");
  }

  private static List<String> listParameter(String text, String prefix, String separator) {
    int start = text.indexOf(prefix) + prefix.length();
    int end = start;
    while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '&') {
      end++;
    }
    return Arrays.asList(text.substring(start, end).split(separator));
  }

  /** The request as the suite's signer saw it: the headers it signed, without its own date. */
  private static SignableRequest onlyHeaders(SignableRequest request, List<String> names) {
    Map<String, List<String>> kept = new LinkedHashMap<>();
    request.headers().forEach((name, values) -> {
      if (names.contains(name) && !name.equals("x-amz-date")) {
        kept.put(name, values);
      }
    });
    return new SignableRequest(request.method(), request.rawPath(), request.rawQuery(), kept, request.body());
  }
}
