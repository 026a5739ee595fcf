package io.gantry.api.sigv4;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * SigV4 timestamps: the ISO-8601 basic form {@code 20150830T123600Z} of {@code X-Amz-Date}, and
 * the RFC 1123 {@code Date} header some clients send instead. Parsing is hand-written (no regex,
 * no formatter) because it runs on every request. Stateless and thread-safe.
 */
final class AmzDate {
  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private AmzDate() {}

  static String format(Instant instant) {
    return BASIC.format(instant.truncatedTo(ChronoUnit.SECONDS));
  }

  /** Parses {@code yyyyMMdd'T'HHmmss'Z'}; null when the text is not exactly that. */
  static Instant parseBasic(String text) {
    if (text == null || text.length() != 16 || text.charAt(8) != 'T' || text.charAt(15) != 'Z') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 4, 6);
    int day = digits(text, 6, 8);
    int hour = digits(text, 9, 11);
    int minute = digits(text, 11, 13);
    int second = digits(text, 13, 15);
    if ((year | month | day | hour | minute | second) < 0) {
      return null;
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return null;
    }
  }

  /** Parses an RFC 1123 date such as {@code Mon, 09 Sep 2011 23:36:00 GMT}; null when it is not one. */
  static Instant parseHttpDate(String text) {
    if (text == null) {
      return null;
    }
    try {
      return DateTimeFormatter.RFC_1123_DATE_TIME.parse(text.trim(), Instant::from);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }
}
