package io.gantry.api.model;

import static io.gantry.api.model.EcsSamples.DESCRIBE_TASK_DEFINITION_OUTPUT;
import static io.gantry.api.model.EcsSamples.json;
import static io.gantry.api.model.ShapeValidatorTest.remove;
import static io.gantry.api.model.ShapeValidatorTest.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.model.Violation.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Output checking: what tests use to hold Gantry's responses to the model. */
class ShapeValidatorOutputTest {
  private static final Shape DESCRIBE_OUTPUT = ServiceModel.ecs().outputShape("DescribeTaskDefinition").orElseThrow();

  private static List<Violation> check(JsonNode body) {
    return ShapeValidator.forOutput().validate(DESCRIBE_OUTPUT, body);
  }

  @Test
  void acceptsAResponseAsGantryWritesIt() {
    assertThat(check(json(DESCRIBE_TASK_DEFINITION_OUTPUT))).isEmpty();
  }

  @Test
  void flagsAnUndeclaredMember() {
    JsonNode body = set(DESCRIBE_TASK_DEFINITION_OUTPUT, "/taskDefinition/containerDefinitions/0/portMappings/0/hostIp", "\"0.0.0.0\"");
    List<Violation> found = check(body);
    assertThat(found).extracting(Violation::path, Violation::kind)
        .containsExactly(tuple("taskDefinition.containerDefinitions[0].portMappings[0].hostIp", Kind.UNKNOWN_MEMBER));
    assertThat(found.get(0).message()).contains("PortMapping");
  }

  @Test
  void flagsATimestampWrittenAsAString() {
    JsonNode body = set(DESCRIBE_TASK_DEFINITION_OUTPUT, "/taskDefinition/registeredAt", "\"2024-01-01T00:00:00Z\"");
    assertThat(check(body)).extracting(Violation::path, Violation::kind)
        .containsExactly(tuple("taskDefinition.registeredAt", Kind.TYPE));
  }

  @Test
  void flagsAnEnumValueTheModelDoesNotList() {
    JsonNode body = set(DESCRIBE_TASK_DEFINITION_OUTPUT, "/taskDefinition/status", "\"active\"");
    assertThat(check(body)).extracting(Violation::path, Violation::kind)
        .containsExactly(tuple("taskDefinition.status", Kind.ENUM));
  }

  @Test
  void flagsWrongTypesIncludingFractionalIntegers() {
    JsonNode body = set(DESCRIBE_TASK_DEFINITION_OUTPUT, "/taskDefinition/revision", "3.0");
    assertThat(check(body)).extracting(Violation::path, Violation::kind)
        .containsExactly(tuple("taskDefinition.revision", Kind.TYPE));
  }

  @Test
  void doesNotCheckRequiredMembersOrLimits() {
    Shape tagsOutput = ServiceModel.ecs().outputShape("ListTagsForResource").orElseThrow();
    assertThat(ShapeValidator.forOutput().validate(tagsOutput, json("{\"tags\": [{\"key\": \"\"}]}"))).isEmpty();
    assertThat(check(remove(DESCRIBE_TASK_DEFINITION_OUTPUT, "/taskDefinition/family"))).isEmpty();
  }

  @Test
  void reportsSeveralProblemsAtOnce() {
    JsonNode body = json("""
        {"taskDefinition": {"status": "GONE", "deregisteredAt": "yesterday", "extra": 1}, "tags": [{"key": "k", "owner": "me"}]}
        """);
    assertThat(check(body)).extracting(Violation::path, Violation::kind)
        .containsExactlyInAnyOrder(
            tuple("taskDefinition.status", Kind.ENUM),
            tuple("taskDefinition.deregisteredAt", Kind.TYPE),
            tuple("taskDefinition.extra", Kind.UNKNOWN_MEMBER),
            tuple("tags[0].owner", Kind.UNKNOWN_MEMBER));
  }
}
