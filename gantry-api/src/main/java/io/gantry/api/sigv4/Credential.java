package io.gantry.api.sigv4;

/**
 * An immutable access key as the verifier needs it: the key id, its secret and the account it
 * acts for. {@link #toString()} never shows the secret.
 */
public record Credential(String accessKeyId, String secretKey, String accountId) {
  public Credential {
    if (accessKeyId == null || accessKeyId.isEmpty()) {
      throw new IllegalArgumentException("a credential needs an access key id");
    }
    if (secretKey == null || secretKey.isEmpty()) {
      throw new IllegalArgumentException("a credential needs a secret key");
    }
    if (accountId == null || accountId.isEmpty()) {
      throw new IllegalArgumentException("a credential needs an account id");
    }
  }

  @Override
  public String toString() {
    return "Credential[" + accessKeyId + " account " + accountId + "]";
  }
}
