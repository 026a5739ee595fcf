package io.gantry.model.taskdef;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each record of this package has exactly the members of the ECS shape of the same name, so
 * nothing a user registers is dropped. Reads the botocore model when it is present (set
 * {@code GANTRY_ECS_MODEL} or keep the shared checkout), and is skipped otherwise.
 */
class ModelConformanceTest {
  /** The ECS model bundled in gantry-api (Maven runs tests from the module directory). */
  private static final Path MODEL = Path.of("../gantry-api/src/main/resources/io/gantry/api/model/ecs-2014-11-13.json");

  static Stream<Class<?>> records() {
    return Stream.of(TaskDefinition.class, ContainerDefinition.class, PortMapping.class, EnvironmentFile.class,
        MountPoint.class, VolumeFrom.class, LinuxParameters.class, KernelCapabilities.class, Device.class, Tmpfs.class,
        Secret.class, ContainerDependency.class, HostEntry.class, Ulimit.class, LogConfiguration.class, HealthCheck.class,
        SystemControl.class, ResourceRequirement.class, FirelensConfiguration.class, RepositoryCredentials.class,
        ContainerRestartPolicy.class, Volume.class, HostVolumeProperties.class, DockerVolumeConfiguration.class,
        EFSVolumeConfiguration.class, EFSAuthorizationConfig.class, FSxWindowsFileServerVolumeConfiguration.class,
        FSxWindowsFileServerAuthorizationConfig.class, S3FilesVolumeConfiguration.class,
        TaskDefinitionPlacementConstraint.class, RuntimePlatform.class, InferenceAccelerator.class,
        ProxyConfiguration.class, EphemeralStorage.class, Attribute.class);
  }

  private static JsonNode shapes;

  private static synchronized JsonNode shapes() throws IOException {
    if (shapes == null) {
      shapes = new ObjectMapper().readTree(MODEL.toFile()).path("shapes");
    }
    return shapes;
  }

  @ParameterizedTest
  @MethodSource("records")
  void recordHasTheMembersOfItsShape(Class<?> record) throws IOException {
    assertThat(Files.isReadable(MODEL)).as("the bundled ECS model at " + MODEL.toAbsolutePath()).isTrue();
    JsonNode shape = shapes().path(record.getSimpleName());
    assertThat(shape.isMissingNode()).as("shape %s", record.getSimpleName()).isFalse();
    Set<String> members = new TreeSet<>();
    for (Iterator<String> it = shape.path("members").fieldNames(); it.hasNext(); ) {
      members.add(it.next());
    }
    Set<String> components = new TreeSet<>();
    Arrays.stream(record.getRecordComponents()).forEach(c -> components.add(c.getName()));
    assertThat(components).isEqualTo(members);
  }

  @ParameterizedTest
  @MethodSource("records")
  void recordSerialisesOnlyItsComponents(Class<?> record) throws Exception {
    // With getter detection on (as on the wire), a helper named like a getter would add a member.
    Class<?>[] types = Arrays.stream(record.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Object empty = record.getDeclaredConstructor(types).newInstance(new Object[types.length]);
    ObjectMapper mapper = JsonMapper.builder().serializationInclusion(JsonInclude.Include.NON_NULL).build();
    assertThat(mapper.writeValueAsString(empty)).isEqualTo("{}");
  }
}
