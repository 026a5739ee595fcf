package io.gantry.api.auth;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One immutable profile of an AWS shared-credentials file: its name and its settings, with
 * setting names lower-cased. {@link #toString()} never shows the secret.
 */
public record CredentialsProfile(String name, Map<String, String> settings) {
  public static final String ACCESS_KEY_ID = "aws_access_key_id";
  public static final String SECRET_ACCESS_KEY = "aws_secret_access_key";
  public static final String ACCOUNT_ID = "aws_account_id";

  public CredentialsProfile {
    settings = Map.copyOf(settings);
  }

  /** A setting by name (case-insensitive); empty when absent or blank. */
  public Optional<String> setting(String key) {
    String value = settings.get(key.toLowerCase(Locale.ROOT));
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
  }

  /** Whether the profile holds both an access key id and a secret. */
  public boolean hasKey() {
    return setting(ACCESS_KEY_ID).isPresent() && setting(SECRET_ACCESS_KEY).isPresent();
  }

  public String accessKeyId() {
    return setting(ACCESS_KEY_ID).orElseThrow(() -> missing(ACCESS_KEY_ID));
  }

  public String secretAccessKey() {
    return setting(SECRET_ACCESS_KEY).orElseThrow(() -> missing(SECRET_ACCESS_KEY));
  }

  private IllegalStateException missing(String key) {
    return new IllegalStateException("profile [" + name + "] has no " + key);
  }

  @Override
  public String toString() {
    return "CredentialsProfile[" + name + " " + settings.getOrDefault(ACCESS_KEY_ID, "(no key)") + "]";
  }
}
