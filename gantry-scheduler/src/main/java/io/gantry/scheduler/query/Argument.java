package io.gantry.scheduler.query;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One argument of a comparison as parsed once: its text and, where they apply, the compiled
 * {@code *} wildcard (bare words only), the compiled regular expression ({@code =~}/{@code !~}),
 * the date or the number it stands for. A regular expression that is a literal followed by
 * {@code .*} is also kept as that literal prefix, a cheaper test with the same result.
 */
record Argument(String text, Pattern wildcard, Pattern regex, String regexPrefix, Instant date, Long number) {

  /** An argument of {@code =~} or {@code !~}. */
  static Argument regex(String text, Pattern regex) {
    return new Argument(text, null, regex, literalPrefix(text), null, null);
  }

  /** Whether {@code value} matches this argument's regular expression as a whole. */
  boolean matchesRegex(String value) {
    return regexPrefix != null ? value.startsWith(regexPrefix) : regex.matcher(value).matches();
  }

  /**
   * The literal {@code p} when a pattern is {@code p.*} with no other special character (the
   * usual {@code t2.*}), whose whole-value match is a prefix test; else null.
   */
  private static String literalPrefix(String pattern) {
    if (!pattern.endsWith(".*")) {
      return null;
    }
    String head = pattern.substring(0, pattern.length() - 2);
    for (int i = 0; i < head.length(); i++) {
      if ("\\.[]{}()*+?^$|".indexOf(head.charAt(i)) >= 0) {
        return null;
      }
    }
    return head;
  }

  /** Whether {@code value} equals this argument, honouring a wildcard. */
  boolean equalsText(String value) {
    return wildcard != null ? wildcard.matcher(value).matches() : text.equals(value);
  }
}
