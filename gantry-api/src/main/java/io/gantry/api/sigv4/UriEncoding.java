package io.gantry.api.sigv4;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * SigV4's percent-encoding: every byte except the RFC 3986 unreserved characters
 * ({@code A-Z a-z 0-9 - . _ ~}) becomes {@code %XY} with upper-case hex, and decoding turns
 * {@code %XY} back into bytes while leaving {@code +} and stray {@code %} alone. Stateless.
 */
final class UriEncoding {
  private static final boolean[] UNRESERVED = new boolean[128];
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  static {
    for (char c = 'A'; c <= 'Z'; c++) {
      UNRESERVED[c] = true;
      UNRESERVED[Character.toLowerCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      UNRESERVED[c] = true;
    }
    UNRESERVED['-'] = true;
    UNRESERVED['.'] = true;
    UNRESERVED['_'] = true;
    UNRESERVED['~'] = true;
  }

  private UriEncoding() {}

  /** True when {@code s[from, to)} has only unreserved characters, so it encodes to itself. */
  static boolean isUnreserved(CharSequence s, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c >= 128 || !UNRESERVED[c]) {
        return false;
      }
    }
    return true;
  }

  /** Appends {@code s[from, to)}, taken as UTF-8, percent-encoded. */
  static void encode(String s, int from, int to, StringBuilder out) {
    if (isUnreserved(s, from, to)) {
      out.append(s, from, to);
    } else {
      encode(s.substring(from, to).getBytes(StandardCharsets.UTF_8), out);
    }
  }

  static String encode(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    encode(s, 0, s.length(), out);
    return out.toString();
  }

  static void encode(byte[] bytes, StringBuilder out) {
    for (byte b : bytes) {
      int v = b & 0xFF;
      if (v < 128 && UNRESERVED[v]) {
        out.append((char) v);
      } else {
        out.append('%').append(HEX[v >> 4]).append(HEX[v & 0xF]);
      }
    }
  }

  /** The bytes of {@code s[from, to)} (as UTF-8) with every {@code %XY} decoded. */
  static byte[] decode(String s, int from, int to) {
    byte[] raw = s.substring(from, to).getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[raw.length];
    int n = 0;
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length && hexValue(raw[i + 1]) >= 0 && hexValue(raw[i + 2]) >= 0) {
        out[n++] = (byte) (hexValue(raw[i + 1]) << 4 | hexValue(raw[i + 2]));
        i += 2;
      } else {
        out[n++] = raw[i];
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  private static int hexValue(byte b) {
    if (b >= '0' && b <= '9') {
      return b - '0';
    }
    if (b >= 'A' && b <= 'F') {
      return b - 'A' + 10;
    }
    if (b >= 'a' && b <= 'f') {
      return b - 'a' + 10;
    }
    return -1;
  }
}
