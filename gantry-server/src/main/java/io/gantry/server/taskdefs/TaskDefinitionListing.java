package io.gantry.server.taskdefs;

import io.gantry.api.ecs.taskdef.ListTaskDefinitionFamiliesRequest;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionFamiliesResponse;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionsRequest;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionsResponse;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.model.taskdef.TaskDefinitionEnums;
import io.gantry.server.paging.Pages;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The two listings over stored revisions, as pure functions of the summaries read from the store:
 * task definition ARNs ordered by family then revision (ASC or DESC), and family names filtered by
 * whether they still have ACTIVE revisions. Paging is by the sort key of the last item returned.
 */
final class TaskDefinitionListing {
  static final int DEFAULT_MAX_RESULTS = 100;
  static final int MAX_RESULTS = 100;
  private static final Comparator<TaskDefinitionSummary> ORDER =
      Comparator.comparing(TaskDefinitionSummary::family).thenComparingInt(TaskDefinitionSummary::revision);

  private TaskDefinitionListing() {}

  static ListTaskDefinitionsResponse arns(List<TaskDefinitionSummary> summaries, ListTaskDefinitionsRequest request) {
    String status = request.status() == null ? TaskDefinition.ACTIVE : request.status();
    TaskDefinitionEnums.checkValue(status, TaskDefinitionEnums.STATUS, "status");
    String sort = request.sort() == null ? "ASC" : request.sort();
    TaskDefinitionEnums.checkValue(sort, TaskDefinitionEnums.SORT_ORDER, "sort");
    boolean descending = "DESC".equals(sort);
    List<TaskDefinitionSummary> matching = summaries.stream()
        .filter(s -> status.equals(s.status()) && s.revision() != null)
        .filter(s -> request.familyPrefix() == null || request.familyPrefix().equals(s.family()))
        .sorted(descending ? ORDER.reversed() : ORDER)
        .toList();
    Function<TaskDefinitionSummary, String> key = descending
        ? s -> SortKeys.descending(sortKey(s))
        : TaskDefinitionListing::sortKey;
    Pages.Page<TaskDefinitionSummary> page =
        Pages.page(matching, key, request.nextToken(), request.maxResults(), DEFAULT_MAX_RESULTS, MAX_RESULTS);
    return new ListTaskDefinitionsResponse(
        page.items().stream().map(TaskDefinitionSummary::taskDefinitionArn).toList(), page.nextToken());
  }

  static ListTaskDefinitionFamiliesResponse families(
      List<TaskDefinitionSummary> summaries, ListTaskDefinitionFamiliesRequest request) {
    String status = request.status() == null ? "ALL" : request.status();
    TaskDefinitionEnums.checkValue(status, TaskDefinitionEnums.FAMILY_STATUS, "status");
    Map<String, Boolean> hasActive = new TreeMap<>();
    for (TaskDefinitionSummary s : summaries) {
      if (request.familyPrefix() == null || s.family().startsWith(request.familyPrefix())) {
        hasActive.merge(s.family(), TaskDefinition.ACTIVE.equals(s.status()), Boolean::logicalOr);
      }
    }
    List<String> families = hasActive.entrySet().stream()
        .filter(e -> switch (status) {
          case "ACTIVE" -> e.getValue();
          case "INACTIVE" -> !e.getValue();
          default -> true;
        })
        .map(Map.Entry::getKey)
        .toList();
    Pages.Page<String> page = Pages.page(families, Function.identity(), request.nextToken(), request.maxResults(),
        DEFAULT_MAX_RESULTS, MAX_RESULTS);
    return new ListTaskDefinitionFamiliesResponse(page.items(), page.nextToken());
  }

  /**
   * Orders like {@link #ORDER}: the NUL after the family sorts a family before every longer family
   * it is a prefix of, and revisions are zero-padded.
   */
  private static String sortKey(TaskDefinitionSummary s) {
    return s.family() + '\u0000' + String.format("%010d", s.revision());
  }
}
