package io.gantry.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CensusTest {
  private final Census census = new Census(Map.of(
      "a", Map.of("t1", "RUNNING", "t2", "STOPPED"),
      "b", Map.of("t1", "PENDING", "t2", "RUNNING", "t3", "RUNNING"),
      "c", Map.of()));

  @Test
  void aTaskLiveOnTwoAgentsIsADuplicate() {
    assertThat(census.duplicates()).isEqualTo(Map.of("t1", List.of("a", "b")));
  }

  @Test
  void liveTasksNotExpectedAreOrphans() {
    assertThat(census.orphans(Set.of("t1", "t2"))).isEqualTo(Map.of("t3", List.of("b")));
  }

  @Test
  void countsAndWhereaboutsByStatus() {
    assertThat(census.count("RUNNING")).isEqualTo(3);
    assertThat(census.where("t2")).isEqualTo(Map.of("a", "STOPPED", "b", "RUNNING"));
    assertThat(census.tasksOn("nobody")).isEmpty();
  }
}
