package io.gantry.server.tags;

import io.gantry.api.ecs.tags.ListTagsForResourceRequest;
import io.gantry.api.ecs.tags.ListTagsForResourceResponse;
import io.gantry.api.ecs.tags.TagResourceRequest;
import io.gantry.api.ecs.tags.UntagResourceRequest;
import io.gantry.model.Arn;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.cluster.Cluster;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.store.KeyValue;
import io.gantry.store.Txn;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * TagResource, UntagResource and ListTagsForResource for every taggable ECS resource. The
 * resource must exist; each change is a compare-and-set on the resource's tag record, conditioned
 * on the resource itself so a tag never outlives a resource deleted at the same moment.
 * Thread-safe.
 */
public final class TagHandler implements EcsHandler {
  private final EntityStore store;
  private final TagStore tags;

  public TagHandler(EntityStore store, TagStore tags) {
    this.store = store;
    this.tags = tags;
  }

  @Override
  public void register(OperationRegistry registry) {
    registry
        .register("TagResource", TagResourceRequest.class, this::tag)
        .register("UntagResource", UntagResourceRequest.class, this::untag)
        .register("ListTagsForResource", ListTagsForResourceRequest.class, this::list);
  }

  Object tag(RequestContext ctx, TagResourceRequest req) {
    List<Tag> added = Tags.validate(req.tags());
    if (added.isEmpty()) {
      throw EcsException.invalidParameter("At least one tag must be specified.");
    }
    change(ctx.scope(), req.resourceArn(), current -> Tags.merge(current, added));
    return null;
  }

  Object untag(RequestContext ctx, UntagResourceRequest req) {
    if (req.tagKeys() == null || req.tagKeys().isEmpty()) {
      throw EcsException.invalidParameter("At least one tag key must be specified.");
    }
    Set<String> removed = new HashSet<>(req.tagKeys());
    change(ctx.scope(), req.resourceArn(), current -> {
      List<Tag> kept = new ArrayList<>();
      for (Tag t : current) {
        if (!removed.contains(t.key())) {
          kept.add(t);
        }
      }
      return kept;
    });
    return null;
  }

  ListTagsForResourceResponse list(RequestContext ctx, ListTagsForResourceRequest req) {
    String arn = req.resourceArn();
    resourceKey(ctx.scope(), arn);
    return new ListTagsForResourceResponse(tags.tags(ctx.scope(), arn));
  }

  private void change(Scope scope, String arn, java.util.function.UnaryOperator<List<Tag>> edit) {
    store.retry(attempt -> {
      KeyValue resource = resourceKey(scope, arn);
      var current = tags.read(scope, arn);
      List<Tag> next = edit.apply(current.map(v -> v.value().tags()).orElse(List.of()));
      String key = StateKeys.tags(scope, arn);
      Txn.Builder txn = Txn.builder()
          .modRevisionIs(resource.key(), resource.modRevision())
          .unchangedSince(key, current.map(v -> v.modRevision()).orElse(0L));
      if (next.isEmpty()) {
        txn.delete(key);
      } else {
        txn.put(key, store.encode(new TagStore.TagSet(next)));
      }
      return new EntityStore.Attempt<>(txn.build(), null);
    });
  }

  /** The stored record of the resource {@code arn} names, or the ECS error for a missing one. */
  private KeyValue resourceKey(Scope scope, String arn) {
    Arn parsed = Arn.parse(arn)
        .filter(a -> a.service().equals("ecs"))
        .orElseThrow(() -> EcsException.invalidParameter("Invalid resource ARN: " + arn + "."));
    if (!parsed.accountId().equals(scope.accountId()) || !parsed.region().equals(scope.region())) {
      throw notFound(parsed);
    }
    String resource = parsed.resource();
    Optional<KeyValue> found = switch (parsed.resourceType()) {
      case "cluster" -> store.get(StateKeys.cluster(scope, resource), Cluster.class)
          .filter(v -> Cluster.ACTIVE.equals(v.value().status()))
          .flatMap(v -> store.kv().get(v.key()));
      case "task-definition" -> taskDefinitionKey(scope, resource).flatMap(k -> store.kv().get(k));
      case "container-instance" -> twoPart(resource).flatMap(p -> store.kv().get(StateKeys.containerInstance(scope, p[0], p[1])));
      case "task" -> twoPart(resource).flatMap(p -> store.kv().get(StateKeys.tasks(scope, p[0]) + p[1]));
      case "service" -> twoPart(resource).flatMap(p -> store.kv().get(StateKeys.services(scope, p[0]) + p[1]));
      case "capacity-provider" -> store.kv().get(StateKeys.capacityProvider(scope, resource))
          .filter(kv -> !store.decode(kv, io.gantry.model.capacity.CapacityProvider.class).value().status()
              .equals(io.gantry.model.capacity.CapacityProvider.INACTIVE));
      case "task-set" -> Optional.empty();
      default -> throw EcsException.invalidParameter("The resource type " + parsed.resourceType() + " cannot be tagged.");
    };
    return found.orElseThrow(() -> notFound(parsed));
  }

  private static EcsException notFound(Arn arn) {
    if (arn.resourceType().equals("cluster")) {
      return EcsException.clusterNotFound();
    }
    return new EcsException(ErrorCode.RESOURCE_NOT_FOUND, "The specified resource could not be found: " + arn + ".");
  }

  private static Optional<String> taskDefinitionKey(Scope scope, String resource) {
    int colon = resource.lastIndexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    try {
      int revision = Integer.parseInt(resource.substring(colon + 1));
      return Optional.of(StateKeys.taskDefinition(scope, resource.substring(0, colon), revision));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<String[]> twoPart(String resource) {
    int slash = resource.indexOf('/');
    return slash <= 0 ? Optional.empty() : Optional.of(new String[] {resource.substring(0, slash), resource.substring(slash + 1)});
  }
}
