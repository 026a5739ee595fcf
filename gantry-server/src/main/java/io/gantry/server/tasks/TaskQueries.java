package io.gantry.server.tasks;

import io.gantry.api.ecs.task.DescribeTasksRequest;
import io.gantry.api.ecs.task.ListTasksRequest;
import io.gantry.api.ecs.task.ListTasksResponse;
import io.gantry.api.ecs.task.TasksResponse;
import io.gantry.model.EcsException;
import io.gantry.model.Failure;
import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.model.task.DesiredStatus;
import io.gantry.model.task.Task;
import io.gantry.model.task.TaskEnums;
import io.gantry.model.taskdef.TaskDefinitionEnums;
import io.gantry.server.instances.InstanceRefs;
import io.gantry.server.paging.Pages;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.Versioned;
import io.gantry.server.tags.TagStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * DescribeTasks and ListTasks over the stored tasks of one cluster. Stopped tasks stay listed
 * and describable until they are cleaned up. Reads only; thread-safe.
 */
final class TaskQueries {
  static final int MAX_DESCRIBE = 100;
  private final TaskRecords records;
  private final TagStore tags;

  TaskQueries(EntityStore store, TagStore tags) {
    this.records = new TaskRecords(store);
    this.tags = tags;
  }

  /** The checks of a DescribeTasks request that come before the cluster is looked up. */
  void checkDescribe(DescribeTasksRequest req) {
    List<String> asked = req.tasks() == null ? List.of() : req.tasks();
    if (asked.isEmpty()) {
      throw EcsException.invalidParameter("Tasks cannot be empty.");
    }
    if (asked.size() > MAX_DESCRIBE) {
      throw EcsException.invalidParameter("Tasks can have at most " + MAX_DESCRIBE + " items.");
    }
    for (String field : req.include() == null ? List.<String>of() : req.include()) {
      TaskDefinitionEnums.checkValue(field, TaskEnums.TASK_FIELD, "include");
    }
  }

  /** The tasks asked for, in the order asked; tags with {@code include: [TAGS]}, else an empty list as ECS shows. */
  TasksResponse describe(Scope scope, String cluster, DescribeTasksRequest req) {
    boolean withTags = req.include() != null && req.include().contains("TAGS");
    List<Task> found = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (String ref : req.tasks()) {
      Optional<Versioned<StoredTask>> stored = TaskRefs.id(scope, cluster, ref).flatMap(id -> records.find(scope, cluster, id));
      if (stored.isPresent()) {
        Task task = stored.get().value().task();
        List<Tag> tagList = withTags ? tags.tags(scope, task.taskArn()) : List.of();
        found.add(task.withTags(tagList));
      } else {
        failures.add(Failure.missing(TaskRefs.arnFor(scope, cluster, ref)));
      }
    }
    return new TasksResponse(failures, found);
  }

  /**
   * The ARNs of the cluster's tasks that match every filter given, sorted, one page at a time.
   * {@code desiredStatus} defaults to RUNNING; PENDING matches nothing (ECS never wants a task
   * PENDING). {@code serviceName} (a name or service ARN) matches the tasks of the service's
   * group; Gantry has no daemons yet, so a daemon name matches nothing.
   */
  ListTasksResponse list(Scope scope, String cluster, ListTasksRequest req) {
    TaskDefinitionEnums.checkValue(req.desiredStatus(), DesiredStatus.LIST_TASKS_FILTER, "desiredStatus");
    TaskDefinitionEnums.checkValue(req.launchType(), TaskEnums.LAUNCH_TYPE, "launchType");
    String desired = req.desiredStatus() == null ? DesiredStatus.RUNNING.name() : req.desiredStatus();
    boolean none = desired.equals("PENDING") || req.daemonName() != null;
    String group = req.serviceName() == null ? null
        : ServiceTasks.group(req.serviceName().substring(req.serviceName().lastIndexOf('/') + 1));
    String instanceId = null;
    if (req.containerInstance() != null) {
      Optional<String> id = InstanceRefs.id(scope, cluster, req.containerInstance());
      none |= id.isEmpty();
      instanceId = id.orElse(null);
    }
    List<String> arns = new ArrayList<>();
    if (!none) {
      for (Versioned<TaskListing> v : records.listings(scope, cluster)) {
        TaskListing stored = v.value();
        TaskListing.Brief task = stored.task();
        if (desired.equals(task.desiredStatus())
            && (instanceId == null || instanceId.equals(stored.containerInstanceId()))
            && (group == null || group.equals(task.group()))
            && (req.family() == null || req.family().equals(family(task.taskDefinitionArn())))
            && (req.startedBy() == null || req.startedBy().equals(task.startedBy()))
            && (req.launchType() == null || req.launchType().equals(task.launchType()))) {
          arns.add(task.taskArn());
        }
      }
    }
    arns.sort(null);
    Pages.Page<String> page = Pages.page(arns, a -> a, req.nextToken(), req.maxResults(), 100, 100);
    return new ListTasksResponse(page.nextToken(), page.items());
  }

  /** The family in a task definition ARN ({@code …:task-definition/FAMILY:REVISION}). */
  static String family(String taskDefinitionArn) {
    String resource = taskDefinitionArn.substring(taskDefinitionArn.lastIndexOf('/') + 1);
    int colon = resource.lastIndexOf(':');
    return colon < 0 ? resource : resource.substring(0, colon);
  }
}
