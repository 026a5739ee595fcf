package io.gantry.api.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.spec.SecretKeySpec;

/**
 * Derives SigV4 signing keys ({@code HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region),
 * service), "aws4_request")}) and keeps the recent ones, since a key is good for a whole day and
 * deriving it costs four HMACs. The cache is a bounded concurrent map that is emptied when full:
 * there are few live (secret, day, region, service) combinations, so a rare refill is cheaper
 * than LRU bookkeeping on every request. Thread-safe.
 */
final class SigningKeys {
  private final ConcurrentHashMap<Key, SecretKeySpec> cache = new ConcurrentHashMap<>();
  private final int capacity;

  SigningKeys(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.capacity = capacity;
  }

  SecretKeySpec key(String secret, String date, String region, String service) {
    Key key = new Key(secret, date, region, service);
    SecretKeySpec signingKey = cache.get(key);
    if (signingKey == null) {
      signingKey = derive(secret, date, region, service);
      if (cache.size() >= capacity) {
        cache.clear();
      }
      cache.put(key, signingKey);
    }
    return signingKey;
  }

  int size() {
    return cache.size();
  }

  static SecretKeySpec derive(String secret, String date, String region, String service) {
    byte[] k = Digests.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
    k = Digests.hmac(k, region);
    k = Digests.hmac(k, service);
    k = Digests.hmac(k, CredentialScope.TERMINATOR);
    return new SecretKeySpec(k, "HmacSHA256");
  }

  /** A cache key; it holds the secret, so it has no readable {@code toString}. */
  private record Key(String secret, String date, String region, String service) {
    @Override
    public String toString() {
      return "SigningKeys.Key[" + date + "/" + region + "/" + service + "]";
    }
  }
}
