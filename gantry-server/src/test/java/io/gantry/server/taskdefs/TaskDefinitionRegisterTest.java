package io.gantry.server.taskdefs;

import static io.gantry.server.taskdefs.TaskDefinitionFixture.ARN_PREFIX;
import static io.gantry.server.taskdefs.TaskDefinitionFixture.NOW;
import static io.gantry.server.taskdefs.TaskDefinitionFixture.read;
import static io.gantry.server.taskdefs.TaskDefinitionFixture.tree;
import static io.gantry.server.taskdefs.TaskDefinitionFixture.wire;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gantry.api.ecs.taskdef.DescribeTaskDefinitionRequest;
import io.gantry.api.ecs.taskdef.DescribeTaskDefinitionResponse;
import io.gantry.api.ecs.taskdef.RegisterTaskDefinitionRequest;
import io.gantry.api.ecs.taskdef.RegisterTaskDefinitionResponse;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Tag;
import io.gantry.model.taskdef.TaskDefinition;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RegisterTaskDefinition and DescribeTaskDefinition through the handler, over the embedded store. */
class TaskDefinitionRegisterTest {
  @TempDir Path dir;
  TaskDefinitionFixture f;

  @BeforeEach
  void open() {
    f = new TaskDefinitionFixture(dir);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void everyMemberComesBackAsRegisteredPlusWhatEcsAdds() {
    RegisterTaskDefinitionResponse registered =
        f.handler.register(f.ctx, read(FullDefinition.REQUEST, RegisterTaskDefinitionRequest.class));
    DescribeTaskDefinitionResponse described =
        f.handler.describe(f.ctx, new DescribeTaskDefinitionRequest("full", List.of("TAGS")));

    JsonNode out = wire(described.taskDefinition());
    assertThat(out).isEqualTo(wire(registered.taskDefinition()));
    ObjectNode in = (ObjectNode) tree(FullDefinition.REQUEST);
    in.remove("tags");
    // ECS stores the task size as numbers: "1 vCPU" and "2 GB" come back as "1024" and "2048".
    assertThat(out.get("cpu").asText()).isEqualTo("1024");
    assertThat(out.get("memory").asText()).isEqualTo("2048");
    in.put("cpu", "1024").put("memory", "2048");
    assertContains(out, in, "taskDefinition");

    assertThat(fieldNames(out)).isEqualTo(union(fieldNames(in), Set.of("taskDefinitionArn", "revision", "status",
        "requiresAttributes", "compatibilities", "registeredAt", "registeredBy")));
    // The container that sets every member comes back exactly as given.
    assertThat(out.get("containerDefinitions").get(0)).isEqualTo(tree(FullDefinition.APP));
    assertThat(fieldNames(out.get("containerDefinitions").get(0))).hasSize(42);
    // The others get ECS's container defaults.
    assertThat(union(fieldNames(tree(FullDefinition.DB)), Set.of("cpu", "essential", "portMappings", "environment",
        "mountPoints", "volumesFrom", "systemControls"))).isEqualTo(fieldNames(out.get("containerDefinitions").get(1)));
    assertThat(out.get("containerDefinitions").get(1).get("healthCheck"))
        .isEqualTo(tree("{command: ['CMD', 'redis-cli', 'ping'], interval: 30, timeout: 5, retries: 3}"));

    assertThat(out.get("taskDefinitionArn").asText()).isEqualTo(ARN_PREFIX + "full:1");
    assertThat(out.get("revision").asInt()).isEqualTo(1);
    assertThat(out.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(out.get("registeredAt").decimalValue()).isEqualByComparingTo("1714564800.250");
    assertThat(out.get("registeredBy").asText()).isEqualTo("arn:aws:iam::123456789012:root");
    assertThat(out.get("compatibilities")).isEqualTo(tree("['EC2']"));
    assertThat(registered.tags()).containsExactly(new Tag("team", "web"), new Tag("cost-center", "42"));
    assertThat(described.tags()).isEqualTo(registered.tags());
  }

  @Test
  void minimalDefinitionLooksLikeEcsOutput() {
    TaskDefinition td = f.register("{family: 'sleep360', containerDefinitions: [{name: 'sleep', image: 'busybox',"
        + " cpu: 10, command: ['sleep', '360'], memory: 10, essential: true}]}");
    JsonNode expected = tree("""
        {taskDefinitionArn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/sleep360:1',
         containerDefinitions: [{name: 'sleep', image: 'busybox', cpu: 10, memory: 10, portMappings: [], essential: true,
           command: ['sleep', '360'], environment: [], mountPoints: [], volumesFrom: [], systemControls: []}],
         family: 'sleep360', revision: 1, volumes: [], status: 'ACTIVE', placementConstraints: [],
         compatibilities: ['EXTERNAL', 'EC2'], registeredBy: 'arn:aws:iam::123456789012:root'}""");
    ObjectNode actual = (ObjectNode) wire(td);
    assertThat(actual.remove("registeredAt").decimalValue()).isEqualByComparingTo("1714564800.250");
    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void revisionsCountPerFamily() {
    assertThat(revisions(f.registerMany("web", 3))).containsExactly(1, 2, 3);
    assertThat(revisions(f.registerMany("api", 2))).containsExactly(1, 2);
    assertThat(revisions(f.registerMany("web", 1))).containsExactly(4);
    assertThat(f.describe("web").taskDefinitionArn()).isEqualTo(ARN_PREFIX + "web:4");
    assertThat(f.describe("api").taskDefinitionArn()).isEqualTo(ARN_PREFIX + "api:2");
  }

  @Test
  void describeByFamilyRevisionOrArn() {
    f.registerMany("web", 3);
    f.deregister("web:3");
    assertThat(f.describe("web").revision()).isEqualTo(2);
    assertThat(f.describe("web:1").revision()).isEqualTo(1);
    assertThat(f.describe("web:3").status()).isEqualTo("INACTIVE");
    assertThat(f.describe(ARN_PREFIX + "web:3").revision()).isEqualTo(3);
    assertThat(f.describe(ARN_PREFIX + "web").revision()).isEqualTo(2);
  }

  @Test
  void describeOfSomethingMissing() {
    f.registerMany("web", 1);
    f.deregister("web:1");
    for (String name : List.of("web", "web:2", "api", "bad name", ARN_PREFIX + "api:1",
        "arn:aws:ecs:us-east-1:210987654321:task-definition/web:1", "arn:aws:ecs:eu-west-1:123456789012:task-definition/web:1",
        "arn:aws:ecs:us-east-1:123456789012:service/web:1")) {
      assertThatThrownBy(() -> f.describe(name))
          .as(name)
          .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT))
          .hasMessage("Unable to describe task definition.");
    }
    assertThatThrownBy(() -> f.describe("web:latest"))
        .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER))
        .hasMessage("Invalid revision number. Number: latest");
  }

  @Test
  void describeIncludesTagsOnlyWhenAsked() {
    f.handler.register(f.ctx, read("{family: 'web', tags: [{key: 'a', value: 'b'}], containerDefinitions: ["
        + "{name: 'app', image: 'nginx', memory: 128}]}", RegisterTaskDefinitionRequest.class));
    f.registerMany("web", 1);
    assertThat(f.handler.describe(f.ctx, new DescribeTaskDefinitionRequest("web:1", null)).tags()).isNull();
    assertThat(f.handler.describe(f.ctx, new DescribeTaskDefinitionRequest("web:1", List.of("TAGS"))).tags())
        .containsExactly(new Tag("a", "b"));
    assertThat(f.handler.describe(f.ctx, new DescribeTaskDefinitionRequest("web:2", List.of("TAGS"))).tags()).isEmpty();
    assertThatThrownBy(() -> f.handler.describe(f.ctx, new DescribeTaskDefinitionRequest("web", List.of("LABELS"))))
        .isInstanceOf(EcsException.class)
        .hasMessage("Invalid value 'LABELS' for include. Valid values are: TAGS.");
  }

  @Test
  void invalidDefinitionsAndTagsAreRejectedAndNothingIsStored() {
    assertThatThrownBy(() -> f.register("{family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc',"
        + " cpu: '512', memory: '512', containerDefinitions: [{name: 'app', image: 'nginx'}]}"))
        .isInstanceOf(EcsException.class)
        .hasMessage("No Fargate configuration exists for given values: 512 CPU, 512 memory."
            + " See the Amazon ECS documentation for the valid values.");
    assertThatThrownBy(() -> f.register("{family: 'web', tags: [{key: 'aws:owner', value: 'me'}],"
        + " containerDefinitions: [{name: 'app', image: 'nginx', memory: 128}]}"))
        .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    assertThat(f.kv.range("")).isEmpty();
    assertThat(f.register(TaskDefinitionFixture.minimal("web")).revision()).isEqualTo(1);
  }

  @Test
  void registerResponseOmitsTagsWhenThereAreNone() {
    RegisterTaskDefinitionResponse response =
        f.handler.register(f.ctx, read(TaskDefinitionFixture.minimal("web"), RegisterTaskDefinitionRequest.class));
    assertThat(response.tags()).isNull();
    assertThat(wire(response).has("tags")).isFalse();
    assertThat(response.taskDefinition().registeredAt()).isEqualTo(NOW);
  }

  private static List<Integer> revisions(List<TaskDefinition> defs) {
    return defs.stream().map(TaskDefinition::revision).toList();
  }

  /** Asserts every member of {@code expected}, recursively, is in {@code actual} with the same value. */
  static void assertContains(JsonNode actual, JsonNode expected, String path) {
    if (expected.isObject()) {
      assertThat(actual.isObject()).as(path).isTrue();
      for (Map.Entry<String, JsonNode> e : expected.properties()) {
        assertThat(actual.has(e.getKey())).as(path + "." + e.getKey()).isTrue();
        assertContains(actual.get(e.getKey()), e.getValue(), path + "." + e.getKey());
      }
    } else if (expected.isArray()) {
      assertThat(actual.isArray()).as(path).isTrue();
      assertThat(actual.size()).as(path).isEqualTo(expected.size());
      for (int i = 0; i < expected.size(); i++) {
        assertContains(actual.get(i), expected.get(i), path + "[" + i + "]");
      }
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }

  static Set<String> fieldNames(JsonNode node) {
    Set<String> names = new TreeSet<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  static Set<String> union(Set<String> a, Set<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return new TreeSet<>(all);
  }
}
