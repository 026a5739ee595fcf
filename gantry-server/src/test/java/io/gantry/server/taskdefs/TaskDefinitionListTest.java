package io.gantry.server.taskdefs;

import static io.gantry.server.taskdefs.TaskDefinitionFixture.ARN_PREFIX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.ecs.taskdef.DeleteTaskDefinitionsRequest;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionFamiliesRequest;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionFamiliesResponse;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionsRequest;
import io.gantry.api.ecs.taskdef.ListTaskDefinitionsResponse;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Scope;
import io.gantry.server.dispatch.RequestContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ListTaskDefinitions and ListTaskDefinitionFamilies: order, filters and paging. */
class TaskDefinitionListTest {
  @TempDir Path dir;
  TaskDefinitionFixture f;

  @BeforeEach
  void open() {
    f = new TaskDefinitionFixture(dir);
    // Families chosen so that key order and name order differ: "web-api" < "web" in key order.
    f.registerMany("web", 3);
    f.registerMany("web-api", 2);
    f.registerMany("api", 1);
    f.registerMany("old", 2);
    f.deregister("web:2");
    f.deregister("old:1");
    f.deregister("old:2");
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void activeArnsByFamilyThenRevision() {
    assertThat(list(null, null, null)).containsExactly(arns("api:1", "web:1", "web:3", "web-api:1", "web-api:2"));
  }

  @Test
  void descendingReversesTheOrder() {
    assertThat(list(null, null, "DESC")).containsExactly(arns("web-api:2", "web-api:1", "web:3", "web:1", "api:1"));
  }

  @Test
  void statusFilter() {
    assertThat(list(null, "INACTIVE", null)).containsExactly(arns("old:1", "old:2", "web:2"));
    f.handler.delete(f.ctx, new DeleteTaskDefinitionsRequest(List.of("old:1")));
    assertThat(list(null, "DELETE_IN_PROGRESS", null)).containsExactly(arns("old:1"));
    assertThat(list(null, "INACTIVE", null)).containsExactly(arns("old:2", "web:2"));
  }

  @Test
  void familyPrefixIsTheWholeFamilyName() {
    assertThat(list("web", null, null)).containsExactly(arns("web:1", "web:3"));
    assertThat(list("we", null, null)).isEmpty();
    assertThat(list("web-api", "ACTIVE", "DESC")).containsExactly(arns("web-api:2", "web-api:1"));
    assertThat(list("no such family!", null, null)).isEmpty();
  }

  @Test
  void pagesCoverEveryArnOnceInBothDirections() {
    for (String sort : List.of("ASC", "DESC")) {
      List<String> all = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        ListTaskDefinitionsResponse page =
            f.handler.list(f.ctx, new ListTaskDefinitionsRequest(null, null, sort, token, 2));
        assertThat(page.taskDefinitionArns().size()).isBetween(1, 2);
        all.addAll(page.taskDefinitionArns());
        token = page.nextToken();
        pages++;
      } while (token != null);
      assertThat(pages).isEqualTo(3);
      assertThat(all).isEqualTo(list(null, null, sort));
    }
  }

  @Test
  void pagingSurvivesRegistrationsBetweenPages() {
    ListTaskDefinitionsResponse first = f.handler.list(f.ctx, new ListTaskDefinitionsRequest(null, null, null, null, 2));
    f.registerMany("aaa", 1);
    f.registerMany("zzz", 1);
    ListTaskDefinitionsResponse rest = f.handler.list(f.ctx, new ListTaskDefinitionsRequest(null, null, null, first.nextToken(), 100));
    assertThat(first.taskDefinitionArns()).containsExactly(arns("api:1", "web:1"));
    assertThat(rest.taskDefinitionArns()).containsExactly(arns("web:3", "web-api:1", "web-api:2", "zzz:1"));
    assertThat(rest.nextToken()).isNull();
  }

  @Test
  void badParameters() {
    for (Integer max : List.of(0, 101)) {
      assertThatThrownBy(() -> f.handler.list(f.ctx, new ListTaskDefinitionsRequest(null, null, null, null, max)))
          .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER))
          .hasMessage("maxResults must be between 1 and 100.");
    }
    assertThatThrownBy(() -> list(null, "GONE", null)).hasMessage(
        "Invalid value 'GONE' for status. Valid values are: ACTIVE, INACTIVE, DELETE_IN_PROGRESS.");
    assertThatThrownBy(() -> list(null, null, "UP")).hasMessage("Invalid value 'UP' for sort. Valid values are: ASC, DESC.");
    assertThatThrownBy(() -> f.handler.list(f.ctx, new ListTaskDefinitionsRequest(null, null, null, "%%%", null)))
        .hasMessage("Invalid nextToken.");
  }

  @Test
  void otherAccountsSeeNothing() {
    RequestContext other = new RequestContext(new Scope("210987654321", "us-east-1"), "AKID2", "req-2", TaskDefinitionFixture.NOW);
    assertThat(f.handler.list(other, new ListTaskDefinitionsRequest(null, null, null, null, null)).taskDefinitionArns()).isEmpty();
    assertThat(f.handler.listFamilies(other, new ListTaskDefinitionFamiliesRequest(null, null, null, null)).families()).isEmpty();
  }

  @Test
  void familiesByStatus() {
    assertThat(families(null, null)).containsExactly("api", "old", "web", "web-api");
    assertThat(families(null, "ALL")).containsExactly("api", "old", "web", "web-api");
    assertThat(families(null, "ACTIVE")).containsExactly("api", "web", "web-api");
    assertThat(families(null, "INACTIVE")).containsExactly("old");
    f.handler.delete(f.ctx, new DeleteTaskDefinitionsRequest(List.of("old:1", "old:2")));
    // Revisions being deleted still show their family, as in ECS.
    assertThat(families(null, "INACTIVE")).containsExactly("old");
    assertThatThrownBy(() -> families(null, "DELETE_IN_PROGRESS"))
        .hasMessage("Invalid value 'DELETE_IN_PROGRESS' for status. Valid values are: ACTIVE, INACTIVE, ALL.");
  }

  @Test
  void familyPrefixAndPaging() {
    assertThat(families("web", null)).containsExactly("web", "web-api");
    assertThat(families("web-", null)).containsExactly("web-api");
    ListTaskDefinitionFamiliesResponse first =
        f.handler.listFamilies(f.ctx, new ListTaskDefinitionFamiliesRequest(null, null, null, 3));
    assertThat(first.families()).containsExactly("api", "old", "web");
    ListTaskDefinitionFamiliesResponse second =
        f.handler.listFamilies(f.ctx, new ListTaskDefinitionFamiliesRequest(null, null, first.nextToken(), 3));
    assertThat(second.families()).containsExactly("web-api");
    assertThat(second.nextToken()).isNull();
  }

  private List<String> list(String family, String status, String sort) {
    return f.handler.list(f.ctx, new ListTaskDefinitionsRequest(family, status, sort, null, null)).taskDefinitionArns();
  }

  private List<String> families(String prefix, String status) {
    return f.handler.listFamilies(f.ctx, new ListTaskDefinitionFamiliesRequest(prefix, status, null, null)).families();
  }

  private static String[] arns(String... names) {
    return java.util.Arrays.stream(names).map(n -> ARN_PREFIX + n).toArray(String[]::new);
  }
}
