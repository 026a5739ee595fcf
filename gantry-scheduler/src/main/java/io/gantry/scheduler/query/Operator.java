package io.gantry.scheduler.query;

import java.util.EnumSet;
import java.util.Set;

/**
 * The comparison operators of the cluster query language, each with its symbol and word form.
 * Every negative operator ({@code !=}, {@code !exists}, {@code !in}, {@code !~}) is exactly the
 * negation of its positive counterpart, also for absent values and multi-valued subjects.
 */
public enum Operator {
  EQUALS("==", "equals"),
  NOT_EQUALS("!=", "not_equals"),
  GREATER_THAN(">", "greater_than"),
  GREATER_THAN_EQUAL(">=", "greater_than_equal"),
  LESS_THAN("<", "less_than"),
  LESS_THAN_EQUAL("<=", "less_than_equal"),
  EXISTS("exists", "exists"),
  NOT_EXISTS("!exists", "not_exists"),
  IN("in", "in"),
  NOT_IN("!in", "not_in"),
  MATCHES("=~", "matches"),
  NOT_MATCHES("!~", "not_matches");

  /** The operators that compare order. */
  static final Set<Operator> ORDERING = EnumSet.of(GREATER_THAN, GREATER_THAN_EQUAL, LESS_THAN, LESS_THAN_EQUAL);

  private final String symbol;
  private final String word;

  Operator(String symbol, String word) {
    this.symbol = symbol;
    this.word = word;
  }

  public String symbol() {
    return symbol;
  }

  public String word() {
    return word;
  }

  /** Whether this operator is the negation of another. */
  boolean negative() {
    return this == NOT_EQUALS || this == NOT_EXISTS || this == NOT_IN || this == NOT_MATCHES;
  }

  /** The operator this one negates, or itself. */
  Operator positive() {
    return switch (this) {
      case NOT_EQUALS -> EQUALS;
      case NOT_EXISTS -> EXISTS;
      case NOT_IN -> IN;
      case NOT_MATCHES -> MATCHES;
      default -> this;
    };
  }

  /** The operator spelled by word {@code text} (case-insensitive), or null. */
  static Operator byWord(String text) {
    for (Operator op : values()) {
      if (op.word.equalsIgnoreCase(text)) {
        return op;
      }
    }
    return null;
  }

  /** The operator spelled by symbol {@code text}, or null. */
  static Operator bySymbol(String text) {
    for (Operator op : values()) {
      if (op.symbol.equals(text)) {
        return op;
      }
    }
    return null;
  }
}
