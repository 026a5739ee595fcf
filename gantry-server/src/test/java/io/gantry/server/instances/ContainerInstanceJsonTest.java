package io.gantry.server.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gantry.api.ecs.instance.RegisterContainerInstanceRequest;
import io.gantry.api.json.AwsJson;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.taskdef.Attribute;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerInstanceJsonTest {
  private final ObjectMapper mapper = AwsJson.mapper();

  @Test
  void anInstanceIsWrittenWithTheEcsMemberNamesOnly() throws Exception {
    EcsFixture ecs = new EcsFixture();
    ecs.createCluster("web");
    ContainerInstance ci = ecs.register("web", List.of(new Attribute("ecs.os-type", "linux", null, null)), null);

    JsonNode json = mapper.readTree(mapper.writeValueAsBytes(ci));

    assertThat(json.fieldNames()).toIterable().containsExactlyInAnyOrder("containerInstanceArn", "ec2InstanceId",
        "version", "versionInfo", "remainingResources", "registeredResources", "status", "agentConnected",
        "runningTasksCount", "pendingTasksCount", "attributes", "registeredAt", "attachments", "tags");
    assertThat(json.get("registeredAt").decimalValue()).isEqualByComparingTo("1735787045.678");
    assertThat(json.at("/registeredResources/0").toString())
        .isEqualTo("{\"name\":\"CPU\",\"type\":\"INTEGER\",\"integerValue\":2048}");
    assertThat(json.at("/attributes/0").toString()).isEqualTo("{\"name\":\"ecs.os-type\",\"value\":\"linux\"}");
    assertThat(mapper.readValue(mapper.writeValueAsBytes(ci), ContainerInstance.class)).isEqualTo(ci);
  }

  @Test
  void aRegisterRequestAsTheAgentSendsItDecodes() throws Exception {
    String body = """
        {"cluster":"web","totalResources":[{"name":"CPU","type":"INTEGER","integerValue":1024},
         {"name":"PORTS","type":"STRINGSET","stringSetValue":["22"]}],
         "versionInfo":{"agentVersion":"1.80.0","agentHash":"abc","dockerVersion":"DockerVersion: 24.0.7"},
         "attributes":[{"name":"ecs.capability.privileged-container"}],
         "platformDevices":[{"id":"GPU-1","type":"GPU"}],"tags":[{"key":"a","value":"b"}]}""";

    RegisterContainerInstanceRequest req = mapper.readValue(body, RegisterContainerInstanceRequest.class);

    assertThat(req.totalResources()).hasSize(2);
    assertThat(req.totalResources().get(1).stringSetValue()).containsExactly("22");
    assertThat(req.versionInfo().agentVersion()).isEqualTo("1.80.0");
    assertThat(req.attributes().get(0).value()).isNull();
    assertThat(req.platformDevices().get(0).type()).isEqualTo("GPU");
  }
}
