package io.gantry.store;

import java.util.Comparator;

/**
 * The rules every store applies to keys: which strings are keys, and how keys sort. Keys sort by
 * Unicode code point, which is the byte order of their UTF-8 encoding (etcd's order); Java's
 * {@link String#compareTo} differs from it only around supplementary characters. Stateless and
 * thread-safe.
 */
public final class Keys {
  /** Code-point order, for sorted maps of keys. */
  public static final Comparator<String> ORDER = Keys::compare;

  private Keys() {}

  /** Compares two strings by code point (UTF-8 byte order). */
  public static int compare(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return codePointRank(x) - codePointRank(y);
      }
    }
    return a.length() - b.length();
  }

  /**
   * Returns {@code key} when it is a valid key: not empty and well-formed UTF-16, so it survives
   * the trip through UTF-8 to disk or to etcd unchanged.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireValid(String key) {
    if (key == null || key.isEmpty()) {
      throw new IllegalArgumentException("a key must not be empty");
    }
    return requireWellFormed(key, "key");
  }

  /**
   * Returns {@code prefix} when it is a valid prefix: well-formed UTF-16, possibly empty.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static String requireValidPrefix(String prefix) {
    if (prefix == null) {
      throw new IllegalArgumentException("a prefix must not be null (use \"\" for every key)");
    }
    return requireWellFormed(prefix, "prefix");
  }

  private static String requireWellFormed(String s, String what) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(what + " has an unpaired surrogate at index " + i);
      }
    }
    return s;
  }

  /**
   * Reorders UTF-16 units so that comparing them at the first difference gives code-point order:
   * surrogates (U+D800..U+DFFF, parts of characters above U+FFFF) must sort after U+E000..U+FFFF.
   */
  private static int codePointRank(char c) {
    if (c >= '\uE000') {
      return c - 0x800;
    }
    if (c >= '\uD800') {
      return c + 0x2000;
    }
    return c;
  }
}
