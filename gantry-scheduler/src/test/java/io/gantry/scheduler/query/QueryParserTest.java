package io.gantry.scheduler.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests of syntax errors: each names the character position and what was expected. */
class QueryParserTest {

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiterString = " ;; ", quoteCharacter = '`', textBlock = """
      `` ;; 1 ;; the expression is empty
      attribute:stack ;; 16 ;; expected an operator
      attribute:stack = prod ;; 17 ;; '=' is not an operator; expected '==' or '=~'
      foo == bar ;; 1 ;; expected a subject
      attribute: == bar ;; 1 ;; expected a subject
      attribute:stack == prod and ;; 28 ;; expected a subject (attribute:NAME
      attribute:stack == prod xor x ;; 25 ;; expected 'and', 'or' or the end of the expression but found 'xor'
      (attribute:stack == prod ;; 25 ;; expected ')' to close the '(' at character 1
      ec2InstanceId > i-1 ;; 15 ;; the operator > does not apply to ec2InstanceId
      agentVersion exists ;; 14 ;; the operator exists does not apply to agentVersion
      registeredAt < yesterday ;; 16 ;; 'yesterday' is not a date
      runningTasksCount > many ;; 21 ;; 'many' is not a whole number
      attribute:x =~ '([' ;; 16 ;; is not a valid regular expression
      attribute:x in [a, b ;; 21 ;; expected ',' or ']' in the list of values
      attribute:x in [a b] ;; 19 ;; expected ',' or ']'
      attribute:x == 'abc ;; 16 ;; never closed
      attribute:x == ;; 15 ;; expected a value after ==
      attribute:x & y ;; 13 ;; '&' is not an operator; expected '&&'
      attribute:x == a || | y ;; 21 ;; '|' is not an operator
      attribute:x == a ) ;; 18 ;; expected 'and', 'or'
      attribute:x ! y ;; 13 ;; expected an operator
      """)
  void reportsWhereAndWhat(String expression, int position, String message) {
    QuerySyntaxException e = catchThrowableOfType(QuerySyntaxException.class, () -> Query.parse(expression));
    assertThat(e).as(expression).isNotNull();
    assertThat(e.position()).as(e.getMessage()).isEqualTo(position);
    assertThat(e.getMessage()).startsWith("Invalid cluster query expression at character " + position + ": ")
        .contains(message);
  }

  @Test
  void knowsWhetherTheResultDependsOnTaskGroups() {
    assertThat(Query.parse("attribute:a == b").usesTaskGroup()).isFalse();
    assertThat(Query.parse("attribute:a == b or not task:group == service:x").usesTaskGroup()).isTrue();
  }

  @Test
  void keepsTheSource() {
    assertThat(Query.parse("attribute:a == b").source()).isEqualTo("attribute:a == b");
  }

  @Test
  void nullIsAnError() {
    assertThat(catchThrowableOfType(QuerySyntaxException.class, () -> Query.parse(null))).isNotNull();
  }
}
