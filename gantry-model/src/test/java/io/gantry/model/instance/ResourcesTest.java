package io.gantry.model.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {

  @Test
  void validResourcesPass() {
    List<Resource> ok = List.of(Resource.ofInteger("CPU", 1024), Resource.ofLong("MEMORY", 2048),
        Resource.ofDouble("NET", 1.5), Resource.ofStringSet("PORTS", List.of("22")));
    assertThat(Resources.validate(ok)).isEqualTo(ok);
    assertThat(Resources.validate(null)).isEmpty();
  }

  @Test
  void malformedResourcesAreInvalidParameters() {
    for (List<Resource> bad : List.of(
        List.of(new Resource(null, "INTEGER", null, null, 1, null)),
        List.of(new Resource("CPU", "FLOAT", 1.0, null, null, null)),
        List.of(new Resource("CPU", null, null, null, 1, null)),
        List.of(new Resource("CPU", "INTEGER", null, 5L, null, null)),
        List.of(Resource.ofInteger("CPU", -1)),
        List.of(Resource.ofDouble("X", Double.NaN)),
        List.of(Resource.ofInteger("CPU", 1), Resource.ofInteger("CPU", 2)),
        Arrays.asList((Resource) null))) {
      EcsException e = catchThrowableOfType(EcsException.class, () -> Resources.validate(bad));
      assertThat(e).as(String.valueOf(bad)).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }
  }
}
