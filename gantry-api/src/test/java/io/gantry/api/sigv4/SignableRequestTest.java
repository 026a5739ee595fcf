package io.gantry.api.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The request view: case-insensitive headers, wire nulls normalised, nothing shared with the caller. */
class SignableRequestTest {

  @Test
  void headerNamesAreCaseInsensitiveAndMergedInOrder() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Thing", List.of("1"));
    headers.put("x-thing", List.of("2"));
    headers.put("HOST", List.of("h"));
    SignableRequest request = new SignableRequest("GET", "/", null, headers, null);
    assertThat(request.headerValues("x-THING")).containsExactly("1", "2");
    assertThat(request.header("Host")).contains("h");
    assertThat(request.headers()).containsOnlyKeys("x-thing", "host");
  }

  @Test
  void normalisesEmptyPathAndQuery() {
    SignableRequest request = new SignableRequest("GET", "", "", Map.of(), null);
    assertThat(request.rawPath()).isEqualTo("/");
    assertThat(request.rawQuery()).isNull();
    assertThat(request.body()).isEmpty();
  }

  @Test
  void copiesHeadersAndBody() {
    List<String> values = new ArrayList<>(List.of("a"));
    Map<String, List<String>> headers = new LinkedHashMap<>(Map.of("h", values));
    byte[] body = {1, 2, 3};
    SignableRequest request = new SignableRequest("POST", "/", null, headers, body);
    values.add("b");
    headers.put("other", List.of("x"));
    body[0] = 9;
    request.body()[1] = 9;
    assertThat(request.headerValues("h")).containsExactly("a");
    assertThat(request.headers()).containsOnlyKeys("h");
    assertThat(request.body()).containsExactly(1, 2, 3);
  }

  @Test
  void equalityLooksAtTheBodyBytes() {
    SignableRequest a = SignableRequest.of("POST", "/", new byte[] {1}, "Host", "h");
    SignableRequest b = SignableRequest.of("POST", "/", new byte[] {1}, "host", "h");
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(SignableRequest.of("POST", "/", new byte[] {2}, "Host", "h"));
  }

  @Test
  void credentialNeverPrintsItsSecret() {
    assertThat(new Credential("AKID", "very-secret", "123").toString()).doesNotContain("very-secret");
  }
}
