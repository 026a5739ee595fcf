package io.gantry.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * Reads durations as people type them on the command line: {@code 90s}, {@code 30m}, {@code 24h},
 * {@code 7d}, combinations such as {@code 1h30m}, or ISO-8601 ({@code PT24H}). Stateless.
 */
final class DurationFlag implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern PART = Pattern.compile("(\\d+)([smhd])");

  @Override
  public Duration convert(String value) {
    return parse(value);
  }

  static Duration parse(String value) {
    try {
      return parseText(value);
    } catch (NumberFormatException | ArithmeticException e) {
      throw invalid(value);
    }
  }

  private static Duration parseText(String value) {
    String text = value == null ? "" : value.strip().toLowerCase(java.util.Locale.ROOT);
    if (text.startsWith("p")) {
      try {
        return Duration.parse(text.toUpperCase(java.util.Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw invalid(value);
      }
    }
    Matcher m = PART.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.lookingAt()) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
      end = m.end();
      m.region(end, text.length());
    }
    if (end == 0 || end != text.length()) {
      throw invalid(value);
    }
    return total;
  }

  private static CommandLine.TypeConversionException invalid(String value) {
    return new CommandLine.TypeConversionException(
        "'" + value + "' is not a duration: use e.g. 30m, 24h, 7d or 1h30m");
  }
}
