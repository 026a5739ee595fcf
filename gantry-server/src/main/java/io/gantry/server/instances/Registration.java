package io.gantry.server.instances;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.gantry.api.ecs.instance.RegisterContainerInstanceRequest;
import io.gantry.api.json.AwsJson;
import io.gantry.model.EcsException;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.instance.ContainerInstanceHealthStatus;
import io.gantry.model.instance.InstanceAttributes;
import io.gantry.model.instance.PlatformDevice;
import io.gantry.model.instance.Resource;
import io.gantry.model.instance.Resources;
import io.gantry.model.instance.VersionInfo;
import io.gantry.model.taskdef.Attribute;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * What a RegisterContainerInstance request registers: validated resources (platform GPUs
 * included), attributes and the EC2 instance id, and the record of a new or re-registered
 * instance. Pure apart from the random source it is given.
 */
final class Registration {
  private static final String GPU = "GPU";
  /**
   * The attribute a Gantry agent started with {@code --capacity-provider NAME} registers with:
   * it sets the instance's {@code capacityProviderName} and is not kept as an attribute.
   */
  static final String CAPACITY_PROVIDER_ATTRIBUTE = "gantry.capacity-provider";

  final List<Resource> resources;
  final List<Attribute> attributes;
  final VersionInfo versionInfo;
  /** The capacity provider the agent joins, or null. */
  final String capacityProvider;

  private Registration(List<Resource> resources, List<Attribute> attributes, VersionInfo versionInfo,
      String capacityProvider) {
    this.resources = resources;
    this.attributes = attributes;
    this.versionInfo = versionInfo;
    this.capacityProvider = capacityProvider;
  }

  /** Validates the parts of {@code req} that describe the host. */
  static Registration of(RegisterContainerInstanceRequest req) {
    List<Resource> resources = withDevices(Resources.validate(req.totalResources()), req.platformDevices());
    List<Attribute> given = req.attributes() == null ? null : req.attributes().stream()
        .filter(a -> a == null || !CAPACITY_PROVIDER_ATTRIBUTE.equals(a.name())).toList();
    String provider = req.attributes() == null ? null : req.attributes().stream()
        .filter(a -> a != null && CAPACITY_PROVIDER_ATTRIBUTE.equals(a.name()) && a.value() != null)
        .map(Attribute::value).findFirst().orElse(null);
    return new Registration(resources, attributes(given), req.versionInfo(), provider);
  }

  /**
   * A newly registered instance: ACTIVE, everything it registered still free, and its agent not
   * connected until the agent's session says hello (the agent gateway owns agentConnected), so
   * no task is placed on a machine that nobody runs tasks on.
   */
  ContainerInstance newInstance(String arn, String ec2InstanceId, Instant now) {
    return new ContainerInstance(arn, ec2InstanceId, capacityProvider, 1L, versionInfo, resources, resources,
        ContainerInstance.ACTIVE, null, false, 0, 0, null, attributes, now, List.of(), null,
        ContainerInstanceHealthStatus.unknown());
  }

  /**
   * {@code current} registered again: the agent's resources, versions and built-in attributes
   * replace the old ones and custom attributes are kept unless the request sets them anew. What
   * its tasks hold is not part of the record (see {@link io.gantry.server.placement.InstanceViews}).
   */
  ContainerInstance reregister(ContainerInstance current) {
    Map<String, Attribute> merged = new LinkedHashMap<>();
    for (Attribute a : attributes) {
      if (InstanceAttributes.builtIn(a.name())) {
        merged.put(a.name(), a);
      }
    }
    for (Attribute a : current.attributes() == null ? List.<Attribute>of() : current.attributes()) {
      if (!InstanceAttributes.builtIn(a.name())) {
        merged.put(a.name(), a);
      }
    }
    for (Attribute a : attributes) {
      merged.put(a.name(), a);
    }
    List<Attribute> next = List.copyOf(merged.values());
    if (InstanceAttributes.customCount(next) > InstanceAttributes.MAX_CUSTOM) {
      throw tooManyCustom();
    }
    return current.reregistered(resources, resources, versionInfo != null ? versionInfo : current.versionInfo(), next)
        .withCapacityProviderName(capacityProvider);
  }

  /** The EC2 instance id from the identity document, or a generated {@code i-} id when there is none. */
  static String ec2InstanceId(String identityDocument, RandomGenerator random) {
    if (identityDocument != null && !identityDocument.isBlank()) {
      try {
        JsonNode doc = AwsJson.mapper().readTree(identityDocument);
        JsonNode id = doc == null ? null : doc.get("instanceId");
        if (id != null && id.isTextual() && !id.asText().isBlank()) {
          return id.asText();
        }
      } catch (JsonProcessingException e) {
        throw EcsException.invalidParameter("The instance identity document is not a valid JSON document.");
      }
    }
    return "i-" + hex(random, 17);
  }

  /** A container instance id: 32 lowercase hex digits. */
  static String newId(RandomGenerator random) {
    return hex(random, 32);
  }

  private static String hex(RandomGenerator random, int digits) {
    StringBuilder sb = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  private static List<Attribute> attributes(List<Attribute> requested) {
    if (requested == null) {
      return List.of();
    }
    Map<String, Attribute> byName = new LinkedHashMap<>();
    for (Attribute a : requested) {
      InstanceAttributes.validate(a);
      byName.put(a.name(), InstanceAttributes.stored(a));
    }
    List<Attribute> out = List.copyOf(byName.values());
    if (InstanceAttributes.customCount(out) > InstanceAttributes.MAX_CUSTOM) {
      throw tooManyCustom();
    }
    return out;
  }

  private static EcsException tooManyCustom() {
    return EcsException.invalidParameter("A container instance can have at most " + InstanceAttributes.MAX_CUSTOM
        + " custom attributes.");
  }

  /** The resources with a GPU string set made of the platform's GPU ids, unless the agent already listed one. */
  private static List<Resource> withDevices(List<Resource> resources, List<PlatformDevice> devices) {
    if (devices == null || devices.isEmpty()) {
      return resources;
    }
    List<String> gpus = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (PlatformDevice d : devices) {
      if (d == null || d.id() == null || d.id().isEmpty() || d.type() == null) {
        throw EcsException.invalidParameter("Platform devices need an id and a type.");
      }
      if (!GPU.equals(d.type())) {
        throw EcsException.invalidParameter("Invalid platform device type " + d.type() + ". Valid types are GPU.");
      }
      if (!seen.add(d.id())) {
        throw EcsException.invalidParameter("Platform device " + d.id() + " is specified more than once.");
      }
      gpus.add(d.id());
    }
    if (resources.stream().anyMatch(r -> GPU.equals(r.name()))) {
      return resources;
    }
    List<Resource> out = new ArrayList<>(resources);
    out.add(Resource.ofStringSet(GPU, gpus));
    return List.copyOf(out);
  }
}
