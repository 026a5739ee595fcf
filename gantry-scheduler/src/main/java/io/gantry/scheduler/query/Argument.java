package io.gantry.scheduler.query;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * One argument of a comparison as parsed once: its text and, where they apply, the compiled
 * {@code *} wildcard (bare words only), the compiled regular expression ({@code =~}/{@code !~}),
 * the date or the number it stands for.
 */
record Argument(String text, Pattern wildcard, Pattern regex, Instant date, Long number) {

  /** Whether {@code value} equals this argument, honouring a wildcard. */
  boolean equalsText(String value) {
    return wildcard != null ? wildcard.matcher(value).matches() : text.equals(value);
  }
}
