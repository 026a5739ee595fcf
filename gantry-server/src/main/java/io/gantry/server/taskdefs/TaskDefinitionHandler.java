package io.gantry.server.taskdefs;

import io.gantry.api.ecs.taskdef.DeleteTaskDefinitionsRequest;
import io.gantry.api.ecs.taskdef.DeleteTaskDefinitionsResponse;
import io.gantry.api.ecs.taskdef.DeregisterTaskDefinitionRequest;
import io.gantry.api.ecs.taskdef.DeregisterTaskDefinitionResponse;
import io.gantry.api.ecs.taskdef.DescribeTaskDefinitionRequest;
import io.gantry.api.ecs.taskdef.DescribeTaskDefinitionResponse;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionFamiliesRequest;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionFamiliesResponse;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionsRequest;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionsResponse;
import io.gantry.api.ecs.taskdef.RegisterTaskDefinitionRequest;
import io.gantry.api.ecs.taskdef.RegisterTaskDefinitionResponse;
import io.gantry.model.Arn;
import io.gantry.model.EcsException;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.model.taskdef.TaskDefinitionEnums;
import io.gantry.model.taskdef.TaskDefinitionRegistration;
import io.gantry.server.dispatch.EcsHandler;
import io.gantry.server.dispatch.OperationRegistry;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.EntityStore.Attempt;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import io.gantry.server.tags.Tags;
import io.gantry.store.Txn;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The task definition operations of the ECS API: RegisterTaskDefinition,
 * DescribeTaskDefinition, ListTaskDefinitions, ListTaskDefinitionFamilies,
 * DeregisterTaskDefinition and DeleteTaskDefinitions. Validation and ECS's defaults come from
 * {@link TaskDefinitionRegistration}; every write is a compare-and-set transaction. Revision
 * numbers come from {@link RevisionAllocator}, so concurrent registrations in one family get
 * distinct numbers and share group commits. Reads go to the store on every call.
 * Thread-safe; called concurrently from request threads.
 */
public final class TaskDefinitionHandler implements EcsHandler {
  /** ECS's quota of revisions per family. */
  static final int MAX_REVISIONS = 1_000_000;
  static final int MAX_DELETE = 10;
  static final String NOT_FOUND = "The specified task definition does not exist.";
  static final String STILL_ACTIVE =
      "The specified task definition is still in ACTIVE status. Please deregister the target and try again.";

  private final EntityStore store;
  private final TagStore tags;
  private final TaskDefinitionReader reader;
  private static final int MAX_ATTEMPTS = 64;
  private final RevisionAllocator revisions;

  private final int maxEphemeralGiB;

  public TaskDefinitionHandler(EntityStore store, TagStore tags) {
    this(store, tags, TaskDefinitionRegistration.DEFAULT_MAX_EPHEMERAL_GIB);
  }

  /** With the most ephemeral storage a definition may ask for (server setting {@code max-ephemeral-storage-gib}). */
  public TaskDefinitionHandler(EntityStore store, TagStore tags, int maxEphemeralGiB) {
    this.maxEphemeralGiB = maxEphemeralGiB;
    this.store = store;
    this.tags = tags;
    this.reader = new TaskDefinitionReader(store);
    this.revisions = new RevisionAllocator(store.kv());
  }

  @Override
  public void register(OperationRegistry registry) {
    registry
        .register("RegisterTaskDefinition", RegisterTaskDefinitionRequest.class, this::register)
        .register("DescribeTaskDefinition", DescribeTaskDefinitionRequest.class, this::describe)
        .register("ListTaskDefinitions", ListTaskDefinitionsRequest.class, this::list)
        .register("ListTaskDefinitionFamilies", ListTaskDefinitionFamiliesRequest.class, this::listFamilies)
        .register("DeregisterTaskDefinition", DeregisterTaskDefinitionRequest.class, this::deregister)
        .register("DeleteTaskDefinitions", DeleteTaskDefinitionsRequest.class, this::delete);
  }

