package io.gantry.model.taskdef;

import io.gantry.model.EcsException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * RegisterTaskDefinition's decision, without effects: validates a definition as ECS does and
 * returns it the way ECS stores it, with defaults filled in, the task size normalised, and
 * {@code compatibilities} and {@code requiresAttributes} computed. Identity and status (ARN,
 * revision, status, registration time) are left to the caller, which owns the revision counter.
 * Pure and thread-safe.
 */
public final class TaskDefinitionRegistration {
  private TaskDefinitionRegistration() {}

  /**
   * @param draft the definition as the user registers it ({@link TaskDefinition#draft})
   * @throws EcsException ClientException or InvalidParameterException with ECS's message for the
   *     first rule the definition breaks
   */
  public static TaskDefinition prepare(TaskDefinition draft) {
    return prepare(draft, DEFAULT_MAX_EPHEMERAL_GIB);
  }

  /** ECS's most ephemeral storage for a task (GiB); owned hardware may allow more. */
  public static final int DEFAULT_MAX_EPHEMERAL_GIB = 200;

  /** As {@link #prepare(TaskDefinition)}, allowing ephemeral storage up to {@code maxEphemeralGiB} (at least 200). */
  public static TaskDefinition prepare(TaskDefinition draft, int maxEphemeralGiB) {
    TaskSize size = TaskLevelRules.check(draft, Math.max(DEFAULT_MAX_EPHEMERAL_GIB, maxEphemeralGiB));
    ContainerRules.Context ctx = new ContainerRules.Context(draft.networkMode(), size,
        VolumeRules.check(draft.volumes()), acceleratorNames(draft));
    for (ContainerDefinition c : draft.containerDefinitions()) {
      ContainerRules.check(c, ctx);
    }
    ContainerGraphRules.check(draft, size);
    List<String> required = draft.requiresCompatibilities() == null ? List.of() : draft.requiresCompatibilities();
    if (required.contains("FARGATE")) {
      FargateRules.check(draft, size);
    }
    if (required.contains("EXTERNAL") && !Compatibilities.externalCompatible(draft)) {
      throw EcsException.client("The task definition is not compatible with the EXTERNAL launch type: "
          + "it cannot use networkMode=awsvpc or EFS, FSx or S3 Files volumes.");
    }
    TaskDefinition filled = RegistrationDefaults.apply(draft, size);
    List<Attribute> attributes = RequiredAttributes.of(filled);
    return filled.withFilledIn(filled.containerDefinitions(), filled.volumes(),
        attributes.isEmpty() ? null : attributes, filled.placementConstraints(),
        Compatibilities.of(draft, size), filled.cpu(), filled.memory());
  }

  private static Set<String> acceleratorNames(TaskDefinition td) {
    Set<String> names = new HashSet<>();
    if (td.inferenceAccelerators() != null) {
      td.inferenceAccelerators().forEach(a -> names.add(a.deviceName()));
    }
    return names;
  }
}
