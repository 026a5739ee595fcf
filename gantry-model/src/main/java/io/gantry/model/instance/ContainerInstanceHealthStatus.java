package io.gantry.model.instance;

import java.util.List;

/**
 * The health of a container instance (ECS {@code ContainerInstanceHealthStatus}): an overall
 * state ({@code OK}, {@code IMPAIRED}, {@code INSUFFICIENT_DATA}, {@code INITIALIZING}) and the
 * results it is derived from.
 */
public record ContainerInstanceHealthStatus(String overallStatus, List<InstanceHealthCheckResult> details) {
  public static final String INSUFFICIENT_DATA = "INSUFFICIENT_DATA";

  public ContainerInstanceHealthStatus {
    details = details == null ? null : List.copyOf(details);
  }

  /** The health of an instance whose agent has not reported any check yet. */
  public static ContainerInstanceHealthStatus unknown() {
    return new ContainerInstanceHealthStatus(INSUFFICIENT_DATA, List.of());
  }
}
