package io.gantry.api.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/** The validator returns violations for any JSON against any shape; it never throws. */
class ShapeValidatorPropertyTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ServiceModel MODEL = ServiceModel.ecs();
  private static final List<Shape> SHAPES = List.copyOf(MODEL.shapes().values());
  private static final List<Shape> INPUTS = MODEL.operations().keySet().stream()
      .map(name -> MODEL.inputShape(name).orElseThrow())
      .toList();
  /** Member names and enum values from the model, so random objects often match a shape. */
  private static final List<String> WORDS = words();

  @Property(tries = 2000)
  void randomTreesNeverMakeTheValidatorThrow(@ForAll("shapes") Shape shape, @ForAll("trees") JsonNode tree) {
    checkBothModes(shape, tree);
  }

  @Property(tries = 1000)
  void mutatedValuesNeverMakeTheValidatorThrow(@ForAll("inputs") Shape shape, @ForAll long seed) {
    checkBothModes(shape, new ShapeValues(seed, 0.08).value(shape));
  }

  @Property(tries = 1000)
  void valuesGeneratedWithinTheModelHaveNoViolations(@ForAll("shapes") Shape shape, @ForAll long seed) {
    JsonNode value = new ShapeValues(seed, 0).value(shape);
    assertThat(ShapeValidator.forInput().validate(shape, value)).as("%s", value).isEmpty();
    assertThat(ShapeValidator.forOutput().validate(shape, value)).as("%s", value).isEmpty();
  }

  private static void checkBothModes(Shape shape, JsonNode tree) {
    for (ShapeValidator validator : List.of(ShapeValidator.forInput(), ShapeValidator.forOutput())) {
      for (Violation violation : validator.validate(shape, tree)) {
        assertThat(violation.message()).isNotBlank();
        if (!violation.path().isEmpty()) {
          assertThat(violation.message()).contains(violation.path());
        }
      }
    }
  }

  @Provide
  Arbitrary<Shape> shapes() {
    return Arbitraries.of(SHAPES);
  }

  @Provide
  Arbitrary<Shape> inputs() {
    return Arbitraries.of(INPUTS);
  }

  @Provide
  Arbitrary<JsonNode> trees() {
    return tree(4);
  }

  private static Arbitrary<JsonNode> tree(int depth) {
    Arbitrary<JsonNode> leaves = Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(40).map(NODES::textNode),
        Arbitraries.of(WORDS).map(NODES::textNode),
        Arbitraries.of("NaN", "Infinity", "2024-01-01T00:00:00Z", "").map(NODES::textNode),
        Arbitraries.integers().map(NODES::numberNode),
        Arbitraries.longs().map(NODES::numberNode),
        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)).map(NODES::numberNode),
        Arbitraries.doubles().map(NODES::numberNode),
        Arbitraries.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 1e300, 2147483648.0)
            .map(NODES::numberNode),
        Arbitraries.bigDecimals().map(BigDecimal::stripTrailingZeros).map(NODES::numberNode),
        Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode(), NODES.missingNode()));
    if (depth == 0) {
      return leaves;
    }
    Arbitrary<JsonNode> child = Arbitraries.lazy(() -> tree(depth - 1));
    Arbitrary<JsonNode> arrays = child.list().ofMaxSize(4).map(items -> {
      ArrayNode array = NODES.arrayNode();
      items.forEach(array::add);
      return array;
    });
    Arbitrary<JsonNode> objects = Arbitraries.maps(Arbitraries.of(WORDS), child).ofMaxSize(6).map(ShapeValidatorPropertyTest::object);
    return Arbitraries.frequencyOf(Tuple.of(3, leaves), Tuple.of(1, arrays), Tuple.of(2, objects));
  }

  private static JsonNode object(Map<String, JsonNode> members) {
    ObjectNode object = NODES.objectNode();
    members.forEach(object::set);
    return object;
  }

  private static List<String> words() {
    TreeSet<String> words = new TreeSet<>(List.of("", "undeclared", "\"quoted\"", "a.b[0]"));
    for (Shape shape : MODEL.shapes().values()) {
      words.addAll(shape.members().keySet());
      words.addAll(shape.enumValues());
    }
    return List.copyOf(words);
  }
}
