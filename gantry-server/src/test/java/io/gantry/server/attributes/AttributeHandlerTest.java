package io.gantry.server.attributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gantry.api.ecs.attributes.AttributesResponse;
import io.gantry.api.ecs.attributes.DeleteAttributesRequest;
import io.gantry.api.ecs.attributes.ListAttributesRequest;
import io.gantry.api.ecs.attributes.ListAttributesResponse;
import io.gantry.api.ecs.attributes.PutAttributesRequest;
import io.gantry.api.ecs.instance.ContainerInstancesResponse;
import io.gantry.api.ecs.instance.DescribeContainerInstancesRequest;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.taskdef.Attribute;
import io.gantry.server.instances.EcsFixture;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AttributeHandlerTest {
  private static final String TYPE = "container-instance";
  private EcsFixture ecs;
  private ContainerInstance a;
  private ContainerInstance b;

  @BeforeEach
  void setUp() {
    ecs = new EcsFixture();
    ecs.createCluster("web");
    a = ecs.register("web");
    b = ecs.register("web");
  }

  @Test
  void putAddsAndReplacesAttributesOnTheInstanceRecord() {
    AttributesResponse r = put(new Attribute("stack", "prod", null, a.containerInstanceArn()),
        new Attribute("zone", "rack-1", TYPE, b.id()));

    assertThat(r.attributes()).containsExactly(
        new Attribute("stack", "prod", TYPE, a.containerInstanceArn()),
        new Attribute("zone", "rack-1", TYPE, b.containerInstanceArn()));
    put(new Attribute("stack", "staging", TYPE, a.id()));

    ContainerInstance shown = describe(a);
    assertThat(shown.attributes()).containsExactly(
        new Attribute("ecs.os-type", "linux", null, null), new Attribute("stack", "staging", null, null));
    assertThat(shown.version()).isEqualTo(3L);
  }

  @Test
  void listReturnsEveryAttributeOfEveryInstanceWithItsTarget() {
    put(new Attribute("stack", "prod", TYPE, a.id()), new Attribute("stack", "dev", TYPE, b.id()),
        new Attribute("gpu", null, TYPE, b.id()));

    List<Attribute> all = list(null, null);
    assertThat(all).hasSize(5).allSatisfy(attr -> assertThat(attr.targetId()).isIn(a.containerInstanceArn(), b.containerInstanceArn()));
    assertThat(list("stack", null)).extracting(Attribute::value).containsExactlyInAnyOrder("prod", "dev");
    assertThat(list("stack", "prod")).containsExactly(new Attribute("stack", "prod", null, a.containerInstanceArn()));
    assertThat(list("ecs.os-type", "linux")).hasSize(2);
    assertThat(list("missing", null)).isEmpty();
  }

  @Test
  void listPages() {
    put(new Attribute("stack", "prod", TYPE, a.id()), new Attribute("stack", "dev", TYPE, b.id()));
    List<Attribute> seen = new ArrayList<>();
    String token = null;
    do {
      ListAttributesResponse page = ecs.call("ListAttributes", new ListAttributesRequest("web", TYPE, null, null, token, 1));
      assertThat(page.attributes()).hasSize(1);
      seen.addAll(page.attributes());
      token = page.nextToken();
    } while (token != null);
    assertThat(seen).containsExactlyInAnyOrderElementsOf(list(null, null)).hasSize(4);
  }

  @Test
  void listValidatesItsInput() {
    assertThat(code(() -> ecs.call("ListAttributes", new ListAttributesRequest("web", null, null, null, null, null))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("ListAttributes", new ListAttributesRequest("web", "task", null, null, null, null))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("ListAttributes", new ListAttributesRequest("web", TYPE, null, "prod", null, null))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("ListAttributes", new ListAttributesRequest("web", TYPE, null, null, null, 0))))
        .isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> ecs.call("ListAttributes", new ListAttributesRequest("nope", TYPE, null, null, null, null))))
        .isEqualTo(ErrorCode.CLUSTER_NOT_FOUND);
  }

  @Test
  void deleteRemovesByNameAndOptionallyValueAndReturnsWhatItRemoved() {
    put(new Attribute("stack", "prod", TYPE, a.id()), new Attribute("team", "blue", TYPE, a.id()));

    AttributesResponse wrongValue = delete(new Attribute("stack", "dev", TYPE, a.id()));
    assertThat(wrongValue.attributes()).isEmpty();
    AttributesResponse r = delete(new Attribute("stack", "prod", TYPE, a.id()), new Attribute("team", null, null, a.containerInstanceArn()),
        new Attribute("never-set", null, TYPE, a.id()));

    assertThat(r.attributes()).containsExactly(
        new Attribute("stack", "prod", TYPE, a.containerInstanceArn()),
        new Attribute("team", "blue", TYPE, a.containerInstanceArn()));
    assertThat(describe(a).attributes()).extracting(Attribute::name).containsExactly("ecs.os-type");
  }

  @Test
  void aResourceHoldsAtMostTenCustomAttributes() {
    put(IntStream.range(0, 10).mapToObj(i -> new Attribute("custom" + i, "v", TYPE, a.id())).toArray(Attribute[]::new));
    put(new Attribute("custom3", "replaced", TYPE, a.id()), new Attribute("ecs.extra", "builtin", TYPE, a.id()));

    EcsException e = catchThrowableOfType(EcsException.class, () -> put(new Attribute("custom10", "v", TYPE, a.id())));

    assertThat(e.code()).isEqualTo(ErrorCode.ATTRIBUTE_LIMIT_EXCEEDED);
    assertThat(e.getMessage()).startsWith("You can apply up to 10 custom attributes for each resource.");
    assertThat(describe(a).attributes()).hasSize(12);
    delete(new Attribute("custom0", null, TYPE, a.id()));
    put(new Attribute("custom10", "v", TYPE, a.id()));
  }

  @Test
  void aFailedPutChangesNoTarget() {
    put(IntStream.range(0, 10).mapToObj(i -> new Attribute("custom" + i, "v", TYPE, b.id())).toArray(Attribute[]::new));

    assertThat(code(() -> put(new Attribute("ok", "v", TYPE, a.id()), new Attribute("one-too-many", "v", TYPE, b.id()))))
        .isEqualTo(ErrorCode.ATTRIBUTE_LIMIT_EXCEEDED);

    assertThat(describe(a).attributes()).extracting(Attribute::name).containsExactly("ecs.os-type");
  }

  @Test
  void missingTargetsAreTargetNotFound() {
    EcsException e = catchThrowableOfType(EcsException.class,
        () -> put(new Attribute("stack", "prod", TYPE, "0123456789abcdef0123456789abcdef")));
    assertThat(e.code()).isEqualTo(ErrorCode.TARGET_NOT_FOUND);
    assertThat(e.getMessage()).startsWith("The specified target wasn't found.");

    ecs.createCluster("other");
    assertThat(code(() -> ecs.call("PutAttributes", new PutAttributesRequest("other",
        List.of(new Attribute("stack", "prod", null, a.containerInstanceArn())))))).isEqualTo(ErrorCode.TARGET_NOT_FOUND);
    assertThat(code(() -> delete(new Attribute("stack", null, TYPE, "ffffffffffffffffffffffffffffffff"))))
        .isEqualTo(ErrorCode.TARGET_NOT_FOUND);
    assertThat(code(() -> ecs.call("PutAttributes", new PutAttributesRequest("nope",
        List.of(new Attribute("stack", "prod", TYPE, a.id())))))).isEqualTo(ErrorCode.CLUSTER_NOT_FOUND);
  }

  @Test
  void putValidatesNamesValuesTargetsAndCount() {
    assertThat(code(() -> put(new Attribute("bad@name", "v", TYPE, a.id())))).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> put(new Attribute("x".repeat(129), "v", TYPE, a.id())))).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> put(new Attribute("name", " padded", TYPE, a.id())))).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> put(new Attribute("name", "v".repeat(129), TYPE, a.id())))).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> put(new Attribute("name", "v", null, a.id())))).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> put(new Attribute("name", "v", TYPE, null)))).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> put(IntStream.range(0, 11).mapToObj(i -> new Attribute("n" + i, "v", TYPE, a.id()))
        .toArray(Attribute[]::new)))).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(code(() -> put())).isEqualTo(ErrorCode.INVALID_PARAMETER);

    put(new Attribute("a-b_c/d\\e.f", "x@y:z/w v", TYPE, a.id()));
  }

  private AttributesResponse put(Attribute... attributes) {
    return ecs.call("PutAttributes", new PutAttributesRequest("web", List.of(attributes)));
  }

  private AttributesResponse delete(Attribute... attributes) {
    return ecs.call("DeleteAttributes", new DeleteAttributesRequest("web", List.of(attributes)));
  }

  private List<Attribute> list(String name, String value) {
    ListAttributesResponse r = ecs.call("ListAttributes", new ListAttributesRequest("web", TYPE, name, value, null, null));
    return r.attributes();
  }

  private ContainerInstance describe(ContainerInstance instance) {
    ContainerInstancesResponse r = ecs.call("DescribeContainerInstances",
        new DescribeContainerInstancesRequest("web", List.of(instance.id()), null));
    return r.containerInstances().get(0);
  }

  private static ErrorCode code(ThrowingCallable call) {
    return catchThrowableOfType(EcsException.class, call).code();
  }
}
