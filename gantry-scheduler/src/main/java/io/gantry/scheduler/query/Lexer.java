package io.gantry.scheduler.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a cluster query expression into tokens. Bare words run until white space, a bracket, a
 * comma, a quote or operator punctuation ({@code = ! < > & |}); quoted values ({@code '…'} or
 * {@code "…"}) may hold anything but their own quote, which a backslash escapes. Pure.
 */
final class Lexer {
  private static final String BREAKS = "()[],'\"=!<>&|";
  private static final List<String> SYMBOLS = List.of("==", "!=", ">=", "<=", "=~", "!~", "&&", "||", ">", "<", "!");

  private Lexer() {}

  static List<Token> tokens(String text) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      Token.Kind single = switch (c) {
        case '(' -> Token.Kind.LPAREN;
        case ')' -> Token.Kind.RPAREN;
        case '[' -> Token.Kind.LBRACKET;
        case ']' -> Token.Kind.RBRACKET;
        case ',' -> Token.Kind.COMMA;
        default -> null;
      };
      if (single != null) {
        out.add(new Token(single, String.valueOf(c), i));
        i++;
      } else if (c == '\'' || c == '"') {
        i = quoted(text, i, out);
      } else if ("=!<>&|".indexOf(c) >= 0) {
        i = symbol(text, i, out);
      } else {
        int start = i;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i)) && BREAKS.indexOf(text.charAt(i)) < 0) {
          i++;
        }
        out.add(new Token(Token.Kind.WORD, text.substring(start, i), start));
      }
    }
    out.add(new Token(Token.Kind.END, "", text.length()));
    return out;
  }

  private static int quoted(String text, int start, List<Token> out) {
    char quote = text.charAt(start);
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (i < text.length() && text.charAt(i) != quote) {
      if (text.charAt(i) == '\\' && i + 1 < text.length() && text.charAt(i + 1) == quote) {
        i++;
      }
      value.append(text.charAt(i));
      i++;
    }
    if (i >= text.length()) {
      throw new QuerySyntaxException(start + 1, "the value opened with " + quote + " is never closed");
    }
    out.add(new Token(Token.Kind.QUOTED, value.toString(), start));
    return i + 1;
  }

  private static int symbol(String text, int start, List<Token> out) {
    for (String s : SYMBOLS) {
      if (text.startsWith(s, start)) {
        out.add(new Token(Token.Kind.SYMBOL, s, start));
        return start + s.length();
      }
    }
    String hint = switch (text.charAt(start)) {
      case '=' -> "'=' is not an operator; expected '==' or '=~'";
      case '&' -> "'&' is not an operator; expected '&&'";
      default -> "'|' is not an operator; expected '||'";
    };
    throw new QuerySyntaxException(start + 1, hint);
  }
}
