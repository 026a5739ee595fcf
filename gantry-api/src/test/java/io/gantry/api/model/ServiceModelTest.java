package io.gantry.api.model;

import static io.gantry.api.model.EcsSamples.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.ecs.EcsOperations;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServiceModelTest {
  private final ServiceModel model = ServiceModel.ecs();

  @Test
  void bundledModelHasEveryEcsOperation() {
    assertThat(model.operations()).hasSize(77);
    assertThat(model.operations().keySet()).containsExactlyInAnyOrderElementsOf(EcsOperations.ALL);
    assertThat(model.apiVersion()).isEqualTo("2014-11-13");
    assertThat(model.targetPrefix()).isEqualTo(EcsOperations.TARGET_PREFIX);
  }

  @Test
  void bundledModelIsLoadedOnce() {
    assertThat(ServiceModel.ecs()).isSameAs(model);
  }

  @Test
  void operationNamesItsShapes() {
    Operation op = model.operation("RegisterTaskDefinition").orElseThrow();
    assertThat(op.inputShape()).contains("RegisterTaskDefinitionRequest");
    assertThat(op.outputShape()).contains("RegisterTaskDefinitionResponse");
    assertThat(op.errorShapes()).contains("ClientException", "InvalidParameterException", "ServerException");
    assertThat(model.inputShape("RegisterTaskDefinition").map(Shape::name)).contains("RegisterTaskDefinitionRequest");
    assertThat(model.outputShape("CreateCluster").map(Shape::name)).contains("CreateClusterResponse");
    assertThat(model.inputShape("NoSuchOperation")).isEmpty();
  }

  @Test
  void everyOperationShapeAndMemberTargetResolves() {
    for (Operation op : model.operations().values()) {
      assertThat(model.inputShape(op.name())).as(op.name()).isPresent();
      assertThat(model.outputShape(op.name())).as(op.name()).isPresent();
      for (String error : op.errorShapes()) {
        assertThat(model.shape(error).map(Shape::isException)).as(error).contains(true);
      }
    }
    for (Shape shape : model.shapes().values()) {
      for (Member member : shape.members().values()) {
        assertThat(model.shape(member.target().name())).containsSame(member.target());
      }
    }
  }

  @Test
  void structureShapesKnowTheirMembersAndRequiredOnes() {
    Shape request = model.shape("RegisterTaskDefinitionRequest").orElseThrow();
    assertThat(request.type()).isEqualTo(ShapeType.STRUCTURE);
    assertThat(request.required()).containsExactly("family", "containerDefinitions");
    assertThat(request.member("family").map(Member::required)).contains(true);
    assertThat(request.member("networkMode").map(Member::required)).contains(false);
    Shape containers = request.member("containerDefinitions").orElseThrow().target();
    assertThat(containers.type()).isEqualTo(ShapeType.LIST);
    assertThat(containers.listMember().name()).isEqualTo("ContainerDefinition");
    assertThat(request.member("nope")).isEmpty();
  }

  @Test
  void scalarShapesKnowEnumsAndLimits() {
    assertThat(model.shape("NetworkMode").orElseThrow().enumValues()).containsExactly("bridge", "host", "awsvpc", "none");
    Shape tags = model.shape("Tags").orElseThrow();
    assertThat(tags.min()).hasValue(0);
    assertThat(tags.max()).hasValue(50);
    Shape port = model.shape("PortNumber").orElseThrow();
    assertThat(port.type()).isEqualTo(ShapeType.INTEGER);
    assertThat(port.max()).hasValue(65535);
    Shape string = model.shape("String").orElseThrow();
    assertThat(string.min()).isEmpty();
    assertThat(string.enumValues()).isEmpty();
    assertThat(model.shape("Timestamp").map(Shape::type)).contains(ShapeType.TIMESTAMP);
    assertThat(model.shape("Long").map(Shape::type)).contains(ShapeType.LONG);
    assertThat(model.shape("BoxedDouble").map(Shape::type)).contains(ShapeType.DOUBLE);
  }

  @Test
  void mapAndDocumentShapes() {
    Shape labels = model.shape("DockerLabelsMap").orElseThrow();
    assertThat(labels.mapKey().name()).isEqualTo("String");
    assertThat(labels.mapValue().name()).isEqualTo("String");
    assertThat(model.shape("HookDetails").map(Shape::isDocument)).contains(true);
    assertThatThrownBy(labels::listMember).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void modelIsUnmodifiable() {
    assertThatThrownBy(() -> model.operations().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> model.shapes().clear()).isInstanceOf(UnsupportedOperationException.class);
    Shape request = model.shape("CreateClusterRequest").orElseThrow();
    assertThatThrownBy(() -> request.members().clear()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> request.required().clear()).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void smallModelsMayReferToShapesDeclaredLaterOrToThemselves() {
    ServiceModel small = ServiceModel.fromJson(json("""
        {"operations": {"Put": {"name": "Put", "input": {"shape": "Node"}, "errors": []}},
         "shapes": {
           "Node": {"type": "structure", "required": ["id"], "members": {"id": {"shape": "Id"}, "children": {"shape": "Nodes"}}},
           "Nodes": {"type": "list", "member": {"shape": "Node"}},
           "Id": {"type": "string", "min": 1}
         }}
        """));
    Shape node = small.shape("Node").orElseThrow();
    assertThat(node.member("children").orElseThrow().target().listMember()).isSameAs(node);
    assertThat(small.operation("Put").map(Operation::outputShape)).contains(Optional.empty());
    assertThat(small.apiVersion()).isEmpty();
  }

  @Test
  void malformedModelsAreRejectedWithTheShapeNamed() {
    List.of(
            """
            {"operations": {}, "shapes": {"A": {"type": "structure", "members": {"b": {"shape": "Missing"}}}}}
            """,
            """
            {"operations": {}, "shapes": {"A": {"type": "bigDecimal"}}}
            """,
            """
            {"operations": {}, "shapes": {"A": {"type": "structure", "required": ["x"], "members": {}}}}
            """,
            """
            {"operations": {"Op": {"input": {"shape": "Nope"}}}, "shapes": {}}
            """,
            """
            {"shapes": {}}
            """)
        .forEach(text -> assertThatThrownBy(() -> ServiceModel.fromJson(json(text)))
            .as(text)
            .isInstanceOf(IllegalArgumentException.class));
  }
}
