package io.gantry.server.auth;

import io.gantry.api.auth.CredentialsProfile;
import io.gantry.api.auth.SharedCredentials;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The server's access keys, kept in an AWS shared-credentials file so the same file works for
 * the AWS CLI ({@code AWS_SHARED_CREDENTIALS_FILE}). Each profile holds
 * {@code aws_access_key_id}, {@code aws_secret_access_key} and optionally {@code aws_account_id}
 * (else the default account). Created with mode 0600 when missing.
 */
public final class CredentialsFile {
  private static final String KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

  private CredentialsFile() {}

  /** What loading found: the keys, and whether the file was created just now. */
  public record Loaded(List<AccessKey> keys, boolean created) {}

  /**
   * Reads {@code file}, or creates it: with {@code preset} when given (from the environment),
   * else with a newly generated key pair.
   */
  public static Loaded loadOrCreate(Path file, String defaultAccountId, AccessKey preset, RandomGenerator random)
      throws IOException {
    if (!Files.exists(file)) {
      AccessKey key = preset != null ? preset : generate(defaultAccountId, random);
      try {
        write(file, key);
        return new Loaded(List.of(key), true);
      } catch (FileAlreadyExistsException e) {
        // Another process created it first; read theirs.
      }
    }
    List<AccessKey> keys = new ArrayList<>(parse(Files.readString(file, StandardCharsets.UTF_8), defaultAccountId));
    if (preset != null && keys.stream().noneMatch(k -> k.accessKeyId().equals(preset.accessKeyId()))) {
      keys.add(preset);
    }
    if (keys.isEmpty()) {
      throw new IOException("no access keys in " + file);
    }
    return new Loaded(List.copyOf(keys), false);
  }

  public static AccessKey generate(String accountId, RandomGenerator random) {
    return new AccessKey("default", "AKGA" + randomString(KEY_ALPHABET, 16, random),
        randomString(SECRET_ALPHABET, 40, random), accountId);
  }

  /** A generator fit for secrets. */
  public static RandomGenerator secureRandom() {
    return new SecureRandom();
  }

  /** The keys of a shared-credentials file: profiles with a key id and a secret. */
  static List<AccessKey> parse(String text, String defaultAccountId) {
    List<AccessKey> keys = new ArrayList<>();
    for (CredentialsProfile p : SharedCredentials.parse(text)) {
      if (p.hasKey()) {
        keys.add(new AccessKey(p.name(), p.accessKeyId(), p.secretAccessKey(),
            p.setting(CredentialsProfile.ACCOUNT_ID).orElse(defaultAccountId)));
      }
    }
    return keys;
  }

  private static void write(Path file, AccessKey key) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    String text = "# Gantry access keys (AWS shared-credentials format).\n"
        + "[" + key.profile() + "]\n"
        + "aws_access_key_id = " + key.accessKeyId() + "\n"
        + "aws_secret_access_key = " + key.secretAccessKey() + "\n"
        + "aws_account_id = " + key.accountId() + "\n";
    Path tmp = Files.createTempFile(dir, ".credentials", ".tmp",
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SYNC);
    try {
      Files.createLink(file, tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private static String randomString(String alphabet, int length, RandomGenerator random) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return sb.toString();
  }
}
