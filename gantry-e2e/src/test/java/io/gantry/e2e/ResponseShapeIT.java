package io.gantry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gantry.api.model.ServiceModel;
import io.gantry.api.model.Shape;
import io.gantry.api.model.ShapeValidator;
import io.gantry.api.model.Violation;
import io.gantry.e2e.support.GantryProcess;
import io.gantry.e2e.support.RawClient;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every implemented operation's answers, read at the HTTP level and checked against the
 * operation's output shape in the ECS model the way a strict SDK reads them: only declared
 * members, the right JSON types, known enum values, epoch-second timestamps. Error answers carry
 * exactly {@code __type} and {@code message}.
 */
class ResponseShapeIT {
  static final Set<String> IMPLEMENTED = Set.of(
      "CreateCluster", "DescribeClusters", "ListClusters", "UpdateCluster", "UpdateClusterSettings",
      "PutClusterCapacityProviders", "DeleteCluster",
      "RegisterTaskDefinition", "DescribeTaskDefinition", "ListTaskDefinitions", "ListTaskDefinitionFamilies",
      "DeregisterTaskDefinition", "DeleteTaskDefinitions",
      "TagResource", "UntagResource", "ListTagsForResource",
      "PutAccountSetting", "PutAccountSettingDefault", "ListAccountSettings", "DeleteAccountSetting",
      "RegisterContainerInstance", "DescribeContainerInstances", "ListContainerInstances",
      "DeregisterContainerInstance", "UpdateContainerInstancesState",
      "PutAttributes", "ListAttributes", "DeleteAttributes");
  static final ObjectMapper JSON = new ObjectMapper();
  static final ServiceModel MODEL = ServiceModel.ecs();
  static final Set<String> validated = new TreeSet<>();

  @TempDir static Path dir;
  static GantryProcess server;
  static RawClient raw;

