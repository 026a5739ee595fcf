package io.gantry.api.model;

import static io.gantry.api.model.EcsSamples.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.api.model.Violation.Kind;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scalar, map and document edge cases, on a small model that has every shape type. */
class ShapeValidatorScalarTest {
  private static final ServiceModel MODEL = ServiceModel.fromJson(json("""
      {"operations": {}, "shapes": {
        "Scalars": {"type": "structure", "members": {
          "i": {"shape": "Int"}, "l": {"shape": "Long"}, "d": {"shape": "Double"}, "f": {"shape": "Float"},
          "b": {"shape": "Bool"}, "t": {"shape": "Time"}, "blob": {"shape": "Blob"}, "doc": {"shape": "Doc"},
          "pct": {"shape": "Percent"}, "m": {"shape": "Labels"}, "s": {"shape": "Emoji"}}},
        "Int": {"type": "integer"}, "Long": {"type": "long"}, "Double": {"type": "double"},
        "Float": {"type": "float"}, "Bool": {"type": "boolean"}, "Time": {"type": "timestamp"},
        "Blob": {"type": "blob"}, "Doc": {"type": "structure", "document": true, "members": {}},
        "Percent": {"type": "double", "min": 0.0, "max": 100.0},
        "Labels": {"type": "map", "key": {"shape": "Key"}, "value": {"shape": "Int"}, "min": 1, "max": 2},
        "Key": {"type": "string", "min": 1, "max": 3},
        "Emoji": {"type": "string", "max": 2}
      }}
      """));
  private static final Shape SCALARS = MODEL.shape("Scalars").orElseThrow();

  private static List<Violation> input(String member, String value) {
    return ShapeValidator.forInput().validate(SCALARS, json("{\"" + member + "\": " + value + "}"));
  }

  @ParameterizedTest(name = "{0} accepts {1}")
  @CsvSource(delimiter = '|', value = {
      "i | 2147483647", "i | -2147483648", "i | 7.0", "l | 9223372036854775807", "l | -5",
      "d | 1.5e300", "d | 3", "d | '\"NaN\"'", "d | '\"-Infinity\"'", "f | 0.25",
      "b | false", "t | 1700000000", "t | 1.7e9", "t | '\"2024-05-01T10:00:00Z\"'", "blob | '\"aGVsbG8=\"'",
      "doc | '{\"any\": [1, null, {\"x\": true}]}'", "doc | 42", "doc | '\"text\"'",
      "pct | 0", "pct | 100.0", "m | '{\"a\": 1, \"abc\": 2}'", "s | '\"\uD83D\uDE00\uD83D\uDE00\"'"})
  void accepts(String member, String value) {
    assertThat(input(member, value)).isEmpty();
  }

  @ParameterizedTest(name = "{0} rejects {1} as {2}")
  @CsvSource(delimiter = '|', value = {
      "i | 2147483648 | TYPE", "i | 1.5 | TYPE", "i | '\"1\"' | TYPE", "i | 1e10 | TYPE", "i | true | TYPE",
      "l | 9223372036854775808 | TYPE", "l | 0.5 | TYPE", "d | '\"1.5\"' | TYPE", "d | '\"nan\"' | TYPE",
      "f | '[]' | TYPE", "b | 0 | TYPE", "b | '\"true\"' | TYPE", "t | true | TYPE", "t | '{}' | TYPE",
      "blob | 12 | TYPE", "pct | -0.5 | RANGE", "pct | 100.01 | RANGE", "m | '{}' | LENGTH",
      "m | '{\"a\": 1, \"b\": 2, \"c\": 3}' | LENGTH", "m | '{\"abcd\": 1}' | LENGTH", "m | '{\"a\": \"1\"}' | TYPE",
      "m | '{\"a\": null}' | TYPE", "m | '[]' | TYPE", "s | '\"\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\"' | LENGTH"})
  void rejects(String member, String value, Kind kind) {
    List<Violation> found = input(member, value);
    assertThat(found).hasSize(1);
    assertThat(found.get(0).kind()).isEqualTo(kind);
    assertThat(found.get(0).path()).startsWith(member);
  }

  @ParameterizedTest(name = "output rejects {0} = {1}")
  @CsvSource(delimiter = '|', value = {"t | '\"2024-05-01T10:00:00Z\"'", "i | 7.0", "l | 1.5"})
  void outputIsStricterAboutNumbers(String member, String value) {
    assertThat(ShapeValidator.forOutput().validate(SCALARS, json("{\"" + member + "\": " + value + "}")))
        .extracting(Violation::kind)
        .containsExactly(Kind.TYPE);
  }
}
