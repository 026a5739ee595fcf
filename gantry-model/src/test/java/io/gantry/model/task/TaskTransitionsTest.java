package io.gantry.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every (from, to) pair of each status, as a table: A = advances, U = unchanged (same status
 * reported again), B = backward (refused). Rows are "from", columns are "to", both in lifecycle
 * order.
 */
class TaskTransitionsTest {

  private static final String TASK_TABLE = """
      #               PROV PEND ACTI RUNN DEAC STOP DEPR STPD
      PROVISIONING    U    A    A    A    A    A    A    A
      PENDING         B    U    A    A    A    A    A    A
      ACTIVATING      B    B    U    A    A    A    A    A
      RUNNING         B    B    B    U    A    A    A    A
      DEACTIVATING    B    B    B    B    U    A    A    A
      STOPPING        B    B    B    B    B    U    A    A
      DEPROVISIONING  B    B    B    B    B    B    U    A
      STOPPED         B    B    B    B    B    B    B    U
      """;

  private static final String CONTAINER_TABLE = """
      #        PEND RUNN STPD
      PENDING  U    A    A
      RUNNING  B    U    A
      STOPPED  B    B    U
      """;

  private static final String DESIRED_TABLE = """
      #        RUNN STPD
      RUNNING  U    A
      STOPPED  B    U
      """;

  static Stream<Arguments> taskPairs() {
    return pairs(TASK_TABLE, TaskStatus.values()).stream();
  }

  static Stream<Arguments> containerPairs() {
    return pairs(CONTAINER_TABLE, ContainerStatus.values()).stream();
  }

  static Stream<Arguments> desiredPairs() {
    return pairs(DESIRED_TABLE, DesiredStatus.values()).stream();
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("taskPairs")
  void taskStatusPair(TaskStatus from, TaskStatus to, StatusTransition expected) {
    assertThat(from.transitionTo(to)).isEqualTo(expected);
    assertThat(from.canMoveTo(to)).isEqualTo(expected == StatusTransition.ADVANCE);
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("containerPairs")
  void containerStatusPair(ContainerStatus from, ContainerStatus to, StatusTransition expected) {
    assertThat(from.transitionTo(to)).isEqualTo(expected);
    assertThat(from.canMoveTo(to)).isEqualTo(expected == StatusTransition.ADVANCE);
  }

  @ParameterizedTest(name = "{0} -> {1}: {2}")
  @MethodSource("desiredPairs")
  void desiredStatusPair(DesiredStatus from, DesiredStatus to, StatusTransition expected) {
    assertThat(from.transitionTo(to)).isEqualTo(expected);
    assertThat(from.canMoveTo(to)).isEqualTo(expected == StatusTransition.ADVANCE);
  }

  @org.junit.jupiter.api.Test
  void tablesCoverEveryPair() {
    assertThat(taskPairs()).hasSize(64);
    assertThat(containerPairs()).hasSize(9);
    assertThat(desiredPairs()).hasSize(4);
  }

  @ParameterizedTest(name = "wanted {0}, known {1}: wanted {2}")
  @CsvSource({
      "RUNNING, PROVISIONING,   RUNNING",
      "RUNNING, PENDING,        RUNNING",
      "RUNNING, ACTIVATING,     RUNNING",
      "RUNNING, RUNNING,        RUNNING",
      "RUNNING, DEACTIVATING,   STOPPED",
      "RUNNING, STOPPING,       STOPPED",
      "RUNNING, DEPROVISIONING, STOPPED",
      "RUNNING, STOPPED,        STOPPED",
      "STOPPED, PENDING,        STOPPED",
      "STOPPED, RUNNING,        STOPPED",
      "STOPPED, STOPPED,        STOPPED",
  })
  void aTaskThatBeganToStopIsWantedStopped(DesiredStatus desired, TaskStatus known, DesiredStatus expected) {
    assertThat(desired.given(known)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"RUNNING, RUNNING", "STOPPED, STOPPED", "PENDING, ", "running, ", "'', "})
  void desiredStatusParsesOnlyWhatATaskCanBeWanted(String wire, DesiredStatus expected) {
    assertThat(DesiredStatus.parse(wire).orElse(null)).isEqualTo(expected);
  }

  private static <E extends Enum<E>> List<Arguments> pairs(String table, E[] values) {
    List<Arguments> out = new ArrayList<>();
    for (String line : table.strip().split("\n")) {
      if (line.isBlank() || line.strip().startsWith("#")) {
        continue;
      }
      String[] cells = line.strip().split("\\s+");
      E from = Enum.valueOf(values[0].getDeclaringClass(), cells[0]);
      assertThat(cells).as("row %s", cells[0]).hasSize(values.length + 1);
      for (int i = 0; i < values.length; i++) {
        out.add(Arguments.of(from, values[i], switch (cells[i + 1]) {
          case "A" -> StatusTransition.ADVANCE;
          case "U" -> StatusTransition.UNCHANGED;
          case "B" -> StatusTransition.BACKWARD;
          default -> throw new IllegalArgumentException(cells[i + 1]);
        }));
      }
    }
    return out;
  }
}
