package io.gantry.api.sigv4;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Whatever the signer signs, the verifier accepts; and a changed byte anywhere is caught. */
class SigV4RoundTripTest {
  private static final Instant NOW = Instant.parse("2025-06-30T23:59:30Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String KEY = "AKIAROUNDTRIP0000001";
  private static final String SECRET = "round/trip+secret";
  private static final SigV4Signer SIGNER = new SigV4Signer(KEY, SECRET, "eu-central-1", "ecs", CLOCK);
  private static final SigV4Verifier VERIFIER = new SigV4Verifier(
      id -> id.equals(KEY) ? Optional.of(new Credential(KEY, SECRET, "123456789012")) : Optional.empty(), "ecs", CLOCK);
  private static final VerifiedCaller CALLER = new VerifiedCaller(KEY, "123456789012", "eu-central-1", "ecs");

  @Property(tries = 300)
  void headerSignedRequestsVerify(@ForAll("requests") SignableRequest request, @ForAll boolean contentSha256) {
    assertThat(VERIFIER.verify(SIGNER.sign(request, contentSha256))).isEqualTo(CALLER);
  }

  @Property(tries = 300)
  void presignedRequestsVerify(
      @ForAll("requests") SignableRequest request, @ForAll @IntRange(min = 1, max = 604800) int expires) {
    assertThat(VERIFIER.verify(SIGNER.presign(request, expires))).isEqualTo(CALLER);
  }

  @Property(tries = 200)
  void aChangedBodyByteIsRejected(@ForAll("requests") SignableRequest request, @ForAll int position) {
    SignableRequest signed = SIGNER.sign(request);
    byte[] body = signed.body();
    if (body.length == 0) {
      body = new byte[] {0};
    } else {
      body[Math.floorMod(position, body.length)] ^= 0x20;
    }
    SignableRequest changed = new SignableRequest(signed.method(), signed.rawPath(), signed.rawQuery(),
        signed.headers(), body);
    assertThatThrownBy(() -> VERIFIER.verify(changed))
        .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SIGNATURE));
  }

  @Property(tries = 200)
  void aChangedPathIsRejected(@ForAll("requests") SignableRequest request, @ForAll("segment") String extra) {
    SignableRequest signed = SIGNER.sign(request);
    String path = signed.rawPath().endsWith("/") ? signed.rawPath() + "z" + encode(extra) : signed.rawPath() + "/z" + encode(extra);
    SignableRequest changed = new SignableRequest(signed.method(), path, signed.rawQuery(), signed.headers(),
        signed.body());
    assertThatThrownBy(() -> VERIFIER.verify(changed)).hasMessage(SigV4Errors.MISMATCH);
  }

  @Provide
  Arbitrary<SignableRequest> requests() {
    Arbitrary<String> method = Arbitraries.of("GET", "POST", "PUT", "DELETE", "PATCH", "HEAD");
    Arbitrary<String> path = segment().list().ofMaxSize(5).map(segments ->
        "/" + segments.stream().map(SigV4RoundTripTest::encode).collect(Collectors.joining("/")));
    Arbitrary<String> pair = Combinators.combine(segment(), segment()).as((k, v) -> encode(k) + "=" + encode(v));
    Arbitrary<String> query = pair.list().ofMaxSize(6).map(pairs -> String.join("&", pairs)).injectNull(0.3);
    Arbitrary<String> headerValue = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(40);
    Arbitrary<byte[]> body = Arbitraries.bytes().array(byte[].class).ofMaxSize(2048);
    return Combinators.combine(method, path, query, headerValue, body).as((m, p, q, h, b) ->
        new SignableRequest(m, p, q, Map.of(
            "Host", List.of("localhost:8080"),
            "Content-Type", List.of("application/x-amz-json-1.1"),
            "X-Gantry-Test", List.of(h)), b));
  }

  @Provide
  Arbitrary<String> segment() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().withChars("-._~").ofMaxLength(12),
        Arbitraries.strings().withChars("a. %+=&/?#ሴé😀").ofMaxLength(8),
        Arbitraries.of(".", "..", ""));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
