package io.gantry.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.scheduler.cluster.Demand;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ECS wire forms of strategies and constraints, and the request limits. */
class WireParsingTest {

  @Test
  void parsesEveryStrategy() {
    assertThat(Strategy.parse("binpack", "cpu")).isEqualTo(new Strategy.Binpack(Strategy.Resource.CPU));
    assertThat(Strategy.parse("binpack", "memory")).isEqualTo(new Strategy.Binpack(Strategy.Resource.MEMORY));
    assertThat(Strategy.parse("random", null)).isEqualTo(new Strategy.Random());
    assertThat(Strategy.parse("random", "ignored")).isEqualTo(new Strategy.Random());
    Strategy.Spread byInstance = (Strategy.Spread) Strategy.parse("spread", "instanceId");
    assertThat(byInstance.perInstance()).isTrue();
    assertThat(((Strategy.Spread) Strategy.parse("spread", "host")).perInstance()).isTrue();
    Strategy.Spread byZone = (Strategy.Spread) Strategy.parse("spread", "attribute:ecs.availability-zone");
    assertThat(byZone.perInstance()).isFalse();
    assertThat(byZone.attribute()).isEqualTo("ecs.availability-zone");
    assertThat(byZone.type()).isEqualTo("spread");
    assertThat(Strategy.parse("binpack", "memory").field()).isEqualTo("memory");
  }

  @ParameterizedTest(name = "[{index}] {0}/{1}")
  @CsvSource(delimiterString = " ;; ", nullValues = "NULL", textBlock = """
      NULL ;; cpu ;; Placement strategies must have a type.
      pack ;; cpu ;; Invalid placement strategy type: pack. Valid values are random, spread and binpack.
      binpack ;; disk ;; The binpack placement strategy field must be cpu or memory.
      binpack ;; NULL ;; The binpack placement strategy field must be cpu or memory.
      spread ;; NULL ;; The spread placement strategy needs a field.
      spread ;; zone ;; Invalid spread placement strategy field: zone. Valid values are instanceId, host and attribute:NAME.
      spread ;; attribute: ;; Invalid spread placement strategy field: attribute:.
      """)
  void refusesBadStrategies(String type, String field, String message) {
    assertThatThrownBy(() -> Strategy.parse(type, field)).isInstanceOf(PlacementInputException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(Strategy.RUN_TASK_DEFAULT).containsExactly(new Strategy.Spread("attribute:ecs.availability-zone"));
    assertThat(Strategy.SERVICE_DEFAULT).containsExactly(new Strategy.Spread("attribute:ecs.availability-zone"),
        new Strategy.Spread("instanceId"));
    assertThat(Strategy.orDefault(List.of(), Strategy.SERVICE_DEFAULT)).isEqualTo(Strategy.SERVICE_DEFAULT);
    assertThat(Strategy.orDefault(null, Strategy.RUN_TASK_DEFAULT)).isEqualTo(Strategy.RUN_TASK_DEFAULT);
    List<Strategy> given = List.of(new Strategy.Random());
    assertThat(Strategy.orDefault(given, Strategy.RUN_TASK_DEFAULT)).isEqualTo(given);
  }

  @Test
  void parsesConstraintsAndTheirExpressionsOnce() {
    assertThat(Constraint.parse("distinctInstance", null)).isEqualTo(new Constraint.DistinctInstance());
    assertThat(Constraint.parse("distinctInstance", "")).isEqualTo(new Constraint.DistinctInstance());
    Constraint.MemberOf m = (Constraint.MemberOf) Constraint.parse("memberOf", "attribute:stack == prod");
    assertThat(m.expression()).isEqualTo("attribute:stack == prod");
    assertThat(m.type()).isEqualTo("memberOf");
  }

  @ParameterizedTest(name = "[{index}] {0}/{1}")
  @CsvSource(delimiterString = " ;; ", nullValues = "NULL", quoteCharacter = '`', textBlock = """
      NULL ;; x ;; Placement constraints must have a type.
      sameInstance ;; NULL ;; Invalid placement constraint type: sameInstance. Valid values are distinctInstance and memberOf.
      memberOf ;; NULL ;; A memberOf placement constraint must have an expression.
      memberOf ;; ` ` ;; A memberOf placement constraint must have an expression.
      distinctInstance ;; attribute:a == b ;; A distinctInstance placement constraint cannot have an expression.
      memberOf ;; attribute:a = b ;; Invalid cluster query expression at character 13: '=' is not an operator
      """)
  void refusesBadConstraints(String type, String expression, String message) {
    assertThatThrownBy(() -> Constraint.parse(type, expression)).isInstanceOf(PlacementInputException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void expressionsAreAtMost2000Characters() {
    String longest = "attribute:a == " + "x".repeat(2000 - 15);
    assertThat(Constraint.parse("memberOf", longest)).isInstanceOf(Constraint.MemberOf.class);
    assertThatThrownBy(() -> Constraint.parse("memberOf", longest + "x")).isInstanceOf(PlacementInputException.class)
        .hasMessage("Placement constraint expressions can be at most 2000 characters.");
  }

  @Test
  void requestsHoldAtMostFiveStrategiesAndTenConstraints() {
    Demand d = Demand.of(1, 1);
    List<Strategy> five = Collections.nCopies(5, new Strategy.Random());
    List<Constraint> ten = Collections.nCopies(10, new Constraint.DistinctInstance());
    PlacementRequest ok = new PlacementRequest(d, 1, "family:web", five, ten, List.of());
    assertThat(ok.distinctInstance()).isTrue();
    assertThatThrownBy(() -> PlacementRequest.of(d, 1, null, Collections.nCopies(6, new Strategy.Random())))
        .isInstanceOf(PlacementInputException.class).hasMessage("A task can have at most 5 placement strategies.");
    assertThatThrownBy(() -> ok.withConstraints(Collections.nCopies(11, new Constraint.DistinctInstance())))
        .isInstanceOf(PlacementInputException.class).hasMessage("A task can have at most 10 placement constraints.");
    assertThatThrownBy(() -> PlacementRequest.of(d, 0, null, List.of())).isInstanceOf(PlacementInputException.class);
  }
}
