package io.gantry.model.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.taskdef.Attribute;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InstanceAttributesTest {

  @Test
  void builtInAttributesAreTheEcsNamespaces() {
    assertThat(InstanceAttributes.builtIn("ecs.os-type")).isTrue();
    assertThat(InstanceAttributes.builtIn("com.amazonaws.ecs.capability.docker-remote-api.1.17")).isTrue();
    assertThat(InstanceAttributes.builtIn("ecsy")).isFalse();
    assertThat(InstanceAttributes.builtIn("stack")).isFalse();
  }

  @Test
  void namesAndValuesFollowTheEcsCharacterRules() {
    assertThatCode(() -> InstanceAttributes.validate(new Attribute("a-b_c/d\\e.F9", "x@y:z/w v.1-_\\", null, null)))
        .doesNotThrowAnyException();
    assertThatCode(() -> InstanceAttributes.validate(new Attribute("n".repeat(128), "v".repeat(128), null, null)))
        .doesNotThrowAnyException();
    assertThatCode(() -> InstanceAttributes.validate(new Attribute("flag", null, null, null))).doesNotThrowAnyException();
    for (Attribute bad : List.of(
        new Attribute("", null, null, null),
        new Attribute("n".repeat(129), null, null, null),
        new Attribute("has space", null, null, null),
        new Attribute("at@sign", null, null, null),
        new Attribute("colon:", null, null, null),
        new Attribute("ok", "", null, null),
        new Attribute("ok", "v".repeat(129), null, null),
        new Attribute("ok", " leading", null, null),
        new Attribute("ok", "trailing ", null, null),
        new Attribute("ok", "comma,", null, null))) {
      EcsException e = catchThrowableOfType(EcsException.class, () -> InstanceAttributes.validate(bad));
      assertThat(e).as(bad.toString()).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }
  }

  @Test
  void putReplacesInPlaceAppendsNewOnesAndStoresNameAndValueOnly() {
    List<Attribute> existing = List.of(new Attribute("ecs.os-type", "linux", null, null), new Attribute("a", "1", null, null));

    List<Attribute> next = InstanceAttributes.put(existing,
        List.of(new Attribute("a", "2", "container-instance", "id"), new Attribute("b", null, "container-instance", "id")));

    assertThat(next).containsExactly(new Attribute("ecs.os-type", "linux", null, null), new Attribute("a", "2", null, null),
        new Attribute("b", null, null, null));
  }

  @Test
  void onlyCustomAttributesCountTowardsTheLimit() {
    List<Attribute> ten = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      ten.add(new Attribute("c" + i, null, null, null));
    }
    List<Attribute> full = InstanceAttributes.put(List.of(), ten);
    assertThat(InstanceAttributes.put(full, List.of(new Attribute("ecs.more", "x", null, null)))).hasSize(11);

    EcsException e = catchThrowableOfType(EcsException.class,
        () -> InstanceAttributes.put(full, List.of(new Attribute("c10", null, null, null))));
    assertThat(e.code()).isEqualTo(ErrorCode.ATTRIBUTE_LIMIT_EXCEEDED);
  }

  @Test
  void aRemovalMatchesByNameAndByValueWhenItHasOne() {
    Attribute stored = new Attribute("stack", "prod", null, null);
    assertThat(InstanceAttributes.matches(stored, new Attribute("stack", null, null, null))).isTrue();
    assertThat(InstanceAttributes.matches(stored, new Attribute("stack", "prod", null, null))).isTrue();
    assertThat(InstanceAttributes.matches(stored, new Attribute("stack", "dev", null, null))).isFalse();
    assertThat(InstanceAttributes.matches(stored, new Attribute("other", null, null, null))).isFalse();
  }
}
