package io.gantry.server.attributes;

import io.gantry.api.ecs.attributes.AttributesResponse;
import io.gantry.api.ecs.attributes.DeleteAttributesRequest;
import io.gantry.api.ecs.attributes.ListAttributesRequest;
import io.gantry.api.ecs.attributes.ListAttributesResponse;
import io.gantry.api.ecs.attributes.PutAttributesRequest;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Scope;
import io.gantry.model.instance.ContainerInstance;
import io.gantry.model.instance.InstanceAttributes;
import io.gantry.model.taskdef.Attribute;
import io.gantry.server.clusters.ClusterRefs;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.instances.InstanceRefs;
import io.gantry.server.paging.Pages;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.Txn;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * PutAttributes, ListAttributes and DeleteAttributes. The only target type is
 * {@code container-instance}; attributes live in the instance record's {@code attributes} list,
 * built-in ones from registration beside at most 10 custom ones. A call that touches several
 * instances commits them in one compare-and-set transaction, so it applies to all or none.
 * Thread-safe.
 */
public final class AttributeHandler implements EcsHandler {
  private static final int MAX_PUT = 10;
  private static final String KEY_SEPARATOR = "\u0000";

  private final EntityStore store;
  private final ClusterRefs clusters;
  private final InstanceRefs instances;

  public AttributeHandler(EntityStore store) {
    this.store = store;
    this.clusters = new ClusterRefs(store);
    this.instances = new InstanceRefs(store);
  }

  @Override
  public void register(OperationRegistry registry) {
    registry
        .register("PutAttributes", PutAttributesRequest.class, this::put)
        .register("ListAttributes", ListAttributesRequest.class, this::list)
        .register("DeleteAttributes", DeleteAttributesRequest.class, this::delete);
  }

  AttributesResponse put(RequestContext ctx, PutAttributesRequest req) {
    List<Attribute> asked = req.attributes() == null ? List.of() : req.attributes();
    if (asked.isEmpty()) {
      throw EcsException.invalidParameter("attributes can not be empty.");
    }
    if (asked.size() > MAX_PUT) {
      throw EcsException.invalidParameter("attributes can have at most " + MAX_PUT + " items.");
    }
    asked.forEach(InstanceAttributes::validate);
    return new AttributesResponse(change(ctx.scope(), req.cluster(), asked, (current, mine) -> {
      List<Attribute> next = InstanceAttributes.put(current, mine);
      return new Change(next, mine);
    }));
  }

  AttributesResponse delete(RequestContext ctx, DeleteAttributesRequest req) {
    List<Attribute> asked = req.attributes() == null ? List.of() : req.attributes();
    if (asked.isEmpty()) {
      throw EcsException.invalidParameter("attributes can not be empty.");
    }
    for (Attribute a : asked) {
      if (a == null || a.name() == null || a.name().isEmpty()) {
        throw EcsException.invalidParameter("Attribute name must be specified.");
      }
    }
    return new AttributesResponse(change(ctx.scope(), req.cluster(), asked, (current, mine) -> {
      List<Attribute> kept = new ArrayList<>();
      List<Attribute> deleted = new ArrayList<>();
      for (Attribute a : current) {
        boolean remove = mine.stream().anyMatch(r -> InstanceAttributes.matches(a, r));
        (remove ? deleted : kept).add(a);
      }
      return new Change(kept, deleted);
    }));
  }

  ListAttributesResponse list(RequestContext ctx, ListAttributesRequest req) {
    targetType(req.targetType(), true);
    if (req.attributeValue() != null && (req.attributeName() == null || req.attributeName().isEmpty())) {
      throw EcsException.invalidParameter("attributeName must be specified when attributeValue is specified.");
    }
    Scope scope = ctx.scope();
    String name = clusters.active(scope, req.cluster()).value().clusterName();
    List<Listed> all = new ArrayList<>();
    for (Versioned<ContainerInstance> v : store.list(StateKeys.containerInstances(scope, name), ContainerInstance.class)) {
      String arn = v.value().containerInstanceArn();
      for (Attribute a : attributesOf(v.value())) {
        boolean nameOk = req.attributeName() == null || req.attributeName().equals(a.name());
        boolean valueOk = req.attributeValue() == null || req.attributeValue().equals(a.value());
        if (nameOk && valueOk) {
          all.add(new Listed(arn + KEY_SEPARATOR + a.name(), new Attribute(a.name(), a.value(), null, arn)));
        }
      }
    }
    all.sort(Comparator.comparing(Listed::sortKey));
    Pages.Page<Listed> page = Pages.page(all, Listed::sortKey, req.nextToken(), req.maxResults(), 100, 100);
    return new ListAttributesResponse(page.items().stream().map(Listed::attribute).toList(), page.nextToken());
  }

