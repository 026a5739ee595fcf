package io.gantry.api.sigv4;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Signing-key derivation against AWS's documented example, and the bounded cache. */
class SigningKeysTest {

  @Test
  void derivesTheKeyFromAwsDocumentation() {
    // "Derive a signing key" example in the AWS SigV4 documentation (service iam, 20150830, us-east-1).
    byte[] key = SigningKeys.derive("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20150830", "us-east-1", "iam")
        .getEncoded();
    assertThat(Digests.hex(key)).isEqualTo("c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9");
  }

  @Test
  void reusesAKeyForTheSameScope() {
    SigningKeys keys = new SigningKeys(4);
    assertThat(keys.key("s", "20240101", "us-east-1", "ecs")).isSameAs(keys.key("s", "20240101", "us-east-1", "ecs"));
    assertThat(keys.key("s", "20240102", "us-east-1", "ecs")).isNotSameAs(keys.key("s", "20240101", "us-east-1", "ecs"));
  }

  @Test
  void staysWithinItsCapacity() {
    SigningKeys keys = new SigningKeys(4);
    for (int day = 1; day <= 20; day++) {
      keys.key("secret", String.format("202401%02d", day), "us-east-1", "ecs");
      assertThat(keys.size()).isLessThanOrEqualTo(4);
    }
  }
}
