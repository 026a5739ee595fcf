package io.gantry.scheduler.query;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * Recursive-descent parser of the cluster query language. Precedence, loosest first: {@code or}
 * ({@code ||}), {@code and} ({@code &&}), {@code not} ({@code !}), then parentheses and
 * comparisons. Keywords and operator words are case-insensitive; subjects are not. Errors name
 * the character position and what was expected. Not thread-safe; one instance per parse.
 */
final class Parser {
  private static final String SUBJECTS = "attribute:NAME, agentConnected, agentVersion, ec2InstanceId, "
      + "registeredAt, runningTasksCount or task:group";
  private static final String OPERATORS = "==, !=, >, >=, <, <=, exists, !exists, in, !in, =~ or !~";
  private static final String DATES = "2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18";

  private final List<Token> tokens;
  private int next;

  private Parser(List<Token> tokens) {
    this.tokens = tokens;
  }

  static Expr parse(String text) {
    Parser p = new Parser(Lexer.tokens(text));
    if (p.peek().kind() == Token.Kind.END) {
      throw new QuerySyntaxException(1, "the expression is empty; expected a subject such as " + SUBJECTS);
    }
    Expr e = p.or();
    Token t = p.peek();
    if (t.kind() != Token.Kind.END) {
      throw error(t, "expected 'and', 'or' or the end of the expression but found " + t.describe());
    }
    return e;
  }

  private Expr or() {
    List<Expr> operands = new ArrayList<>(List.of(and()));
    while (peek().isWord("or") || peek().isSymbol("||")) {
      next++;
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new Expr.Or(operands);
  }

  private Expr and() {
    List<Expr> operands = new ArrayList<>(List.of(unary()));
    while (peek().isWord("and") || peek().isSymbol("&&")) {
      next++;
      operands.add(unary());
    }
    return operands.size() == 1 ? operands.get(0) : new Expr.And(operands);
  }

  private Expr unary() {
    Token t = peek();
    if (t.isWord("not") || t.isSymbol("!")) {
      next++;
      return new Expr.Not(unary());
    }
    if (t.kind() == Token.Kind.LPAREN) {
      next++;
      Expr inner = or();
      Token close = take();
      if (close.kind() != Token.Kind.RPAREN) {
        throw error(close, "expected ')' to close the '(' at character " + (t.offset() + 1) + " but found "
            + close.describe());
      }
      return inner;
    }
    return comparison();
  }

  private Expr comparison() {
    Token s = take();
    Subject subject = s.kind() == Token.Kind.WORD ? subject(s.text()) : null;
    if (subject == null) {
      throw error(s, "expected a subject (" + SUBJECTS + ") but found " + s.describe());
    }
    Token o = take();
    Operator op = operator(o);
    if (op == null) {
      throw error(o, "expected an operator (" + OPERATORS + ") after " + subject.wireName() + " but found " + o.describe());
    }
    if (!subject.operators().contains(op)) {
      throw error(o, "the operator " + op.symbol() + " does not apply to " + subject.wireName() + "; expected one of "
          + subject.operators().stream().map(Operator::symbol).collect(Collectors.joining(", ")));
    }
    List<Argument> args = new ArrayList<>();
    if (op == Operator.IN || op == Operator.NOT_IN) {
      if (peek().kind() == Token.Kind.LBRACKET) {
        next++;
        args.add(argument(subject, op));
        while (peek().kind() == Token.Kind.COMMA) {
          next++;
          args.add(argument(subject, op));
        }
        Token close = take();
        if (close.kind() != Token.Kind.RBRACKET) {
          throw error(close, "expected ',' or ']' in the list of values but found " + close.describe());
        }
      } else {
        args.add(argument(subject, op));
      }
    } else if (op != Operator.EXISTS && op != Operator.NOT_EXISTS) {
      args.add(argument(subject, op));
    }
    return new Comparison(subject, op, args);
  }

  private Operator operator(Token o) {
    if (o.isSymbol("!") && (peek().isWord("in") || peek().isWord("exists"))) {
      return take().isWord("in") ? Operator.NOT_IN : Operator.NOT_EXISTS;
    }
    if (o.kind() == Token.Kind.SYMBOL) {
      return Operator.bySymbol(o.text());
    }
    return o.kind() == Token.Kind.WORD ? Operator.byWord(o.text()) : null;
  }

  private Argument argument(Subject subject, Operator op) {
    Token v = take();
    if (v.kind() != Token.Kind.WORD && v.kind() != Token.Kind.QUOTED) {
      throw error(v, "expected a value after " + op.symbol() + " but found " + v.describe());
    }
    String text = v.text();
    if (op == Operator.MATCHES || op == Operator.NOT_MATCHES) {
      try {
        return Argument.regex(text, Pattern.compile(text));
      } catch (PatternSyntaxException e) {
        throw error(v, "'" + text + "' is not a valid regular expression: " + e.getDescription());
      }
    }
    switch (subject.type()) {
      case DATE: {
        var date = Values.date(text);
        if (date == null) {
          throw error(v, "'" + text + "' is not a date; expected a form such as " + DATES);
        }
        return new Argument(text, null, null, null, date, null);
      }
      case NUMBER:
        try {
          return new Argument(text, null, null, null, null, Long.parseLong(text));
        } catch (NumberFormatException e) {
          throw error(v, "'" + text + "' is not a whole number");
        }
      default:
        boolean wild = v.kind() == Token.Kind.WORD && text.contains("*") && subject.type() == Subject.ValueType.TEXT;
        return new Argument(text, wild ? Values.wildcard(text) : null, null, null, null, null);
    }
  }

  private static Subject subject(String text) {
    if (text.startsWith("attribute:") && text.length() > "attribute:".length()) {
      return new Subject.Attribute(text.substring("attribute:".length()));
    }
    return Subject.Field.byWireName(text);
  }

  private Token peek() {
    return tokens.get(next);
  }

  private Token take() {
    Token t = tokens.get(next);
    if (t.kind() != Token.Kind.END) {
      next++;
    }
    return t;
  }

  private static QuerySyntaxException error(Token at, String problem) {
    return new QuerySyntaxException(at.offset() + 1, problem);
  }
}
