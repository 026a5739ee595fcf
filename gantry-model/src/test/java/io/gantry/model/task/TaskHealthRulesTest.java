package io.gantry.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The task's health from its containers', as a table. Each container is written as E or N
 * (essential or not), + or - (health check defined or not), and its reported health.
 */
class TaskHealthRulesTest {

  @ParameterizedTest(name = "[{0}] -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      E+HEALTHY                          | HEALTHY
      E+UNHEALTHY                        | UNHEALTHY
      E+UNKNOWN                          | UNKNOWN
      E-UNKNOWN                          | UNKNOWN
      E+HEALTHY E+HEALTHY                | HEALTHY
      E+UNHEALTHY E+UNKNOWN              | UNHEALTHY
      E+UNHEALTHY E+HEALTHY              | UNHEALTHY
      E+HEALTHY E+UNKNOWN                | UNKNOWN
      E+UNHEALTHY E+UNKNOWN E+UNKNOWN    | UNHEALTHY
      E+UNHEALTHY E+UNKNOWN E+HEALTHY    | UNHEALTHY
      E+UNHEALTHY E+HEALTHY E+HEALTHY    | UNHEALTHY
      E+HEALTHY E+UNKNOWN E+HEALTHY      | UNKNOWN
      E+HEALTHY E+UNKNOWN E+UNKNOWN      | UNKNOWN
      E+HEALTHY E+HEALTHY E+HEALTHY      | HEALTHY
      E+HEALTHY E-UNKNOWN                | HEALTHY
      E+HEALTHY E-UNKNOWN E+HEALTHY      | HEALTHY
      E+HEALTHY N+UNHEALTHY              | HEALTHY
      E+UNKNOWN N+HEALTHY                | UNKNOWN
      N+HEALTHY                          | UNKNOWN
      N+UNHEALTHY E-UNKNOWN              | UNKNOWN
      E-UNKNOWN E-UNKNOWN                | UNKNOWN
      """)
  void taskHealthFromEssentialContainersWithChecks(String containers, HealthStatus expected) {
    assertThat(TaskHealthRules.taskHealth(parse(containers))).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"true, HEALTHY, HEALTHY", "true, UNHEALTHY, UNHEALTHY", "true, UNKNOWN, UNKNOWN",
      "false, HEALTHY, UNKNOWN", "false, UNHEALTHY, UNKNOWN", "false, UNKNOWN, UNKNOWN"})
  void aContainerWithoutAHealthCheckIsUnknown(boolean healthChecked, HealthStatus reported, HealthStatus expected) {
    assertThat(TaskHealthRules.containerHealth(healthChecked, reported)).isEqualTo(expected);
  }

  private static List<TaskContainer> parse(String spec) {
    List<TaskContainer> out = new ArrayList<>();
    int i = 0;
    for (String token : spec.trim().split("\\s+")) {
      boolean essential = token.charAt(0) == 'E';
      boolean checked = token.charAt(1) == '+';
      HealthStatus health = HealthStatus.valueOf(token.substring(2));
      out.add(new TaskContainer("c" + i++, essential, checked, ContainerStatus.RUNNING, health, null, null));
    }
    return out;
  }
}
