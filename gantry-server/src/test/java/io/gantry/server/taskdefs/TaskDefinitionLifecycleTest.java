package io.gantry.server.taskdefs;

import static io.gantry.server.taskdefs.TaskDefinitionFixture.ARN_PREFIX;
import static io.gantry.server.taskdefs.TaskDefinitionFixture.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.api.ecs.taskdef.DeleteTaskDefinitionsRequest;
import io.gantry.api.ecs.taskdef.DeleteTaskDefinitionsResponse;
import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import io.gantry.model.Failure;
import io.gantry.model.taskdef.TaskDefinition;
import io.gantry.server.dispatch.RequestContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeregisterTaskDefinition and DeleteTaskDefinitions: ACTIVE → INACTIVE → DELETE_IN_PROGRESS. */
class TaskDefinitionLifecycleTest {
  @TempDir Path dir;
  TaskDefinitionFixture f;
  RequestContext later;

  @BeforeEach
  void open() {
    f = new TaskDefinitionFixture(dir);
    later = new RequestContext(f.ctx.scope(), "AKID", "req-2", NOW.plus(Duration.ofHours(1)));
    f.registerMany("web", 3);
  }

  @AfterEach
  void close() {
    f.close();
  }

  @Test
  void deregisterMakesARevisionInactiveAndReturnsIt() {
    TaskDefinition td = f.handler.deregister(later, new io.gantry.api.ecs.taskdef.DeregisterTaskDefinitionRequest("web:2"))
        .taskDefinition();
    assertThat(td.status()).isEqualTo("INACTIVE");
    assertThat(td.deregisteredAt()).isEqualTo(later.now());
    assertThat(td.registeredAt()).isEqualTo(NOW);
    assertThat(f.describe("web:2")).isEqualTo(td);
    // Deregistering again is allowed and changes nothing.
    assertThat(f.deregister(ARN_PREFIX + "web:2")).isEqualTo(td);
  }

  @Test
  void deregisterOfSomethingMissing() {
    for (String name : List.of("web:4", "api:1", ARN_PREFIX + "api:1", "arn:aws:ecs:us-east-1:210987654321:task-definition/web:1")) {
      assertThatThrownBy(() -> f.deregister(name))
          .as(name)
          .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT))
          .hasMessage("The specified task definition does not exist.");
    }
    assertThatThrownBy(() -> f.deregister("web"))
        .hasMessage("The task definition revision must be specified: use family:revision or the task definition ARN.");
    assertThat(f.describe("web:1").status()).isEqualTo("ACTIVE");
  }

  @Test
  void onlyInactiveRevisionsCanBeDeleted() {
    f.deregister("web:1");
    DeleteTaskDefinitionsResponse response = f.handler.delete(later,
        new DeleteTaskDefinitionsRequest(List.of("web:1", ARN_PREFIX + "web:2", "web:9", "api:1", "web")));

    assertThat(response.taskDefinitions()).singleElement().satisfies(td -> {
      assertThat(td.taskDefinitionArn()).isEqualTo(ARN_PREFIX + "web:1");
      assertThat(td.status()).isEqualTo("DELETE_IN_PROGRESS");
      assertThat(td.deleteRequestedAt()).isEqualTo(later.now());
      assertThat(td.deregisteredAt()).isEqualTo(NOW);
    });
    assertThat(response.failures()).containsExactly(
        new Failure(ARN_PREFIX + "web:2",
            "The specified task definition is still in ACTIVE status. Please deregister the target and try again.", null),
        new Failure(ARN_PREFIX + "web:9", "The specified task definition does not exist.", null),
        new Failure(ARN_PREFIX + "api:1", "The specified task definition does not exist.", null),
        new Failure("web", "The task definition revision must be specified.", null));
    assertThat(f.describe("web:1").status()).isEqualTo("DELETE_IN_PROGRESS");
    assertThat(f.describe("web:2").status()).isEqualTo("ACTIVE");
  }

  @Test
  void deletingTwiceReturnsTheRevisionAgain() {
    f.deregister("web:3");
    TaskDefinition first = f.handler.delete(f.ctx, new DeleteTaskDefinitionsRequest(List.of("web:3"))).taskDefinitions().get(0);
    DeleteTaskDefinitionsResponse again = f.handler.delete(later, new DeleteTaskDefinitionsRequest(List.of("web:3")));
    assertThat(again.taskDefinitions()).containsExactly(first);
    assertThat(again.failures()).isEmpty();
    // A revision being deleted is no longer the family's latest ACTIVE one, and cannot be reactivated.
    assertThat(f.describe("web").revision()).isEqualTo(2);
    assertThat(f.deregister("web:3")).isEqualTo(first);
  }

  @Test
  void revisionNumbersAreNeverReused() {
    f.deregister("web:3");
    f.handler.delete(f.ctx, new DeleteTaskDefinitionsRequest(List.of("web:3")));
    assertThat(f.register(TaskDefinitionFixture.minimal("web")).revision()).isEqualTo(4);
  }

  @Test
  void deleteTakesOneToTenNames() {
    for (List<String> names : List.of(List.<String>of(), Arrays.asList(new String[11]))) {
      assertThatThrownBy(() -> f.handler.delete(f.ctx, new DeleteTaskDefinitionsRequest(names)))
          .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER))
          .hasMessage("taskDefinitions must name between 1 and 10 task definitions.");
    }
    assertThatThrownBy(() -> f.handler.delete(f.ctx, new DeleteTaskDefinitionsRequest(null)))
        .hasMessage("taskDefinitions must name between 1 and 10 task definitions.");
  }
}
