package io.gantry.api.model;

import static io.gantry.api.model.EcsSamples.CREATE_CLUSTER;
import static io.gantry.api.model.EcsSamples.REGISTER_TASK_DEFINITION;
import static io.gantry.api.model.EcsSamples.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gantry.api.model.Violation.Kind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Input checking against the bundled ECS model. */
class ShapeValidatorTest {
  private static final ServiceModel MODEL = ServiceModel.ecs();
  private static final ShapeValidator INPUT = ShapeValidator.forInput();

  private static List<Violation> validate(String operation, JsonNode input) {
    return INPUT.validate(MODEL.inputShape(operation).orElseThrow(), input);
  }

  @Test
  void acceptsAFullRegisterTaskDefinitionInput() {
    assertThat(validate("RegisterTaskDefinition", json(REGISTER_TASK_DEFINITION))).isEmpty();
  }

  @Test
  void acceptsCreateClusterWithSettingsTagsAndConfiguration() {
    assertThat(validate("CreateCluster", json(CREATE_CLUSTER))).isEmpty();
  }

  @Test
  void acceptsOtherCommonInputs() {
    assertThat(validate("CreateCluster", json("{}"))).isEmpty();
    assertThat(validate("ListClusters", json("{\"maxResults\": 10, \"nextToken\": \"abc\"}"))).isEmpty();
    assertThat(validate("RunTask", json("""
        {"cluster": "prod", "taskDefinition": "web:3", "count": 2, "launchType": "FARGATE",
         "networkConfiguration": {"awsvpcConfiguration": {"subnets": ["subnet-1"], "securityGroups": ["sg-1"], "assignPublicIp": "ENABLED"}},
         "overrides": {"containerOverrides": [{"name": "app", "command": ["echo", "hi"], "environment": [{"name": "A", "value": "1"}]}]},
         "placementStrategy": [{"type": "spread", "field": "attribute:ecs.availability-zone"}],
         "startedBy": "ci", "tags": [{"key": "k", "value": "v"}]}
        """))).isEmpty();
    assertThat(validate("CreateService", json("""
        {"serviceName": "web", "cluster": "prod", "taskDefinition": "web", "desiredCount": 3,
         "deploymentConfiguration": {"maximumPercent": 200, "minimumHealthyPercent": 50,
           "deploymentCircuitBreaker": {"enable": true, "rollback": true}},
         "serviceConnectConfiguration": {"enabled": true, "services": [{"portName": "http", "clientAliases": [{"port": 8080}]}]},
         "schedulingStrategy": "REPLICA", "propagateTags": "SERVICE"}
        """))).isEmpty();
  }

  @Test
  void ignoresUnknownMembersAndTreatsNullAsAbsent() {
    JsonNode input = json("""
        {"family": "web", "containerDefinitions": [{"name": "app", "image": "nginx", "cpu": null,
          "surprise": {"deep": [1, 2]}}], "networkMode": null, "registeredAt": "whatever", "volumes": null}
        """);
    assertThat(validate("RegisterTaskDefinition", input)).isEmpty();
  }

  @Test
  void acceptsIntegralFloatsAndBothTimestampForms() {
    assertThat(validate("RegisterTaskDefinition", json("""
        {"family": "web", "containerDefinitions": [{"name": "app", "cpu": 256.0}]}
        """))).isEmpty();
    assertThat(validate("ListDaemonDeployments", json("""
        {"daemonArn": "arn", "createdAt": {"after": 1700000000.5, "before": "2024-01-01T00:00:00Z"}}
        """))).isEmpty();
  }

