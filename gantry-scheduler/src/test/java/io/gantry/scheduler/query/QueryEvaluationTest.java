package io.gantry.scheduler.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.scheduler.cluster.Node;
import io.gantry.scheduler.cluster.NodeFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table tests: every operator in symbol and word form, precedence, lists, wildcards, regexes and dates. */
class QueryEvaluationTest {
  private static final Node NODE = NodeFixture.node("n1").ec2("i-abcd1234").attr("ecs.instance-type", "t2.small")
      .attr("stack", "prod").attr("disk", "100").attr("com.amazonaws.ecs.capability.docker-remote-api.1.19", null)
      .agentVersion("1.80.0").registeredAt("2024-01-15T10:00:00Z").running(3).group("service:db", 2)
      .group("family:web", 0).build();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiterString = " => ", quoteCharacter = '`', textBlock = """
      attribute:ecs.instance-type == t2.small => true
      attribute:ecs.instance-type equals t2.small => true
      attribute:ecs.instance-type == t2.micro => false
      attribute:ecs.instance-type != t2.micro => true
      attribute:ecs.instance-type not_equals t2.small => false
      attribute:missing != x => true
      attribute:missing == x => false
      runningTasksCount > 2 => true
      runningTasksCount greater_than 3 => false
      runningTasksCount >= 3 => true
      runningTasksCount greater_than_equal 4 => false
      runningTasksCount < 4 => true
      runningTasksCount less_than 3 => false
      runningTasksCount <= 2 => false
      runningTasksCount less_than_equal 3 => true
      runningTasksCount == 3 => true
      runningTasksCount != 3 => false
      attribute:disk > 20 => true
      attribute:disk < 1000 => true
      attribute:missing > 1 => false
      agentVersion >= 1.9.0 => true
      agentVersion < 1.100.0 => true
      agentVersion == 1.80.0 => true
      agentVersion != 1.80 => false
      registeredAt < 2024-02-01 => true
      registeredAt > 2024-01-15T09:59:59Z => true
      registeredAt >= 2024-01-15T10:00:00+00:00 => true
      registeredAt < 2024-01-15T10:00:00 => false
      registeredAt == 2024-01-15T11:00:00+01:00 => true
      attribute:stack exists => true
      attribute:com.amazonaws.ecs.capability.docker-remote-api.1.19 exists => true
      attribute:nope exists => false
      attribute:nope !exists => true
      attribute:stack not_exists => false
      attribute:ecs.availability-zone in [us-east-1a, us-east-1b] => true
      attribute:ecs.availability-zone in us-east-1a => true
      attribute:ecs.availability-zone in [us-east-1b] => false
      ec2InstanceId in ['i-abcd1234', 'i-wxyz9876'] => true
      ec2InstanceId !in [i-x, i-y] => true
      ec2InstanceId not_in [i-abcd1234] => false
      attribute:missing !in [a] => true
      attribute:ecs.instance-type =~ t2.* => true
      attribute:ecs.instance-type matches t2 => false
      attribute:ecs.instance-type =~ small.* => false
      attribute:ecs.instance-type =~ .*small => true
      attribute:ecs.instance-type =~ t2\\.sm.* => true
      ec2InstanceId =~ 'i-[0-9a-f]+' => true
      attribute:ecs.instance-type !~ m5.* => true
      attribute:ecs.instance-type not_matches t2.* => false
      attribute:missing !~ x => true
      attribute:ecs.instance-type == t2.* => true
      attribute:ecs.instance-type == *small => true
      attribute:ecs.instance-type == 't2.*' => false
      attribute:ecs.instance-type in [m5.*, t2.*] => true
      task:group == service:db => true
      task:group == family:web => false
      task:group != family:web => true
      task:group != service:db => false
      task:group exists => true
      task:group =~ service:.* => true
      task:group in [family:web, service:db] => true
      agentConnected == true => true
      agentConnected != false => true
      agentConnected in [false] => false
      attribute:stack == dev or attribute:stack == prod and runningTasksCount == 3 => true
      (attribute:stack == dev or attribute:stack == prod) and runningTasksCount == 0 => false
      attribute:stack == prod or attribute:stack == dev and runningTasksCount == 0 => true
      not attribute:stack == prod or runningTasksCount == 3 => true
      not (attribute:stack == prod or runningTasksCount == 3) => false
      not(task:group == database) => true
      !(attribute:stack == prod) => false
      !!(attribute:stack == prod) => true
      attribute:stack == prod && runningTasksCount == 3 || attribute:x exists => true
      attribute:stack == prod AND NOT runningTasksCount == 3 => false
      attribute:stack==prod&&runningTasksCount>=3 => true
      ((attribute:stack == prod)) => true
      """)
  void evaluates(String expression, boolean expected) {
    assertThat(Query.matches(expression, NODE)).as(expression).isEqualTo(expected);
  }

  @Test
  void quotedValuesHoldAnythingButTheirQuoteWhichABackslashEscapes() {
    assertThat(Query.matches("attribute:stack == 'prod' and attribute:disk == \"100\"", NODE)).isTrue();
    Node odd = NodeFixture.node("n2").attr("motto", "it's (a) [test], ok").build();
    assertThat(Query.matches("attribute:motto == 'it\\'s (a) [test], ok'", odd)).isTrue();
    assertThat(Query.matches("attribute:motto == \"it's (a) [test], ok\"", odd)).isTrue();
  }
}
