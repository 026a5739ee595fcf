package io.gantry.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ModelInputValidatorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ModelInputValidator VALIDATOR = new ModelInputValidator();

  private static final String TASK_DEFINITION = """
      {"family": "web", "networkMode": "bridge",
       "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128,
         "portMappings": [{"containerPort": 80, "hostPort": 8080, "protocol": "tcp"}]}],
       "tags": [{"key": "team", "value": "platform"}]}
      """;

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EcsException rejection(String operation, String input) {
    EcsException e = catchThrowableOfType(EcsException.class, () -> VALIDATOR.validate(operation, json(input)));
    assertThat(e).as("%s should be rejected", input).isNotNull();
    return e;
  }

  @Test
  void acceptsValidInputAndIgnoresUnknownMembers() {
    assertThatCode(() -> VALIDATOR.validate("RegisterTaskDefinition", json(TASK_DEFINITION))).doesNotThrowAnyException();
    assertThatCode(() -> VALIDATOR.validate("CreateCluster", json("{\"clusterName\": \"a\", \"futureMember\": [1]}")))
        .doesNotThrowAnyException();
    assertThatCode(() -> VALIDATOR.validate("ListClusters", json("{}"))).doesNotThrowAnyException();
  }

  @Test
  void ignoresOperationsTheModelDoesNotKnow() {
    assertThatCode(() -> VALIDATOR.validate("NoSuchOperation", json("{\"x\": 1}"))).doesNotThrowAnyException();
  }

  @Test
  void wrongJsonTypeIsASerializationException() {
    EcsException e = rejection("RegisterTaskDefinition", TASK_DEFINITION.replace("\"containerPort\": 80", "\"containerPort\": \"80\""));
    assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
    assertThat(e.getMessage())
        .isEqualTo("Invalid type for 'containerDefinitions[0].portMappings[0].containerPort': expected an integer (32-bit), found a string.");
  }

  @Test
  void objectWhereAStringBelongsIsASerializationException() {
    EcsException e = rejection("CreateCluster", "{\"clusterName\": {\"name\": \"a\"}}");
    assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
    assertThat(e.getMessage()).contains("'clusterName'", "expected a string, found an object");
  }

  @Test
  void aTypeErrorWinsOverAnEarlierMissingMember() {
    EcsException e = rejection("RegisterTaskDefinition", "{\"containerDefinitions\": [{\"name\": \"a\"}], \"networkMode\": 1}");
    assertThat(e.code()).isEqualTo(ErrorCode.SERIALIZATION);
    assertThat(e.getMessage()).contains("'networkMode'");
  }

  @Test
  void missingRequiredMemberIsInvalidParameterForMostOperations() {
    EcsException e = rejection("CreateService", "{\"cluster\": \"prod\", \"taskDefinition\": \"web\"}");
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(e.getMessage()).isEqualTo("Missing required member 'serviceName'.");

    EcsException nested = rejection("RunTask", """
        {"taskDefinition": "web", "overrides": {"containerOverrides": [{"name": "app", "environmentFiles": [{"type": "s3"}]}]}}
        """);
    assertThat(nested.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(nested.getMessage()).contains("'overrides.containerOverrides[0].environmentFiles[0].value'");
  }

  @Test
  void missingRequiredMemberOfATaskDefinitionIsAClientException() {
    EcsException e = rejection("RegisterTaskDefinition", TASK_DEFINITION.replace("\"family\": \"web\",", ""));
    assertThat(e.code()).isEqualTo(ErrorCode.CLIENT);
    assertThat(e.getMessage()).isEqualTo("Missing required member 'family'.");

    EcsException nullMember = rejection("RegisterTaskDefinition", "{\"family\": \"web\", \"containerDefinitions\": null}");
    assertThat(nullMember.code()).isEqualTo(ErrorCode.CLIENT);
    assertThat(nullMember.getMessage()).contains("'containerDefinitions'");
  }

  @Test
  void valueOutsideAnEnumIsInvalidParameter() {
    EcsException e = rejection("RegisterTaskDefinition", TASK_DEFINITION.replace("\"bridge\"", "\"foo\""));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(e.getMessage()).isEqualTo("Invalid value for 'networkMode': 'foo'. Valid values: bridge, host, awsvpc, none.");
  }

  @Test
  void numberOutOfRangeIsInvalidParameter() {
    EcsException e = rejection("CreateCluster", """
        {"defaultCapacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1001}]}
        """);
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(e.getMessage()).contains("'defaultCapacityProviderStrategy[0].weight'", "maximum of 1000");
  }

  @Test
  void lengthOutsideTheLimitsIsInvalidParameter() {
    EcsException key = rejection("TagResource", "{\"resourceArn\": \"arn\", \"tags\": [{\"key\": \"" + "k".repeat(129) + "\"}]}");
    assertThat(key.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(key.getMessage()).contains("'tags[0].key'", "maximum of 128");

    EcsException empty = rejection("TagResource", "{\"resourceArn\": \"arn\", \"tags\": [{\"key\": \"\"}]}");
    assertThat(empty.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(empty.getMessage()).contains("'tags[0].key'", "minimum of 1");
  }
}
