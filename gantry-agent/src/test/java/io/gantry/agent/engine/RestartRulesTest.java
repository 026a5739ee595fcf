package io.gantry.agent.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.model.task.DesiredStatus;
import io.gantry.model.taskdef.ContainerRestartPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The ECS agent's restart rules, case by case. */
class RestartRulesTest {
  static final Instant STARTED = Instant.parse("2026-01-01T00:00:00Z");

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
      # case                                  | enabled | desired | exit | ran s | restarted s ago | restart
      enabled, ran longer than the period      | true    | RUNNING | 1    | 300   | -               | true
      exactly the period                       | true    | RUNNING | 1    | 60    | -               | true
      shorter than the period                  | true    | RUNNING | 1    | 59    | -               | false
      period counts from the last restart      | true    | RUNNING | 1    | 900   | 30              | false
      last restart long enough ago             | true    | RUNNING | 1    | 900   | 61              | true
      ignored exit code                        | true    | RUNNING | 0    | 900   | -               | false
      no exit code                             | true    | RUNNING | -    | 900   | -               | false
      task wanted stopped                      | true    | STOPPED | 1    | 900   | -               | false
      policy disabled                          | false   | RUNNING | 1    | 900   | -               | false
      """)
  void decides(String name, boolean enabled, DesiredStatus desired, Integer exit, long ran,
      Long restartedAgo, boolean expected) {
    ContainerRestartPolicy policy = new ContainerRestartPolicy(enabled, List.of(0), 60);
    Instant now = STARTED.plusSeconds(ran);
    Instant lastRestart = restartedAgo == null ? null : now.minusSeconds(restartedAgo);
    assertThat(RestartRules.shouldRestart(policy, desired, exit, STARTED, lastRestart, now)).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource({"299, false", "300, true"})
  void theDefaultAttemptPeriodIs300Seconds(long ran, boolean expected) {
    ContainerRestartPolicy policy = new ContainerRestartPolicy(true, null, null);
    assertThat(RestartRules.shouldRestart(policy, DesiredStatus.RUNNING, 1, STARTED, null, STARTED.plusSeconds(ran)))
        .isEqualTo(expected);
  }
}
