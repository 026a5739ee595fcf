package io.gantry.scheduler.query;

/** One lexical token of a cluster query expression and its 0-based start offset. */
record Token(Kind kind, String text, int offset) {

  /** The token kinds. {@code SYMBOL} is an operator spelled with punctuation ({@code ==}, {@code &&}, {@code !}). */
  enum Kind {
    WORD,
    QUOTED,
    SYMBOL,
    LPAREN,
    RPAREN,
    LBRACKET,
    RBRACKET,
    COMMA,
    END
  }

  boolean isWord(String word) {
    return kind == Kind.WORD && text.equalsIgnoreCase(word);
  }

  boolean isSymbol(String symbol) {
    return kind == Kind.SYMBOL && text.equals(symbol);
  }

  /** How the token reads in an error message. */
  String describe() {
    return switch (kind) {
      case END -> "the end of the expression";
      case QUOTED -> "'" + text + "' (quoted)";
      default -> "'" + text + "'";
    };
  }
}
