package io.gantry.server.join;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A join token as the administrator hands it out, {@code ID.SECRET} (like a kubeadm bootstrap
 * token): a public id of 10 and a secret of 32 characters from {@code [a-z0-9]} (about 165 bits).
 * The store keeps only the SHA-256 of the secret. Immutable; {@link #toString()} hides the secret.
 */
public record JoinToken(String tokenId, String secret) {
  static final Pattern ID = Pattern.compile("[a-z0-9]{10}");
  private static final Pattern TOKEN = Pattern.compile("([a-z0-9]{10})\\.([a-z0-9]{32})");
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  public JoinToken {
    if (!TOKEN.matcher(tokenId + "." + secret).matches()) {
      throw new IllegalArgumentException("a join token is ID.SECRET: 10 and 32 characters of [a-z0-9]");
    }
  }

  public static JoinToken generate(RandomGenerator random) {
    return new JoinToken(randomString(10, random), randomString(32, random));
  }

  /** The token {@code text} stands for; empty when it is not of the form {@code ID.SECRET}. */
  public static Optional<JoinToken> parse(String text) {
    Matcher m = TOKEN.matcher(text == null ? "" : text.strip());
    return m.matches() ? Optional.of(new JoinToken(m.group(1), m.group(2))) : Optional.empty();
  }

  /** Whether {@code id} has the form of a token id. */
  public static boolean validId(String id) {
    return id != null && ID.matcher(id).matches();
  }

  /** The whole token, as handed to the machine that joins. */
  public String text() {
    return tokenId + "." + secret;
  }

  /** The hex SHA-256 of the secret: what the store keeps. */
  public String secretHash() {
    return hash(secret);
  }

  /** Whether this token's secret hashes to {@code storedHash}; compares in constant time. */
  public boolean matches(String storedHash) {
    return MessageDigest.isEqual(secretHash().getBytes(StandardCharsets.US_ASCII),
        storedHash.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  public String toString() {
    return "JoinToken[" + tokenId + "]";
  }

  static String hash(String secret) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  private static String randomString(int length, RandomGenerator random) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return sb.toString();
  }
}
