package io.gantry.scheduler.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * How cluster query values compare: dotted versions part by part, dates in the four forms ECS
 * accepts for {@code registeredAt} (an offset, {@code Z}, no zone meaning UTC, or a bare day at
 * midnight UTC), and, for attributes, numbers numerically before versions, dates and plain text.
 * Pure.
 */
final class Values {
  private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?");
  private static final Pattern VERSION = Pattern.compile("v?\\d+(\\.\\d+)+.*");

  private Values() {}

  /** The instant {@code text} names, or null when it is not one of the accepted date forms. */
  static Instant date(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      // try the next form
    }
    try {
      return LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** Compares versions such as {@code 1.20.3} part by part: numeric parts as numbers, others as text. */
  static int compareVersions(String a, String b) {
    String[] x = strip(a).split("[.\\-+]");
    String[] y = strip(b).split("[.\\-+]");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      String p = i < x.length ? x[i] : "0";
      String q = i < y.length ? y[i] : "0";
      int c = isDigits(p) && isDigits(q) ? new BigDecimal(p).compareTo(new BigDecimal(q)) : p.compareTo(q);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** Orders two attribute values: as numbers when both are, else as versions, else as dates, else as text. */
  static int compareText(String value, String argument) {
    if (NUMBER.matcher(value).matches() && NUMBER.matcher(argument).matches()) {
      return new BigDecimal(value).compareTo(new BigDecimal(argument));
    }
    if (VERSION.matcher(value).matches() && VERSION.matcher(argument).matches()) {
      return compareVersions(value, argument);
    }
    Instant x = date(value);
    Instant y = x == null ? null : date(argument);
    if (y != null) {
      return x.compareTo(y);
    }
    return value.compareTo(argument);
  }

  /** A pattern for a value with {@code *} wildcards (any run of characters); everything else literal. */
  static Pattern wildcard(String text) {
    StringBuilder regex = new StringBuilder();
    for (String part : text.split("\\*", -1)) {
      if (regex.length() > 0) {
        regex.append(".*");
      }
      regex.append(Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  private static String strip(String version) {
    return version.startsWith("v") ? version.substring(1) : version;
  }

  private static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (!Character.isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