  @BeforeAll
  static void start() throws Exception {
    server = GantryProcess.start(dir.resolve("data"));
    raw = new RawClient(server.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    server.close();
    assertThat(validated).as("operations whose responses were validated").containsAll(IMPLEMENTED);
  }

  /** Calls {@code operation}, expects 200, validates the body against its output shape and returns it. */
  static JsonNode ok(String operation, String body) throws Exception {
    RawClient.Answer a = raw.call(operation, body);
    assertThat(a.status()).as("%s %s -> %s", operation, body, a.body()).isEqualTo(200);
    JsonNode json = a.json();
    Shape shape = MODEL.outputShape(operation).orElseThrow();
    List<Violation> violations = ShapeValidator.forOutput().validate(shape, json);
    assertThat(violations).as("%s answered %s", operation, a.body()).isEmpty();
    validated.add(operation);
    return json;
  }

  static JsonNode ok(String operation, JsonNode body) throws Exception {
    return ok(operation, JSON.writeValueAsString(body));
  }

  /** Calls {@code operation}, expects an error of {@code type} whose body has exactly __type and message. */
  static void error(String operation, String body, String type) throws Exception {
    RawClient.Answer a = raw.call(operation, body);
    assertThat(a.status()).as("%s %s -> %s", operation, body, a.body()).isEqualTo(400);
    JsonNode json = a.json();
    List<String> members = new ArrayList<>();
    json.fieldNames().forEachRemaining(members::add);
    assertThat(members).as("error members of %s", a.body()).containsExactlyInAnyOrder("__type", "message");
    assertThat(json.get("__type").asText()).isEqualTo(type);
    assertThat(json.get("message").isTextual()).isTrue();
    assertThat(json.get("message").asText()).isNotBlank();
    assertThat(MODEL.shape(type)).as("%s is an ECS error shape", type).isPresent();
  }

  static ObjectNode fullTaskDefinition(String family) throws Exception {
    try (InputStream in = ResponseShapeIT.class.getResourceAsStream("/taskdefs/full.json")) {
      ObjectNode td = (ObjectNode) JSON.readTree(in);
      td.put("family", family);
      td.put("enableFaultInjection", false);
      ObjectNode app = (ObjectNode) td.withArray("containerDefinitions").get(0);
      app.putObject("restartPolicy").put("enabled", true).put("restartAttemptPeriod", 300)
          .putArray("ignoredExitCodes").add(0).add(137);
      app.put("versionConsistency", "enabled");
      app.putArray("credentialSpecs").add("credentialspecdomainless:arn:aws:s3:::bucket/spec.json");
      return td;
    }
  }

  @Test
  void clusterResponses() throws Exception {
    ok("CreateCluster", """
        {"clusterName":"shapes","tags":[{"key":"a","value":"b"}],
         "settings":[{"name":"containerInsights","value":"enabled"}],
         "configuration":{"executeCommandConfiguration":{"kmsKeyId":"k","logging":"OVERRIDE",
           "logConfiguration":{"cloudWatchLogGroupName":"g","cloudWatchEncryptionEnabled":true,
             "s3BucketName":"b","s3EncryptionEnabled":false,"s3KeyPrefix":"p"}}},
         "capacityProviders":["FARGATE","FARGATE_SPOT"],
         "defaultCapacityProviderStrategy":[{"capacityProvider":"FARGATE","weight":1,"base":1}]}""");
    ok("CreateCluster", "{\"clusterName\":\"plain\"}");
    ok("CreateCluster", "{}");
    JsonNode described = ok("DescribeClusters",
        "{\"clusters\":[\"shapes\",\"plain\",\"missing\"],\"include\":[\"ATTACHMENTS\",\"CONFIGURATIONS\",\"SETTINGS\",\"STATISTICS\",\"TAGS\"]}");
    assertThat(described.path("clusters")).hasSize(2);
    assertThat(described.path("failures")).hasSize(1);
    ok("DescribeClusters", "{}");
    JsonNode page = ok("ListClusters", "{\"maxResults\":1}");
    assertThat(page.path("nextToken").isTextual()).isTrue();
    ok("ListClusters", "{\"nextToken\":\"" + page.path("nextToken").asText() + "\"}");
    ok("UpdateCluster", "{\"cluster\":\"shapes\",\"settings\":[{\"name\":\"containerInsights\",\"value\":\"disabled\"}],"
        + "\"configuration\":{\"executeCommandConfiguration\":{\"logging\":\"NONE\"}}}");
    ok("UpdateClusterSettings", "{\"cluster\":\"shapes\",\"settings\":[{\"name\":\"containerInsights\",\"value\":\"enhanced\"}]}");
    ok("PutClusterCapacityProviders", "{\"cluster\":\"shapes\",\"capacityProviders\":[\"FARGATE_SPOT\"],"
        + "\"defaultCapacityProviderStrategy\":[{\"capacityProvider\":\"FARGATE_SPOT\",\"weight\":2}]}");
    ok("DeleteCluster", "{\"cluster\":\"plain\"}");
    ok("DescribeClusters", "{\"clusters\":[\"plain\"],\"include\":[\"TAGS\",\"STATISTICS\"]}");

    error("DeleteCluster", "{\"cluster\":\"plain\"}", "ClusterNotFoundException");
    error("CreateCluster", "{\"clusterName\":\"bad name\"}", "InvalidParameterException");
    error("DescribeClusters", "{\"include\":[\"NOPE\"]}", "InvalidParameterException");
  }

  @Test
  void taskDefinitionResponses() throws Exception {
    JsonNode registered = ok("RegisterTaskDefinition", fullTaskDefinition("shapes-full"));
    assertThat(registered.path("taskDefinition").path("registeredAt").isNumber()).isTrue();
    assertThat(registered.path("tags")).hasSize(2);
    ok("RegisterTaskDefinition", """
        {"family":"shapes-fargate","networkMode":"awsvpc","requiresCompatibilities":["FARGATE"],
         "cpu":"1 vCPU","memory":"2 GB","ephemeralStorage":{"sizeInGiB":30},
         "runtimePlatform":{"cpuArchitecture":"ARM64","operatingSystemFamily":"LINUX"},
         "executionRoleArn":"arn:aws:iam::000000000000:role/exec",
         "containerDefinitions":[{"name":"web","image":"nginx","portMappings":[{"containerPort":80}],
           "logConfiguration":{"logDriver":"awslogs","options":{"awslogs-group":"g"}}}]}""");
    ok("RegisterTaskDefinition", "{\"family\":\"shapes-fargate\",\"containerDefinitions\":[{\"name\":\"c\",\"image\":\"i\",\"memory\":8}]}");
    JsonNode described = ok("DescribeTaskDefinition", "{\"taskDefinition\":\"shapes-full:1\",\"include\":[\"TAGS\"]}");
    assertThat(described.path("tags")).hasSize(2);
    ok("DescribeTaskDefinition", "{\"taskDefinition\":\"shapes-fargate\"}");
    ok("ListTaskDefinitions", "{}");
    JsonNode page = ok("ListTaskDefinitions", "{\"maxResults\":1,\"sort\":\"DESC\"}");
    assertThat(page.path("nextToken").isTextual()).isTrue();
    ok("ListTaskDefinitions", "{\"familyPrefix\":\"shapes-fargate\",\"status\":\"INACTIVE\"}");
    ok("ListTaskDefinitionFamilies", "{\"familyPrefix\":\"shapes\"}");
    ok("ListTaskDefinitionFamilies", "{\"status\":\"ACTIVE\",\"maxResults\":1}");
    JsonNode deregistered = ok("DeregisterTaskDefinition", "{\"taskDefinition\":\"shapes-fargate:1\"}");
    assertThat(deregistered.path("taskDefinition").path("deregisteredAt").isNumber()).isTrue();
    JsonNode deleted = ok("DeleteTaskDefinitions", "{\"taskDefinitions\":[\"shapes-fargate:1\",\"shapes-fargate:2\",\"nope:1\"]}");
    assertThat(deleted.path("taskDefinitions")).hasSize(1);
    assertThat(deleted.path("failures")).hasSize(2);
    assertThat(deleted.path("taskDefinitions").get(0).path("deleteRequestedAt").isNumber()).isTrue();
    ok("DescribeTaskDefinition", "{\"taskDefinition\":\"shapes-fargate:1\"}");

    error("DescribeTaskDefinition", "{\"taskDefinition\":\"nope:1\"}", "ClientException");
    error("RegisterTaskDefinition", "{\"family\":\"x\",\"containerDefinitions\":[{\"name\":\"c\",\"memory\":8}]}", "ClientException");
    error("RegisterTaskDefinition", "{\"family\":\"x\",\"containerDefinitions\":[]}", "ClientException");
    error("ListTaskDefinitions", "{\"maxResults\":1000}", "InvalidParameterException");
  }

  @Test
  void tagAndSettingResponses() throws Exception {
    ok("CreateCluster", "{\"clusterName\":\"tag-shapes\"}");
    String arn = "arn:aws:ecs:us-east-1:" + GantryProcess.ACCOUNT + ":cluster/tag-shapes";
    ok("TagResource", "{\"resourceArn\":\"" + arn + "\",\"tags\":[{\"key\":\"a\",\"value\":\"1\"},{\"key\":\"b\"}]}");
    JsonNode tags = ok("ListTagsForResource", "{\"resourceArn\":\"" + arn + "\"}");
    assertThat(tags.path("tags")).hasSize(2);
    ok("UntagResource", "{\"resourceArn\":\"" + arn + "\",\"tagKeys\":[\"a\"]}");
    ok("ListTagsForResource", "{\"resourceArn\":\"" + arn + "\"}");

    ok("PutAccountSetting", "{\"name\":\"taskLongArnFormat\",\"value\":\"enabled\"}");
    ok("PutAccountSetting", "{\"name\":\"awsvpcTrunking\",\"value\":\"enabled\",\"principalArn\":\"arn:aws:iam::"
        + GantryProcess.ACCOUNT + ":role/deployer\"}");
    ok("PutAccountSettingDefault", "{\"name\":\"containerInsights\",\"value\":\"enabled\"}");
    ok("PutAccountSettingDefault", "{\"name\":\"fargateTaskRetirementWaitPeriod\",\"value\":\"14\"}");
    ok("ListAccountSettings", "{}");
    JsonNode effective = ok("ListAccountSettings", "{\"effectiveSettings\":true}");
    assertThat(effective.path("settings").size()).isBetween(1, 10);
    ok("ListAccountSettings", "{\"effectiveSettings\":true,\"maxResults\":2}");
    ok("ListAccountSettings", "{\"name\":\"containerInsights\",\"value\":\"enabled\",\"effectiveSettings\":true}");
    ok("DeleteAccountSetting", "{\"name\":\"taskLongArnFormat\"}");

    error("TagResource", "{\"resourceArn\":\"" + arn + "\",\"tags\":[{\"key\":\"aws:x\",\"value\":\"1\"}]}",
        "InvalidParameterException");
    error("ListTagsForResource", "{\"resourceArn\":\"arn:aws:ecs:us-east-1:" + GantryProcess.ACCOUNT + ":cluster/ghost\"}",
        "ClusterNotFoundException");
    error("PutAccountSetting", "{\"name\":\"nonsense\",\"value\":\"enabled\"}", "InvalidParameterException");
    error("DeleteAccountSetting", "{\"name\":\"taskLongArnFormat\"}", "InvalidParameterException");
  }

  @Test
  void instanceAndAttributeResponses() throws Exception {
    ok("CreateCluster", "{\"clusterName\":\"instance-shapes\"}");
    JsonNode registered = ok("RegisterContainerInstance", """
        {"cluster":"instance-shapes",
         "instanceIdentityDocument":"{\\"instanceId\\":\\"i-0123456789abcdef0\\",\\"region\\":\\"us-east-1\\"}",
         "totalResources":[
           {"name":"CPU","type":"INTEGER","integerValue":4096},
           {"name":"MEMORY","type":"INTEGER","integerValue":16384},
           {"name":"PORTS","type":"STRINGSET","stringSetValue":["22","2375","2376","51678"]},
           {"name":"PORTS_UDP","type":"STRINGSET","stringSetValue":[]}],
         "versionInfo":{"agentVersion":"1.80.0","agentHash":"abc123","dockerVersion":"DockerVersion: 24.0.5"},
         "attributes":[{"name":"ecs.os-type","value":"linux"},{"name":"ecs.capability.docker-remote-api.1.44"},
           {"name":"stack","value":"prod"}],
         "platformDevices":[{"id":"GPU-aaaa","type":"GPU"},{"id":"GPU-bbbb","type":"GPU"}],
         "tags":[{"key":"rack","value":"r1"}]}""");
    String instance = registered.path("containerInstance").path("containerInstanceArn").asText();
    assertThat(instance).contains(":container-instance/instance-shapes/");
    assertThat(registered.path("containerInstance").path("ec2InstanceId").asText()).isEqualTo("i-0123456789abcdef0");
    assertThat(registered.path("containerInstance").path("registeredAt").isNumber()).isTrue();

    ok("DescribeContainerInstances", "{\"cluster\":\"instance-shapes\",\"containerInstances\":[\"" + instance
        + "\",\"00000000000000000000000000000000\"],\"include\":[\"TAGS\",\"CONTAINER_INSTANCE_HEALTH\"]}");
    ok("ListContainerInstances", "{\"cluster\":\"instance-shapes\"}");
    ok("ListContainerInstances", "{\"cluster\":\"instance-shapes\",\"status\":\"DRAINING\",\"maxResults\":1}");
    ok("UpdateContainerInstancesState", "{\"cluster\":\"instance-shapes\",\"containerInstances\":[\"" + instance
        + "\",\"ffffffffffffffffffffffffffffffff\"],\"status\":\"DRAINING\"}");
    ok("PutAttributes", "{\"cluster\":\"instance-shapes\",\"attributes\":[{\"name\":\"zone\",\"value\":\"a\",\"targetId\":\""
        + instance + "\"},{\"name\":\"flag\",\"targetType\":\"container-instance\",\"targetId\":\"" + instance + "\"}]}");
    JsonNode listed = ok("ListAttributes", "{\"cluster\":\"instance-shapes\",\"targetType\":\"container-instance\"}");
    assertThat(listed.path("attributes").size()).isGreaterThanOrEqualTo(3);
    ok("ListAttributes", "{\"cluster\":\"instance-shapes\",\"targetType\":\"container-instance\",\"attributeName\":\"zone\","
        + "\"attributeValue\":\"a\",\"maxResults\":1}");
    ok("DeleteAttributes", "{\"cluster\":\"instance-shapes\",\"attributes\":[{\"name\":\"flag\",\"targetId\":\"" + instance + "\"}]}");
    ok("TagResource", "{\"resourceArn\":\"" + instance + "\",\"tags\":[{\"key\":\"row\",\"value\":\"3\"}]}");
    ok("ListTagsForResource", "{\"resourceArn\":\"" + instance + "\"}");
    ok("DeregisterContainerInstance", "{\"cluster\":\"instance-shapes\",\"containerInstance\":\"" + instance + "\",\"force\":true}");

    error("RegisterContainerInstance", "{\"cluster\":\"no-such-cluster\"}", "ClusterNotFoundException");
    error("PutAttributes", "{\"cluster\":\"instance-shapes\",\"attributes\":[{\"name\":\"zone\",\"value\":\"a\",\"targetId\":\""
        + instance + "\"}]}", "TargetNotFoundException");
    error("DescribeContainerInstances", "{\"cluster\":\"instance-shapes\",\"containerInstances\":[]}", "InvalidParameterException");
  }

  @Test
  void attributeLimitErrorHasTheEcsShape() throws Exception {
    ok("CreateCluster", "{\"clusterName\":\"limit-shapes\"}");
    String instance = ok("RegisterContainerInstance", "{\"cluster\":\"limit-shapes\"}")
        .path("containerInstance").path("containerInstanceArn").asText();
    ObjectNode body = JSON.createObjectNode().put("cluster", "limit-shapes");
    ArrayNode attributes = body.putArray("attributes");
    for (int i = 0; i < 10; i++) {
      attributes.addObject().put("name", "a" + i).put("targetId", instance);
    }
    ok("PutAttributes", body);
    error("PutAttributes", "{\"cluster\":\"limit-shapes\",\"attributes\":[{\"name\":\"eleventh\",\"targetId\":\"" + instance + "\"}]}",
        "AttributeLimitExceededException");
  }
}
