package io.gantry.server.taskdefs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.model.EcsException;
import io.gantry.model.Scope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskDefinitionRefTest {
  private static final Scope SCOPE = TaskDefinitionFixture.SCOPE;

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "web|web|-",
      "web:7|web|7",
      "my_app-2:12|my_app-2|12",
      "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3|web|3",
      "arn:aws:ecs:us-east-1:123456789012:task-definition/web|web|-"})
  void names(String text, String family, Integer revision) {
    assertThat(TaskDefinitionRef.parse(text, SCOPE)).contains(new TaskDefinitionRef(family, revision));
  }

  @ParameterizedTest
  @ValueSource(strings = {"bad name", "web/1:2", "arn:aws:ecs:us-east-1:210987654321:task-definition/web:1",
      "arn:aws:ecs:us-west-2:123456789012:task-definition/web:1", "arn:aws:ecs:us-east-1:123456789012:cluster/web",
      "arn:aws:iam::123456789012:task-definition/web:1", "arn:nonsense"})
  void namesOfNothingInThisScope(String text) {
    assertThat(TaskDefinitionRef.parse(text, SCOPE)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"web:", "web:x", "web:-1", "web:99999999999"})
  void badRevisions(String text) {
    assertThatThrownBy(() -> TaskDefinitionRef.parse(text, SCOPE))
        .isInstanceOf(EcsException.class)
        .hasMessageStartingWith("Invalid revision number. Number: ");
  }

  @Test
  void blank() {
    assertThatThrownBy(() -> TaskDefinitionRef.parse(" ", SCOPE)).hasMessage("The task definition should not be null or empty.");
  }

  @Test
  void descendingSortKeysReverseTheOrder() {
    List<String> keys = new ArrayList<>(List.of("a\u00000000000001", "a\u00000000000002", "a-b\u00000000000001",
        "ab\u00000000000001", "b\u00000000000010", "B\u00000000000001", "a_\u00000000000003"));
    keys.sort(Comparator.naturalOrder());
    List<String> descending = new ArrayList<>(keys);
    descending.sort(Comparator.comparing(SortKeys::descending));
    List<String> reversed = new ArrayList<>(keys);
    java.util.Collections.reverse(reversed);
    assertThat(descending).isEqualTo(reversed);
  }
}
