package io.gantry.server.join;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The token's text form, its hash and what parses. */
class JoinTokenTest {

  @Test
  void generatedTokensHaveTheDocumentedFormAndDiffer() {
    Random random = new Random(1);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      JoinToken token = JoinToken.generate(random);
      assertThat(token.text()).matches("[a-z0-9]{10}\\.[a-z0-9]{32}");
      assertThat(JoinToken.parse(token.text())).contains(token);
      assertThat(seen.add(token.tokenId())).isTrue();
    }
  }

  @Test
  void storesOnlyTheSha256OfTheSecret() {
    JoinToken token = new JoinToken("abcdef0123", "0123456789abcdefghijklmnopqrstuv");
    assertThat(token.secretHash()).isEqualTo(JoinToken.hash("0123456789abcdefghijklmnopqrstuv"))
        .hasSize(64).doesNotContain(token.secret());
    assertThat(token.matches(token.secretHash())).isTrue();
    assertThat(new JoinToken("abcdef0123", "x123456789abcdefghijklmnopqrstuv").matches(token.secretHash())).isFalse();
  }

  @Test
  void parsesOnlyIdDotSecretAndToleratesSurroundingSpace() {
    assertThat(JoinToken.parse(" abcdef0123.0123456789abcdefghijklmnopqrstuv\n")).isPresent();
    assertThat(JoinToken.parse(null)).isEmpty();
    assertThat(JoinToken.parse("")).isEmpty();
    assertThat(JoinToken.parse("abcdef0123")).isEmpty();
    assertThat(JoinToken.parse("ABCDEF0123.0123456789abcdefghijklmnopqrstuv")).isEmpty();
    assertThat(JoinToken.parse("abcdef0123.0123456789abcdefghijklmnopqrstu")).isEmpty();
    assertThat(JoinToken.parse("AKGATESTACCESSKEY001")).isEmpty();
    assertThatThrownBy(() -> new JoinToken("short", "secret")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void neverPrintsTheSecret() {
    JoinToken token = new JoinToken("abcdef0123", "0123456789abcdefghijklmnopqrstuv");
    assertThat(token.toString()).contains("abcdef0123").doesNotContain(token.secret());
  }

  @Test
  void validatesTokenIds() {
    assertThat(JoinToken.validId("abcdef0123")).isTrue();
    assertThat(JoinToken.validId("abcdef012")).isFalse();
    assertThat(JoinToken.validId("../x")).isFalse();
    assertThat(JoinToken.validId(null)).isFalse();
  }
}