  /** How one instance's attributes change: the new list and the attributes to report for it. */
  private record Change(List<Attribute> next, List<Attribute> reported) {}

  private record Listed(String sortKey, Attribute attribute) {}

  @FunctionalInterface
  private interface Edit {
    Change apply(List<Attribute> current, List<Attribute> mine);
  }

  /**
   * Applies {@code edit} to every instance the attributes target, in one transaction conditioned
   * on each instance's revision; retried on conflict. Returns the reported attributes, targeted.
   */
  private List<Attribute> change(Scope scope, String clusterRef, List<Attribute> asked, Edit edit) {
    return store.retry(attempt -> {
      String cluster = clusters.active(scope, clusterRef).value().clusterName();
      Map<String, Versioned<ContainerInstance>> targets = new LinkedHashMap<>();
      Map<String, List<Attribute>> byTarget = new LinkedHashMap<>();
      for (Attribute a : asked) {
        Versioned<ContainerInstance> target = target(scope, cluster, a);
        targets.putIfAbsent(target.key(), target);
        byTarget.computeIfAbsent(target.key(), k -> new ArrayList<>()).add(a);
      }
      Txn.Builder txn = Txn.builder();
      List<Attribute> reported = new ArrayList<>();
      boolean writes = false;
      for (Map.Entry<String, List<Attribute>> e : byTarget.entrySet()) {
        Versioned<ContainerInstance> target = targets.get(e.getKey());
        List<Attribute> current = attributesOf(target.value());
        Change change = edit.apply(current, e.getValue());
        String arn = target.value().containerInstanceArn();
        change.reported().forEach(a -> reported.add(InstanceAttributes.targeted(a, arn)));
        txn.modRevisionIs(target.key(), target.modRevision());
        if (!change.next().equals(current)) {
          txn.put(target.key(), store.encode(target.value().withAttributes(change.next())));
          writes = true;
        }
      }
      return new EntityStore.Attempt<>(writes ? txn.build() : null, reported);
    });
  }

  /** The instance {@code attribute} targets, or TargetNotFoundException. */
  private Versioned<ContainerInstance> target(Scope scope, String cluster, Attribute attribute) {
    String targetId = attribute.targetId();
    if (targetId == null || targetId.isEmpty()) {
      throw EcsException.invalidParameter("targetId must be specified for attribute " + attribute.name() + ".");
    }
    boolean typed = targetType(attribute.targetType(), false);
    if (!typed && !targetId.startsWith("arn:")) {
      throw EcsException.invalidParameter("targetType must be specified when targetId is not a full ARN.");
    }
    return instances.find(scope, cluster, targetId).orElseThrow(() -> new EcsException(ErrorCode.TARGET_NOT_FOUND,
        "The specified target wasn't found. You can view your available container instances with "
            + "ListContainerInstances. Amazon ECS container instances are cluster-specific and Region-specific."));
  }

  /** Whether a target type is given; throws when it is required and missing, or not {@code container-instance}. */
  private static boolean targetType(String type, boolean required) {
    if (type == null || type.isEmpty()) {
      if (required) {
        throw EcsException.invalidParameter("targetType must be specified.");
      }
      return false;
    }
    if (!InstanceAttributes.TARGET_TYPE.equals(type)) {
      throw EcsException.invalidParameter("Invalid targetType: " + type + ". The only valid value is container-instance.");
    }
    return true;
  }

  private static List<Attribute> attributesOf(ContainerInstance instance) {
    return instance.attributes() == null ? List.of() : instance.attributes();
  }
}
