package io.gantry.api.ecs.instance;

import io.gantry.model.Tag;
import io.gantry.model.instance.PlatformDevice;
import io.gantry.model.instance.Resource;
import io.gantry.model.instance.VersionInfo;
import io.gantry.model.taskdef.Attribute;
import java.util.List;

/**
 * RegisterContainerInstance input. {@code containerInstanceArn} is set when an agent registers
 * an instance it registered before.
 */
public record RegisterContainerInstanceRequest(
    String cluster,
    String instanceIdentityDocument,
    String instanceIdentityDocumentSignature,
    List<Resource> totalResources,
    VersionInfo versionInfo,
    String containerInstanceArn,
    List<Attribute> attributes,
    List<PlatformDevice> platformDevices,
    List<Tag> tags) {}
