package io.gantry.server.instances;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.ecs.attributes.DeleteAttributesRequest;
import io.gantry.api.ecs.attributes.ListAttributesRequest;
import io.gantry.api.ecs.attributes.PutAttributesRequest;
import io.gantry.api.ecs.instance.DeregisterContainerInstanceRequest;
import io.gantry.api.ecs.instance.DescribeContainerInstancesRequest;
import io.gantry.api.ecs.instance.ListContainerInstancesRequest;
import io.gantry.api.ecs.instance.UpdateContainerInstancesStateRequest;
import io.gantry.api.json.AwsJson;
import io.gantry.api.model.ServiceModel;
import io.gantry.api.model.ShapeValidator;
import io.gantry.model.Tag;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.taskdef.Attribute;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every container instance and attribute response reads as its ECS output shape, as a strict SDK reads it. */
class OutputShapeTest {
  private static final ServiceModel MODEL = ServiceModel.ecs();
  private final EcsFixture ecs = new EcsFixture();

  @Test
  void responsesMatchTheEcsOutputShapes() {
    ecs.createCluster("web");
    ContainerInstance a = ecs.register("web", List.of(new Attribute("ecs.os-type", "linux", null, null)),
        List.of(new Tag("env", "dev")));
    String id = a.id();

    check("RegisterContainerInstance", new io.gantry.api.ecs.instance.ContainerInstanceResponse(a));
    check("DescribeContainerInstances", ecs.call("DescribeContainerInstances", new DescribeContainerInstancesRequest(
        "web", List.of(id, "missing"), List.of("TAGS", "CONTAINER_INSTANCE_HEALTH"))));
    check("ListContainerInstances", ecs.call("ListContainerInstances",
        new ListContainerInstancesRequest("web", null, null, 1, null)));
    check("UpdateContainerInstancesState", ecs.call("UpdateContainerInstancesState",
        new UpdateContainerInstancesStateRequest("web", List.of(id, "missing"), "DRAINING")));
    check("PutAttributes", ecs.call("PutAttributes", new PutAttributesRequest("web",
        List.of(new Attribute("stack", "prod", "container-instance", id)))));
    check("ListAttributes", ecs.call("ListAttributes",
        new ListAttributesRequest("web", "container-instance", null, null, null, 1)));
    check("DeleteAttributes", ecs.call("DeleteAttributes", new DeleteAttributesRequest("web",
        List.of(new Attribute("stack", null, "container-instance", id)))));
    check("DeregisterContainerInstance", ecs.call("DeregisterContainerInstance",
        new DeregisterContainerInstanceRequest("web", id, false)));
  }

  private static void check(String operation, Object response) {
    JsonNode json = AwsJson.mapper().valueToTree(response);
    assertThat(ShapeValidator.forOutput().validate(MODEL.outputShape(operation).orElseThrow(), json))
        .as(operation + " " + json).isEmpty();
  }
}
