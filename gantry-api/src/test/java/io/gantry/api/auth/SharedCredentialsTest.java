package io.gantry.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared-credentials reader: sections, comments, case, merging and the key lookup. */
class SharedCredentialsTest {
  static final String FILE = """
      # Gantry access keys
      stray = ignored
      [default]
      aws_access_key_id = AKIDDEFAULT
      AWS_Secret_Access_Key=secret/with=equals
      ; a comment
      [ other ]\r
      aws_access_key_id = AKIDOTHER
      aws_secret_access_key = s2
      aws_account_id = 123456789012
      [nokey]
      region = eu-west-1
      [default]
      aws_session_token =
      """;

  @Test
  void readsProfilesInOrderWithLowerCasedSettings() {
    List<CredentialsProfile> profiles = SharedCredentials.parse(FILE);
    assertThat(profiles).extracting(CredentialsProfile::name).containsExactly("default", "other", "nokey");
    CredentialsProfile first = profiles.get(0);
    assertThat(first.accessKeyId()).isEqualTo("AKIDDEFAULT");
    assertThat(first.secretAccessKey()).isEqualTo("secret/with=equals");
    assertThat(first.setting("aws_session_token")).isEmpty();
    assertThat(profiles.get(1).setting(CredentialsProfile.ACCOUNT_ID)).contains("123456789012");
    assertThat(profiles.get(2).hasKey()).isFalse();
  }

  @Test
  void neverPrintsTheSecret() {
    assertThat(SharedCredentials.parse(FILE).get(0).toString()).contains("AKIDDEFAULT").doesNotContain("secret");
  }

  @Test
  void anEmptyFileHasNoProfiles() {
    assertThat(SharedCredentials.parse("")).isEmpty();
    assertThat(SharedCredentials.parse("# nothing\n\n")).isEmpty();
  }

  @Test
  void findsTheKeyOfAProfileInAFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("credentials"), FILE);
    assertThat(SharedCredentials.key(file, "other").accessKeyId()).isEqualTo("AKIDOTHER");
    assertThatThrownBy(() -> SharedCredentials.key(file, "nokey")).isInstanceOf(IOException.class)
        .hasMessageContaining("[nokey]");
    assertThatThrownBy(() -> SharedCredentials.key(file, "missing")).isInstanceOf(IOException.class);
  }
}
