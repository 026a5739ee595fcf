package io.gantry.api.ecs.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.model.Tag;
import io.gantry.model.cluster.CapacityProviderStrategyItem;
import io.gantry.model.task.TaskOverride;
import java.util.List;

/**
 * The input of RunTask, every member of the ECS model in its order. {@code volumeConfigurations}
 * (managed EBS volumes) is kept as raw JSON since Gantry does not attach volumes at launch.
 */
public record RunTaskRequest(
    List<CapacityProviderStrategyItem> capacityProviderStrategy,
    String clientToken,
    String cluster,
    Integer count,
    Boolean enableECSManagedTags,
    Boolean enableExecuteCommand,
    String group,
    String launchType,
    NetworkConfiguration networkConfiguration,
    TaskOverride overrides,
    List<PlacementConstraint> placementConstraints,
    List<PlacementStrategy> placementStrategy,
    String platformVersion,
    String propagateTags,
    String referenceId,
    String startedBy,
    List<Tag> tags,
    String taskDefinition,
    List<JsonNode> volumeConfigurations) {

  /** This request without its client token: what a retry with the same token must repeat exactly. */
  public RunTaskRequest withoutClientToken() {
    return new RunTaskRequest(capacityProviderStrategy, null, cluster, count, enableECSManagedTags,
        enableExecuteCommand, group, launchType, networkConfiguration, overrides, placementConstraints,
        placementStrategy, platformVersion, propagateTags, referenceId, startedBy, tags, taskDefinition,
        volumeConfigurations);
  }
}
