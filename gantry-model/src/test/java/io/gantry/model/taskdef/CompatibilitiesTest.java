package io.gantry.model.taskdef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The launch types ECS reports a definition compatible with, and the attributes it requires. */
class CompatibilitiesTest {
  private static final String APP = "{name: 'app', image: 'nginx', memory: 128}";

  @Test
  void bridgeDefinitionsRunOnEc2AndExternal() {
    assertThat(Defs.prepare("{family: 'web', containerDefinitions: [" + APP + "]}").compatibilities())
        .containsExactly("EXTERNAL", "EC2");
  }

  @Test
  void awsvpcWithAFargateSizeIsFargateCompatibleEvenWhenNotRequested() {
    TaskDefinition td = Defs.prepare("{family: 'web', networkMode: 'awsvpc', cpu: '256', memory: '512',"
        + " containerDefinitions: [" + APP + "]}");
    assertThat(td.compatibilities()).containsExactly("EC2", "FARGATE");
    assertThat(td.requiresCompatibilities()).isNull();
  }

  @Test
  void awsvpcWithoutATaskSizeIsEc2Only() {
    assertThat(Defs.prepare("{family: 'web', networkMode: 'awsvpc', containerDefinitions: [" + APP + "]}").compatibilities())
        .containsExactly("EC2");
  }

  @Test
  void fargateUnsupportedParametersLeaveOutFargate() {
    TaskDefinition td = Defs.prepare("{family: 'web', networkMode: 'awsvpc', cpu: '256', memory: '512',"
        + " containerDefinitions: [{name: 'app', image: 'nginx', memory: 128, privileged: true}]}");
    assertThat(td.compatibilities()).containsExactly("EC2");
  }

  @Test
  void managedInstancesWhenRequested() {
    TaskDefinition td = Defs.prepare("{family: 'web', requiresCompatibilities: ['MANAGED_INSTANCES'], networkMode: 'awsvpc',"
        + " containerDefinitions: [" + APP + "]}");
    assertThat(td.compatibilities()).containsExactly("EC2", "MANAGED_INSTANCES");
  }

  @Test
  void efsVolumesAreNotExternalCompatible() {
    TaskDefinition td = Defs.prepare("{family: 'web', volumes: [{name: 'efs', efsVolumeConfiguration: {fileSystemId: 'fs-1'}}],"
        + " containerDefinitions: [" + APP + "]}");
    assertThat(td.compatibilities()).containsExactly("EC2");
  }

  @Test
  void minimalDefinitionRequiresNoAttributes() {
    assertThat(Defs.prepare("{family: 'web', containerDefinitions: [" + APP + "]}").requiresAttributes()).isNull();
  }

  @Test
  void typicalFargateServiceAttributes() {
    TaskDefinition td = Defs.prepare("{family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc',"
        + " cpu: '256', memory: '512', executionRoleArn: 'arn:aws:iam::123456789012:role/exec',"
        + " taskRoleArn: 'arn:aws:iam::123456789012:role/task', containerDefinitions: [{name: 'app',"
        + " image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1', logConfiguration: {logDriver: 'awslogs'},"
        + " secrets: [{name: 'DB', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db'}],"
        + " healthCheck: {command: ['CMD', 'true']}}]}");
    assertThat(names(td.requiresAttributes())).containsExactlyInAnyOrder(
        "com.amazonaws.ecs.capability.logging-driver.awslogs",
        "com.amazonaws.ecs.capability.docker-remote-api.1.19",
        "ecs.capability.execution-role-awslogs",
        "com.amazonaws.ecs.capability.ecr-auth",
        "ecs.capability.execution-role-ecr-pull",
        "ecs.capability.container-health-check",
        "com.amazonaws.ecs.capability.docker-remote-api.1.24",
        "ecs.capability.secrets.ssm.environment-variables",
        "com.amazonaws.ecs.capability.task-iam-role",
        "com.amazonaws.ecs.capability.docker-remote-api.1.18",
        "ecs.capability.task-eni");
  }

  @Test
  void volumeAndOrderingAttributes() {
    TaskDefinition td = Defs.prepare("{family: 'web', volumes: [{name: 'efs', efsVolumeConfiguration: {fileSystemId: 'fs-1',"
        + " transitEncryption: 'ENABLED'}}, {name: 'plugin', dockerVolumeConfiguration: {driver: 'rexray/ebs'}}],"
        + " containerDefinitions: [{name: 'a', image: 'nginx', memoryReservation: 64, dependsOn: [{containerName: 'b',"
        + " condition: 'START'}]}, {name: 'b', image: 'nginx', memory: 64,"
        + " secrets: [{name: 'S', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:s'}]}]}");
    assertThat(names(td.requiresAttributes())).contains(
        "com.amazonaws.ecs.capability.docker-remote-api.1.21",
        "ecs.capability.container-ordering",
        "ecs.capability.secrets.asm.environment-variables",
        "ecs.capability.efs",
        "ecs.capability.efsAuth",
        "com.amazonaws.ecs.capability.docker-remote-api.1.25",
        "ecs.capability.docker-plugin.rexray/ebs");
  }

  private static List<String> names(List<Attribute> attributes) {
    return attributes.stream().map(Attribute::name).toList();
  }
}
