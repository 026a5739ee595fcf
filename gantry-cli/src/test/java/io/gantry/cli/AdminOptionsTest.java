package io.gantry.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The administrator's key is found as the AWS CLI finds it. */
class AdminOptionsTest {
  @TempDir Path home;

  Path credentials() throws IOException {
    Path file = home.resolve(".aws/credentials");
    Files.createDirectories(file.getParent());
    return Files.writeString(file, """
        [default]
        aws_access_key_id = AKIDDEFAULT
        aws_secret_access_key = s1
        [ops]
        aws_access_key_id = AKIDOPS
        aws_secret_access_key = s2
        """);
  }

  @Test
  void environmentKeysWinOverTheFileUnlessAProfileIsNamed() throws IOException {
    credentials();
    Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "AKIDENV", "AWS_SECRET_ACCESS_KEY", "s0", "AWS_PROFILE", "ops");
    assertThat(new AdminOptions().credentials(env, home).accessKeyId()).isEqualTo("AKIDENV");
    AdminOptions named = new AdminOptions();
    named.profile = "ops";
    assertThat(named.credentials(env, home).accessKeyId()).isEqualTo("AKIDOPS");
  }

  @Test
  void theFileProfileComesFromAwsProfileElseDefault() throws IOException {
    credentials();
    assertThat(new AdminOptions().credentials(Map.of(), home).accessKeyId()).isEqualTo("AKIDDEFAULT");
    assertThat(new AdminOptions().credentials(Map.of("AWS_PROFILE", "ops"), home).accessKeyId()).isEqualTo("AKIDOPS");
  }

  @Test
  void theFileComesFromTheFlagOrAwsSharedCredentialsFile() throws IOException {
    Path other = Files.writeString(home.resolve("gantry-credentials"), "[default]\naws_access_key_id = AKIDG\naws_secret_access_key = g\n");
    assertThat(new AdminOptions().credentials(Map.of("AWS_SHARED_CREDENTIALS_FILE", other.toString()), home)
        .accessKeyId()).isEqualTo("AKIDG");
    AdminOptions flag = new AdminOptions();
    flag.credentialsFile = other;
    assertThat(flag.credentials(Map.of(), home).accessKeyId()).isEqualTo("AKIDG");
  }

  @Test
  void saysHowToProvideAKeyWhenThereIsNone() {
    AdminOptions options = new AdminOptions();
    options.credentialsFile = home.resolve("missing");
    assertThatThrownBy(() -> options.credentials(Map.of(), home)).hasMessageContaining("AWS_ACCESS_KEY_ID");
  }
}
