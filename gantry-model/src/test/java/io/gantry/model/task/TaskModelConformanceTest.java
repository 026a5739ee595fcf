package io.gantry.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each record of this package has exactly the members of the ECS shape of the same name, each of
 * the Java type that shape member has on the wire, and the enums list the model's values. Reads
 * the ECS model that gantry-api serves (Maven runs tests from the module directory).
 */
class TaskModelConformanceTest {
  private static final Path MODEL = Path.of("../gantry-api/src/main/resources/io/gantry/api/model/ecs-2014-11-13.json");

  static Stream<Class<?>> records() {
    return Stream.of(Task.class, Container.class, NetworkBinding.class, NetworkInterface.class, ManagedAgent.class,
        TaskOverride.class, ContainerOverride.class, InferenceAcceleratorOverride.class, TaskEphemeralStorage.class);
  }

  private static JsonNode shapes;

  private static synchronized JsonNode shapes() throws IOException {
    if (shapes == null) {
      assertThat(MODEL).as("ECS model (run from the gantry-model directory)").isReadable();
      shapes = new ObjectMapper().readTree(Files.readString(MODEL)).path("shapes");
    }
    return shapes;
  }

  @ParameterizedTest
  @MethodSource("records")
  void recordHasTheMembersOfItsShape(Class<?> record) throws IOException {
    JsonNode shape = shapes().path(record.getSimpleName());
    assertThat(shape.path("type").asText()).as("shape %s", record.getSimpleName()).isEqualTo("structure");
    Set<String> members = new TreeSet<>();
    for (Iterator<String> it = shape.path("members").fieldNames(); it.hasNext(); ) {
      members.add(it.next());
    }
    Set<String> components = Arrays.stream(record.getRecordComponents())
        .map(RecordComponent::getName)
        .collect(Collectors.toCollection(TreeSet::new));
    assertThat(components).isEqualTo(members);
  }

  @ParameterizedTest
  @MethodSource("records")
  void componentTypesMatchTheWireTypes(Class<?> record) throws IOException {
    JsonNode members = shapes().path(record.getSimpleName()).path("members");
    TreeMap<String, String> expected = new TreeMap<>();
    TreeMap<String, String> actual = new TreeMap<>();
    for (RecordComponent component : record.getRecordComponents()) {
      expected.put(component.getName(), javaType(members.path(component.getName()).path("shape").asText()));
      actual.put(component.getName(), typeName(component.getGenericType()));
    }
    assertThat(actual).isEqualTo(expected);
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

  @Test
  void enumsListTheModelValues() throws IOException {
    assertThat(Arrays.stream(TaskStopCode.values()).map(TaskStopCode::wireName)).containsExactlyElementsOf(enumOf("TaskStopCode"));
    assertThat(Arrays.stream(HealthStatus.values()).map(Enum::name)).containsExactlyElementsOf(enumOf("HealthStatus"));
    assertThat(DesiredStatus.LIST_TASKS_FILTER).containsExactlyElementsOf(enumOf("DesiredStatus"));
    assertThat(enumOf("DesiredStatus")).containsAll(Arrays.stream(DesiredStatus.values()).map(Enum::name).toList());
    assertThat(TaskEnums.LAUNCH_TYPE).containsExactlyElementsOf(enumOf("LaunchType"));
    assertThat(TaskEnums.CONNECTIVITY).containsExactlyElementsOf(enumOf("Connectivity"));
    assertThat(TaskEnums.MANAGED_AGENT_NAME).containsExactlyElementsOf(enumOf("ManagedAgentName"));
    assertThat(TaskEnums.TASK_FIELD).containsExactlyElementsOf(enumOf("TaskField"));
    assertThat(TaskEnums.TRANSPORT_PROTOCOL).containsExactlyElementsOf(enumOf("TransportProtocol"));
  }

  private static List<String> enumOf(String shape) throws IOException {
    JsonNode values = shapes().path(shape).path("enum");
    assertThat(values.isArray()).as("enum shape %s", shape).isTrue();
    return Stream.iterate(0, i -> i < values.size(), i -> i + 1).map(i -> values.get(i).asText()).toList();
  }

  /** The Java type a member of this model shape has in a record, e.g. {@code List<Container>}. */
  private static String javaType(String shapeName) throws IOException {
    JsonNode shape = shapes().path(shapeName);
    return switch (shape.path("type").asText()) {
      case "string" -> "String";
      case "integer" -> "Integer";
      case "long" -> "Long";
      case "boolean" -> "Boolean";
      case "timestamp" -> "Instant";
      case "structure" -> shapeName;
      case "list" -> "List<" + javaType(shape.path("member").path("shape").asText()) + ">";
      default -> throw new AssertionError("no Java type for shape " + shapeName);
    };
  }

  private static String typeName(Type type) {
    if (type instanceof ParameterizedType parameterized) {
      return ((Class<?>) parameterized.getRawType()).getSimpleName() + Arrays.stream(parameterized.getActualTypeArguments())
          .map(TaskModelConformanceTest::typeName)
          .collect(Collectors.joining(", ", "<", ">"));
    }
    Class<?> type1 = (Class<?>) type;
    return type1 == Instant.class ? "Instant" : type1.getSimpleName();
  }
}
