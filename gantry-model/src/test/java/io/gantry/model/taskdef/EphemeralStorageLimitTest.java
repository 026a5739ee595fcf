package io.gantry.model.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gantry.model.EcsException;
import org.junit.jupiter.api.Test;

/** The ephemeral-storage limit: ECS's 21–200 GiB by default, higher when the server allows it (owned hardware). */
class EphemeralStorageLimitTest {
  private static final String FARGATE = "{family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', "
      + "cpu: '256', memory: '512', containerDefinitions: [{name: 'app', image: 'nginx'}], ";

  @Test
  void ecsLimitByDefault() {
    TaskDefinition big = Defs.parse(FARGATE + "ephemeralStorage: {sizeInGiB: 300}}");
    EcsException e = catchThrowableOfType(EcsException.class, () -> TaskDefinitionRegistration.prepare(big));
    assertThat(e.getMessage()).isEqualTo("The ephemeral storage size must be between 21 and 200 GiB.");
  }

  @Test
  void aHigherServerLimitAllowsMoreAndStillRefusesBeyondIt() {
    TaskDefinition big = Defs.parse(FARGATE + "ephemeralStorage: {sizeInGiB: 300}}");
    assertThat(TaskDefinitionRegistration.prepare(big, 500).ephemeralStorage().sizeInGiB()).isEqualTo(300);
    assertThat(TaskDefinitionRegistration.prepare(big, 500).compatibilities()).contains("FARGATE");
    TaskDefinition huge = Defs.parse(FARGATE + "ephemeralStorage: {sizeInGiB: 501}}");
    EcsException e = catchThrowableOfType(EcsException.class, () -> TaskDefinitionRegistration.prepare(huge, 500));
    assertThat(e.getMessage()).isEqualTo("The ephemeral storage size must be between 21 and 500 GiB.");
    assertThat(catchThrowableOfType(EcsException.class, () -> TaskDefinitionRegistration.prepare(
        Defs.parse(FARGATE + "ephemeralStorage: {sizeInGiB: 20}}"), 500))).isNotNull();
  }
}
