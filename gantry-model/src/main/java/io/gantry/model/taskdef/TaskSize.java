package io.gantry.model.taskdef;

import io.gantry.model.EcsException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task-level CPU units and memory (MiB) parsed from a task definition. ECS accepts
 * {@code cpu} as units ({@code "1024"}) or vCPUs ({@code "1 vCPU"}, {@code ".25 vcpu"}) and
 * {@code memory} as MiB ({@code "2048"}) or GB ({@code "2 GB"}, {@code "0.5GB"}), and stores the
 * numeric string; {@link #cpuText()} and {@link #memoryText()} give that string. Both are null when
 * absent.
 */
public record TaskSize(Integer cpu, Integer memory) {
  private static final Pattern NUMBER_WITH_UNIT = Pattern.compile("(\\d*\\.?\\d+)\\s*([a-z]*)");

  /** Parses the task's {@code cpu} and {@code memory}; throws ClientException like ECS for bad text. */
  public static TaskSize parse(String cpu, String memory) {
    return new TaskSize(
        parse(cpu, "vcpu", "Invalid 'cpu' setting for task."),
        parse(memory, "gb", "Invalid 'memory' setting for task."));
  }

  public String cpuText() {
    return cpu == null ? null : cpu.toString();
  }

  public String memoryText() {
    return memory == null ? null : memory.toString();
  }

  private static Integer parse(String text, String largeUnit, String error) {
    if (text == null) {
      return null;
    }
    Matcher m = NUMBER_WITH_UNIT.matcher(text.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw EcsException.client(error);
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    String unit = m.group(2);
    if (unit.equals(largeUnit)) {
      amount = amount.multiply(BigDecimal.valueOf(1024));
    } else if (!unit.isEmpty()) {
      throw EcsException.client(error);
    }
    try {
      int value = amount.intValueExact();
      if (value <= 0) {
        throw EcsException.client(error);
      }
      return value;
    } catch (ArithmeticException e) {
      throw EcsException.client(error);
    }
  }
}