  static Stream<Arguments> violations() {
    return Stream.of(
        // TYPE
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions/0/portMappings/1/containerPort", "\"8443\""),
            "containerDefinitions[0].portMappings[1].containerPort", Kind.TYPE),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions/0/cpu", "256.5"),
            "containerDefinitions[0].cpu", Kind.TYPE),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions/0/memory", "3000000000"),
            "containerDefinitions[0].memory", Kind.TYPE),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions", "{}"),
            "containerDefinitions", Kind.TYPE),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions/1/essential", "\"false\""),
            "containerDefinitions[1].essential", Kind.TYPE),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/networkMode", "5"), "networkMode", Kind.TYPE),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions/0/linuxParameters", "[]"),
            "containerDefinitions[0].linuxParameters", Kind.TYPE),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions/0/dockerLabels", "[\"a\"]"),
            "containerDefinitions[0].dockerLabels", Kind.TYPE),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions/0/dockerLabels/com.example.team", "1"),
            "containerDefinitions[0].dockerLabels[\"com.example.team\"]", Kind.TYPE),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions/0/command/1", "null"),
            "containerDefinitions[0].command[1]", Kind.TYPE),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/family", "{\"name\": \"web\"}"), "family", Kind.TYPE),
        arguments("CreateCluster", set(CREATE_CLUSTER, "/settings", "\"containerInsights\""), "settings", Kind.TYPE),
        arguments("ListDaemonDeployments", json("{\"daemonArn\": \"a\", \"createdAt\": {\"after\": true}}"), "createdAt.after", Kind.TYPE),
        // REQUIRED
        arguments("RegisterTaskDefinition", remove(REGISTER_TASK_DEFINITION, "/family"), "family", Kind.REQUIRED),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/family", "null"), "family", Kind.REQUIRED),
        arguments("RegisterTaskDefinition", remove(REGISTER_TASK_DEFINITION, "/containerDefinitions/0/ulimits/0/softLimit"),
            "containerDefinitions[0].ulimits[0].softLimit", Kind.REQUIRED),
        arguments("RegisterTaskDefinition", remove(REGISTER_TASK_DEFINITION, "/volumes/2/efsVolumeConfiguration/fileSystemId"),
            "volumes[2].efsVolumeConfiguration.fileSystemId", Kind.REQUIRED),
        arguments("CreateCluster", set(CREATE_CLUSTER, "/serviceConnectDefaults", "{}"), "serviceConnectDefaults.namespace", Kind.REQUIRED),
        arguments("CreateService", json("{}"), "serviceName", Kind.REQUIRED),
        // ENUM
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/networkMode", "\"foo\""), "networkMode", Kind.ENUM),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions/0/portMappings/0/protocol", "\"sctp\""),
            "containerDefinitions[0].portMappings[0].protocol", Kind.ENUM),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/requiresCompatibilities/1", "\"LAMBDA\""),
            "requiresCompatibilities[1]", Kind.ENUM),
        arguments("CreateCluster", set(CREATE_CLUSTER, "/configuration/executeCommandConfiguration/logging", "\"ALL\""),
            "configuration.executeCommandConfiguration.logging", Kind.ENUM),
        // LENGTH
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/tags/0/key", "\"\""), "tags[0].key", Kind.LENGTH),
        arguments("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/tags/1/key", "\"" + "k".repeat(129) + "\""), "tags[1].key", Kind.LENGTH),
        arguments("CreateCluster", set(CREATE_CLUSTER, "/tags", manyTags(51)), "tags", Kind.LENGTH),
        // RANGE
        arguments("CreateCluster", set(CREATE_CLUSTER, "/defaultCapacityProviderStrategy/0/weight", "1001"),
            "defaultCapacityProviderStrategy[0].weight", Kind.RANGE),
        arguments("CreateCluster", set(CREATE_CLUSTER, "/defaultCapacityProviderStrategy/1/base", "-1"),
            "defaultCapacityProviderStrategy[1].base", Kind.RANGE),
        arguments("CreateService", json("""
            {"serviceName": "web", "serviceConnectConfiguration": {"enabled": true, "services": [{"portName": "http", "clientAliases": [{"port": 70000}]}]}}
            """), "serviceConnectConfiguration.services[0].clientAliases[0].port", Kind.RANGE),
        arguments("CreateDaemon", json("""
            {"daemonName": "d", "daemonTaskDefinitionArn": "arn", "clusterArn": "c", "capacityProviderArns": ["cp"], "deploymentConfiguration": {"drainPercent": 100.5}}
            """), "deploymentConfiguration.drainPercent", Kind.RANGE));
  }

  @ParameterizedTest(name = "{0}: {3} at {2}")
  @MethodSource("violations")
  void reportsEachKindOfViolationAtItsPath(String operation, JsonNode input, String path, Kind kind) {
    List<Violation> found = validate(operation, input);
    assertThat(found).extracting(Violation::path, Violation::kind).containsExactly(org.assertj.core.groups.Tuple.tuple(path, kind));
    assertThat(found.get(0).message()).contains("'" + path + "'");
  }

  @Test
  void reportsEveryViolationInModelOrder() {
    JsonNode input = json("""
        {"networkMode": "foo", "containerDefinitions": [{"cpu": "x", "portMappings": [{"protocol": "sctp"}]}], "tags": [{"key": ""}]}
        """);
    assertThat(validate("RegisterTaskDefinition", input))
        .extracting(Violation::path, Violation::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("containerDefinitions[0].cpu", Kind.TYPE),
            org.assertj.core.groups.Tuple.tuple("containerDefinitions[0].portMappings[0].protocol", Kind.ENUM),
            org.assertj.core.groups.Tuple.tuple("family", Kind.REQUIRED),
            org.assertj.core.groups.Tuple.tuple("networkMode", Kind.ENUM),
            org.assertj.core.groups.Tuple.tuple("tags[0].key", Kind.LENGTH));
  }

  @Test
  void messagesNameThePathAndTheProblem() {
    assertThat(validate("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/networkMode", "\"foo\"")).get(0).message())
        .isEqualTo("Invalid value for 'networkMode': 'foo'. Valid values: bridge, host, awsvpc, none.");
    assertThat(validate("RegisterTaskDefinition", set(REGISTER_TASK_DEFINITION, "/containerDefinitions/0/cpu", "\"256\"")).get(0).message())
        .isEqualTo("Invalid type for 'containerDefinitions[0].cpu': expected an integer (32-bit), found a string.");
    assertThat(validate("RegisterTaskDefinition", remove(REGISTER_TASK_DEFINITION, "/family")).get(0).message())
        .isEqualTo("Missing required member 'family'.");
    assertThat(validate("CreateCluster", set(CREATE_CLUSTER, "/defaultCapacityProviderStrategy/0/weight", "1001")).get(0).message())
        .isEqualTo("Invalid value for 'defaultCapacityProviderStrategy[0].weight': 1001 is greater than the maximum of 1000.");
    assertThat(validate("CreateCluster", set(CREATE_CLUSTER, "/tags", manyTags(51))).get(0).message())
        .isEqualTo("Invalid length for 'tags': 51 elements is more than the maximum of 50.");
  }

  @Test
  void aNullRootIsCheckedAsAnEmptyStructure() {
    assertThat(validate("RegisterTaskDefinition", json("null")))
        .extracting(Violation::path)
        .containsExactly("containerDefinitions", "family");
  }

  @Test
  void aNonObjectRootIsOneTypeViolation() {
    assertThat(validate("CreateCluster", json("[1, 2]")))
        .extracting(Violation::path, Violation::kind)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("", Kind.TYPE));
  }

  /** The sample with the value at {@code pointer} replaced by {@code value} (parsed as JSON). */
  static JsonNode set(String sample, String pointer, String value) {
    JsonNode root = json(sample);
    int slash = pointer.lastIndexOf('/');
    ContainerNode<?> parent = (ContainerNode<?>) root.at(pointer.substring(0, slash));
    String last = pointer.substring(slash + 1);
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), json(value));
    } else {
      ((ObjectNode) parent).set(last, json(value));
    }
    return root;
  }

  /** The sample without the member at {@code pointer}. */
  static JsonNode remove(String sample, String pointer) {
    JsonNode root = json(sample);
    int slash = pointer.lastIndexOf('/');
    ((ObjectNode) root.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1));
    return root;
  }

  private static String manyTags(int count) {
    StringBuilder tags = new StringBuilder("[");
    for (int i = 0; i < count; i++) {
      tags.append(i == 0 ? "" : ",").append("{\"key\": \"k").append(i).append("\", \"value\": \"v\"}");
    }
    return tags.append(']').toString();
  }
}