  public RegisterTaskDefinitionResponse register(RequestContext ctx, RegisterTaskDefinitionRequest request) {
    TaskDefinition prepared = TaskDefinitionRegistration.prepare(request.toTaskDefinition(), maxEphemeralGiB);
    List<Tag> tagList = Tags.validate(request.tags());
    Scope scope = ctx.scope();
    String family = prepared.family();
    for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      int revision = revisions.next(scope, family);
      if (revision > MAX_REVISIONS) {
        throw EcsException.client(
            "The family '" + family + "' has reached the limit of " + MAX_REVISIONS + " revisions.");
      }
      String arn = Arn.taskDefinition(scope, family, revision);
      TaskDefinition registered = prepared.withRegistration(arn, revision, ctx.now(), ctx.principalArn());
      String key = StateKeys.taskDefinition(scope, family, revision);
      Txn.Builder txn = Txn.builder().absent(key).put(key, store.encode(registered));
      tags.put(txn, scope, arn, tagList);
      if (store.commit(txn.build()).succeeded()) {
        return new RegisterTaskDefinitionResponse(registered, tagList.isEmpty() ? null : tagList);
      }
      revisions.resync(scope, family); // another process registered this number first
    }
    throw new IllegalStateException("could not allocate a revision of " + family + " after " + MAX_ATTEMPTS + " attempts");
  }

  public DescribeTaskDefinitionResponse describe(RequestContext ctx, DescribeTaskDefinitionRequest request) {
    List<String> include = request.include() == null ? List.of() : request.include();
    include.forEach(
        field -> TaskDefinitionEnums.checkValue(field, TaskDefinitionEnums.TASK_DEFINITION_FIELD, "include"));
    TaskDefinition td = reader.find(ctx.scope(), request.taskDefinition())
        .map(Versioned::value)
        .orElseThrow(() -> EcsException.client("Unable to describe task definition."));
    List<Tag> tagList = include.contains("TAGS") ? tags.tags(ctx.scope(), td.taskDefinitionArn()) : null;
    return new DescribeTaskDefinitionResponse(td, tagList);
  }

  public ListTaskDefinitionsResponse list(RequestContext ctx, ListTaskDefinitionsRequest request) {
    String family = request.familyPrefix();
    List<TaskDefinitionSummary> summaries = family == null
        ? reader.all(ctx.scope())
        : TaskDefinitionRef.parse(family, ctx.scope())
            .filter(ref -> ref.revision() == null)
            .map(ref -> reader.revisions(ctx.scope(), ref.family()))
            .orElse(List.of());
    return TaskDefinitionListing.arns(summaries, request);
  }

  public ListTaskDefinitionFamiliesResponse listFamilies(
      RequestContext ctx, ListTaskDefinitionFamiliesRequest request) {
    return TaskDefinitionListing.families(reader.all(ctx.scope()), request);
  }

  public DeregisterTaskDefinitionResponse deregister(RequestContext ctx, DeregisterTaskDefinitionRequest request) {
    TaskDefinitionRef ref = TaskDefinitionRef.parse(request.taskDefinition(), ctx.scope())
        .orElseThrow(() -> EcsException.client(NOT_FOUND));
    if (ref.revision() == null) {
      throw EcsException.client(
          "The task definition revision must be specified: use family:revision or the task definition ARN.");
    }
    String key = StateKeys.taskDefinition(ctx.scope(), ref.family(), ref.revision());
    TaskDefinition result = store.retry(attempt -> {
      Versioned<TaskDefinition> current = store.get(key, TaskDefinition.class)
          .orElseThrow(() -> EcsException.client(NOT_FOUND));
      if (!TaskDefinition.ACTIVE.equals(current.value().status())) {
        return new Attempt<>(null, current.value());
      }
      TaskDefinition inactive = current.value().withStatus(TaskDefinition.INACTIVE, ctx.now(), null);
      Txn txn = Txn.builder().modRevisionIs(key, current.modRevision()).put(key, store.encode(inactive)).build();
      return new Attempt<>(txn, inactive);
    });
    return new DeregisterTaskDefinitionResponse(result);
  }

  public DeleteTaskDefinitionsResponse delete(RequestContext ctx, DeleteTaskDefinitionsRequest request) {
    List<String> names = request.taskDefinitions();
    if (names == null || names.isEmpty() || names.size() > MAX_DELETE) {
      throw EcsException.invalidParameter(
          "taskDefinitions must name between 1 and " + MAX_DELETE + " task definitions.");
    }
    List<TaskDefinition> deleted = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String name : names) {
      Optional<TaskDefinitionRef> ref = name == null ? Optional.empty() : TaskDefinitionRef.parse(name, ctx.scope());
      if (ref.isEmpty() || ref.get().revision() == null) {
        String reason = ref.isEmpty() ? NOT_FOUND : "The task definition revision must be specified.";
        failures.add(new Failure(name, reason, null));
        continue;
      }
      String arn = Arn.taskDefinition(ctx.scope(), ref.get().family(), ref.get().revision());
      deleteOne(ctx, ref.get()).ifPresentOrElse(
          outcome -> {
            if (outcome.deleted() != null) {
              deleted.add(outcome.deleted());
            } else {
              failures.add(new Failure(arn, outcome.failure(), null));
            }
          },
          () -> failures.add(new Failure(arn, NOT_FOUND, null)));
    }
    return new DeleteTaskDefinitionsResponse(deleted, failures);
  }

  /** The result of deleting one revision: the revision, or why it was not deleted. */
  private record DeleteOutcome(TaskDefinition deleted, String failure) {}

  private Optional<DeleteOutcome> deleteOne(RequestContext ctx, TaskDefinitionRef ref) {
    String key = StateKeys.taskDefinition(ctx.scope(), ref.family(), ref.revision());
    return store.retry(attempt -> {
      Optional<Versioned<TaskDefinition>> current = store.get(key, TaskDefinition.class);
      if (current.isEmpty()) {
        return new Attempt<>(null, Optional.empty());
      }
      TaskDefinition td = current.get().value();
      if (TaskDefinition.ACTIVE.equals(td.status())) {
        return new Attempt<>(null, Optional.of(new DeleteOutcome(null, STILL_ACTIVE)));
      }
      if (TaskDefinition.DELETE_IN_PROGRESS.equals(td.status())) {
        return new Attempt<>(null, Optional.of(new DeleteOutcome(td, null)));
      }
      TaskDefinition deleting = td.withStatus(TaskDefinition.DELETE_IN_PROGRESS, td.deregisteredAt(), ctx.now());
      Txn txn = Txn.builder().modRevisionIs(key, current.get().modRevision()).put(key, store.encode(deleting)).build();
      return new Attempt<>(txn, Optional.of(new DeleteOutcome(deleting, null)));
    });
  }
}
