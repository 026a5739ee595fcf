package io.gantry.model.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.gantry.model.EcsException;
import io.gantry.model.ErrorCode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RegisterTaskDefinition validation, table-driven: each invalid definition with ECS's error. */
class TaskDefinitionValidationTest {
  private static final String APP = "{name: 'app', image: 'nginx', memory: 128}";
  private static final String FARGATE = "family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'awsvpc', ";

  static Stream<Arguments> invalid() {
    return Stream.of(
        // family
        bad("{containerDefinitions: [" + APP + "]}", "Family should not be null or empty."),
        bad("{family: 'my app', containerDefinitions: [" + APP + "]}", "Family contains invalid characters."),
        bad("{family: 'a.b', containerDefinitions: [" + APP + "]}", "Family contains invalid characters."),
        bad("{family: '" + "f".repeat(256) + "', containerDefinitions: [" + APP + "]}",
            "Family must be between 1 and 255 characters long."),
        // containers
        bad("{family: 'web'}", "Container list cannot be empty."),
        bad("{family: 'web', containerDefinitions: []}", "Container list cannot be empty."),
        bad(elevenContainers(), "Too many containers."),
        bad("{family: 'web', containerDefinitions: [null]}", ErrorCode.INVALID_PARAMETER,
            "Invalid null element in 'containerDefinitions'."),
        bad(Defs.containers("{image: 'nginx', memory: 128}"), "Container.name should not be null or empty."),
        bad(Defs.containers("{name: 'my app', image: 'nginx', memory: 128}"), "Container.name contains invalid characters."),
        bad(Defs.containers("{name: 'app', memory: 128}"), "Container.image should not be null or empty."),
        bad(Defs.containers("{name: 'app', image: ' ', memory: 128}"), "Container.image should not be null or empty."),
        bad(Defs.containers(APP, APP), "Container names must be unique within a task definition: 'app'."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, essential: false}"),
            "A task definition must have at least one essential container."),
        // memory and cpu
        bad(Defs.containers("{name: 'app', image: 'nginx'}"),
            "Invalid setting for container 'app'. At least one of 'memory' or 'memoryReservation' must be specified."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 5}"),
            "Invalid 'memory' setting for container 'app'. The minimum is 6 MiB."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, memoryReservation: 256}"),
            "Invalid setting for container 'app'. 'memoryReservation' must be less than or equal to 'memory'."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memoryReservation: 0}"),
            "Invalid 'memoryReservation' setting for container 'app'."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, cpu: -1}"), "Invalid 'cpu' setting for container 'app'."),
        bad("{family: 'web', memory: '256', containerDefinitions: [{name: 'app', image: 'nginx', memory: 512}]}",
            "The 'memory' setting for container 'app' is greater than for the task."),
        bad("{family: 'web', memory: '256', containerDefinitions: [{name: 'a', image: 'nginx', memoryReservation: 200},"
            + " {name: 'b', image: 'nginx', memory: 100}]}",
            "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'."),
        bad("{family: 'web', cpu: '256', containerDefinitions: [{name: 'app', image: 'nginx', memory: 64, cpu: 512}]}",
            "The 'cpu' setting for container 'app' is greater than for the task."),
        bad("{family: 'web', cpu: '256', containerDefinitions: [{name: 'a', image: 'nginx', memory: 64, cpu: 200},"
            + " {name: 'b', image: 'nginx', memory: 64, cpu: 100}]}",
            "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'."),
        bad("{family: 'web', cpu: 'lots', containerDefinitions: [" + APP + "]}", "Invalid 'cpu' setting for task."),
        bad("{family: 'web', cpu: '64', containerDefinitions: [" + APP + "]}", "Invalid 'cpu' setting for task."),
        bad("{family: 'web', cpu: '1.1 vCPU', containerDefinitions: [" + APP + "]}", "Invalid 'cpu' setting for task."),
        bad("{family: 'web', memory: '1 TB', containerDefinitions: [" + APP + "]}", "Invalid 'memory' setting for task."),
        // enums and compatibilities
        bad("{family: 'web', requiresCompatibilities: ['LAMBDA'], containerDefinitions: [" + APP + "]}", ErrorCode.INVALID_PARAMETER,
            "Invalid value 'LAMBDA' for requiresCompatibilities. Valid values are: EC2, FARGATE, EXTERNAL, MANAGED_INSTANCES."),
        bad("{family: 'web', networkMode: 'overlay', containerDefinitions: [" + APP + "]}", ErrorCode.INVALID_PARAMETER,
            "Invalid value 'overlay' for networkMode. Valid values are: bridge, host, awsvpc, none."),
        bad("{family: 'web', pidMode: 'shared', containerDefinitions: [" + APP + "]}", ErrorCode.INVALID_PARAMETER,
            "Invalid value 'shared' for pidMode. Valid values are: host, task."),
        // Fargate
        bad("{family: 'web', requiresCompatibilities: ['FARGATE'], cpu: '256', memory: '512', containerDefinitions: [" + APP + "]}",
            "Fargate only supports network mode \u2018awsvpc\u2019."),
        bad("{family: 'web', requiresCompatibilities: ['FARGATE'], networkMode: 'bridge', cpu: '256', memory: '512',"
            + " containerDefinitions: [" + APP + "]}", "Fargate only supports network mode \u2018awsvpc\u2019."),
        bad("{" + FARGATE + "memory: '512', containerDefinitions: [" + APP + "]}",
            "Fargate requires that 'cpu' be defined at the task level."),
        bad("{" + FARGATE + "cpu: '256', containerDefinitions: [" + APP + "]}",
            "Fargate requires that 'memory' be defined at the task level."),
        bad("{" + FARGATE + "cpu: '512', memory: '512', containerDefinitions: [" + APP + "]}",
            "No Fargate configuration exists for given values: 512 CPU, 512 memory. See the Amazon ECS documentation for the valid values."),
        bad("{" + FARGATE + "cpu: '0.5 vCPU', memory: '0.5 GB', containerDefinitions: [" + APP + "]}",
            "No Fargate configuration exists for given values: 512 CPU, 512 memory. See the Amazon ECS documentation for the valid values."),
        bad("{" + FARGATE + "cpu: '8192', memory: '18432', containerDefinitions: [" + APP + "]}",
            "No Fargate configuration exists for given values: 8192 CPU, 18432 memory. See the Amazon ECS documentation for the valid values."),
        bad("{" + FARGATE + "cpu: '512', memory: '1024', runtimePlatform: {operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE'},"
            + " containerDefinitions: [" + APP + "]}",
            "The CPU units cannot be less than 1 vCPU when you use Windows containers on Fargate."),
        bad("{" + FARGATE + "cpu: '256', memory: '512', containerDefinitions: [{name: 'app', image: 'nginx', privileged: true}]}",
            "Fargate does not support the 'privileged' parameter."),
        bad("{" + FARGATE + "cpu: '256', memory: '512', containerDefinitions: [{name: 'app', image: 'nginx',"
            + " linuxParameters: {devices: [{hostPath: '/dev/fuse'}]}}]}", "Fargate does not support the 'devices' parameter."),
        bad("{" + FARGATE + "cpu: '256', memory: '512', volumes: [{name: 'data', host: {sourcePath: '/data'}}],"
            + " containerDefinitions: [" + APP + "]}", "Fargate does not support the 'sourcePath' parameter."),
        bad("{" + FARGATE + "cpu: '256', memory: '512', containerDefinitions: [{name: 'app', image: 'nginx',"
            + " logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': 'g'}}}]}",
            "Fargate requires task definition to have execution role ARN to support log driver awslogs."),
        bad("{" + FARGATE + "cpu: '256', memory: '512', containerDefinitions: [{name: 'app',"
            + " image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1'}]}",
            "Fargate requires task definition to have execution role ARN to support ECR images."),
        bad("{family: 'web', requiresCompatibilities: ['EXTERNAL'], networkMode: 'awsvpc', containerDefinitions: [" + APP + "]}",
            "The task definition is not compatible with the EXTERNAL launch type: it cannot use networkMode=awsvpc or EFS, FSx"
                + " or S3 Files volumes."),
        // port mappings per network mode
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, portMappings: [{containerPort: 0}]}"),
            "Invalid 'containerPort' setting for container 'app'."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, portMappings: [{containerPort: 65536}]}"),
            "Invalid 'containerPort' setting for container 'app'."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, portMappings: [{hostPort: 80}]}"),
            "Invalid 'containerPort' setting for container 'app'."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, portMappings: [{containerPort: 80, hostPort: 70000}]}"),
            "Invalid 'hostPort' setting for container 'app'."),
        bad("{family: 'web', networkMode: 'awsvpc', containerDefinitions: [{name: 'app', image: 'nginx', memory: 128,"
            + " portMappings: [{containerPort: 80, hostPort: 8080}]}]}",
            "When networkMode=awsvpc, the host ports and container ports in port mappings must match."),
        bad("{family: 'web', networkMode: 'host', containerDefinitions: [{name: 'app', image: 'nginx', memory: 128,"
            + " portMappings: [{containerPort: 80, hostPort: 8080}]}]}",
            "When networkMode=host, the host ports and container ports in port mappings must match."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, portMappings: [{containerPort: 80, protocol: 'sctp'}]}"),
            ErrorCode.INVALID_PARAMETER, "Invalid value 'sctp' for portMappings.protocol. Valid values are: tcp, udp."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128,"
            + " portMappings: [{containerPort: 53, protocol: 'tcp'}, {containerPort: 53, protocol: 'udp'}]}"),
            "Container port 53 is mapped more than once in container 'app'."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, portMappings: [{containerPortRange: '9000-8000'}]}"),
            "Invalid 'containerPortRange' setting for container 'app'."),
        bad(Defs.containers("{name: 'a', image: 'nginx', memory: 128, portMappings: [{containerPort: 80, name: 'web'}]}",
            "{name: 'b', image: 'nginx', memory: 128, portMappings: [{containerPort: 81, name: 'web'}]}"),
            "Port mapping names must be unique within a task definition: 'web'."),
        // links and network-mode restrictions
        bad("{family: 'web', networkMode: 'awsvpc', containerDefinitions: [{name: 'a', image: 'nginx', memory: 128, links: ['b']},"
            + " {name: 'b', image: 'redis', memory: 128}]}", "Links are not supported when networkMode=awsvpc."),
        bad("{family: 'web', networkMode: 'host', containerDefinitions: [{name: 'a', image: 'nginx', memory: 128, links: ['b']},"
            + " {name: 'b', image: 'redis', memory: 128}]}", "Links are not supported when networkMode=host."),
        bad(Defs.containers("{name: 'a', image: 'nginx', memory: 128, links: ['db:database']}"),
            "Invalid 'links' setting for container 'a'. 'db' is not another container of the task definition."),
        bad("{family: 'web', networkMode: 'awsvpc', containerDefinitions: [{name: 'a', image: 'nginx', memory: 128, hostname: 'a'}]}",
            "Hostnames are not supported when networkMode=awsvpc."),
        // dependsOn
        bad(Defs.containers("{name: 'a', image: 'nginx', memory: 128, dependsOn: [{containerName: 'db', condition: 'START'}]}"),
            "Invalid 'dependsOn' setting for container 'a'. 'db' is not another container of the task definition."),
        bad(Defs.containers("{name: 'a', image: 'nginx', memory: 128, dependsOn: [{containerName: 'b', condition: 'READY'}]}",
            "{name: 'b', image: 'nginx', memory: 128}"), ErrorCode.INVALID_PARAMETER,
            "Invalid value 'READY' for dependsOn.condition. Valid values are: START, COMPLETE, SUCCESS, HEALTHY."),
        bad(Defs.containers("{name: 'a', image: 'nginx', memory: 128, dependsOn: [{containerName: 'b'}]}",
            "{name: 'b', image: 'nginx', memory: 128}"), "ContainerDependency.condition should not be null or empty."),
        bad(Defs.containers("{name: 'a', image: 'nginx', memory: 128, dependsOn: [{containerName: 'b', condition: 'HEALTHY'}]}",
            "{name: 'b', image: 'nginx', memory: 128}"),
            "Invalid 'dependsOn' setting for container 'a'. The HEALTHY condition requires container 'b' to have a health check."),
        bad(Defs.containers("{name: 'a', image: 'nginx', memory: 128, dependsOn: [{containerName: 'b', condition: 'SUCCESS'}]}",
            "{name: 'b', image: 'nginx', memory: 128}"),
            "Invalid 'dependsOn' setting for container 'a'. The SUCCESS condition cannot be set on the essential container 'b'."),
        bad(Defs.containers("{name: 'a', image: 'nginx', memory: 128, dependsOn: [{containerName: 'b', condition: 'START'}]}",
            "{name: 'b', image: 'nginx', memory: 128, dependsOn: [{containerName: 'a', condition: 'START'}]}"),
            "Container dependencies form a cycle: a -> b -> a."),
        // health check
        bad(healthCheck("interval: 4"), "Invalid 'healthCheck' setting for container 'app'. 'interval' must be between 5 and 300."),
        bad(healthCheck("interval: 301"), "Invalid 'healthCheck' setting for container 'app'. 'interval' must be between 5 and 300."),
        bad(healthCheck("timeout: 1"), "Invalid 'healthCheck' setting for container 'app'. 'timeout' must be between 2 and 120."),
        bad(healthCheck("timeout: 121"), "Invalid 'healthCheck' setting for container 'app'. 'timeout' must be between 2 and 120."),
        bad(healthCheck("retries: 0"), "Invalid 'healthCheck' setting for container 'app'. 'retries' must be between 1 and 10."),
        bad(healthCheck("retries: 11"), "Invalid 'healthCheck' setting for container 'app'. 'retries' must be between 1 and 10."),
        bad(healthCheck("startPeriod: -1"), "Invalid 'healthCheck' setting for container 'app'. 'startPeriod' must be between 0 and 300."),
        bad(healthCheck("startPeriod: 301"), "Invalid 'healthCheck' setting for container 'app'. 'startPeriod' must be between 0 and 300."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, healthCheck: {command: []}}"),
            "HealthCheck.command should not be null or empty."),
        // volumes and mounts
        bad("{family: 'web', volumes: [{name: 'data'}, {name: 'data'}], containerDefinitions: [" + APP + "]}",
            "Volume names must be unique within a task definition: 'data'."),
        bad("{family: 'web', volumes: [{name: 'my data'}], containerDefinitions: [" + APP + "]}", "Volume.name contains invalid characters."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, mountPoints: [{sourceVolume: 'data', containerPath: '/d'}]}"),
            "Invalid 'mountPoints' setting for container 'app'. The source volume 'data' is not a volume of the task definition."),
        bad("{family: 'web', volumes: [{name: 'data', host: {sourcePath: '/d'}, dockerVolumeConfiguration: {driver: 'local'}}],"
            + " containerDefinitions: [" + APP + "]}",
            "Volume 'data' can have only one of host, dockerVolumeConfiguration, efsVolumeConfiguration,"
                + " fsxWindowsFileServerVolumeConfiguration and s3filesVolumeConfiguration."),
        bad("{family: 'web', volumes: [{name: 'data', efsVolumeConfiguration: {}}], containerDefinitions: [" + APP + "]}",
            "EFSVolumeConfiguration.fileSystemId should not be null or empty."),
        bad("{family: 'web', volumes: [{name: 'data', efsVolumeConfiguration: {fileSystemId: 'fs-1',"
            + " authorizationConfig: {iam: 'ENABLED'}}}], containerDefinitions: [" + APP + "]}",
            "Invalid setting for volume 'data'. Transit encryption must be enabled when an access point or IAM authorization is used."),
        bad(Defs.containers("{name: 'a', image: 'nginx', memory: 128, volumesFrom: [{sourceContainer: 'a'}]}"),
            "Invalid 'volumesFrom' setting for container 'a'. 'a' is not another container of the task definition."),
        // ephemeral storage and other task members
        bad("{family: 'web', ephemeralStorage: {sizeInGiB: 20}, containerDefinitions: [" + APP + "]}",
            "The ephemeral storage size must be between 21 and 200 GiB."),
        bad("{family: 'web', ephemeralStorage: {sizeInGiB: 201}, containerDefinitions: [" + APP + "]}",
            "The ephemeral storage size must be between 21 and 200 GiB."),
        bad("{family: 'web', proxyConfiguration: {containerName: 'envoy', type: 'APPMESH'}, containerDefinitions: [" + APP + "]}",
            "The proxy configuration container 'envoy' is not a container of the task definition."),
        // nested shapes
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, ulimits: [{name: 'nofile', softLimit: 2048, hardLimit: 1024}]}"),
            "Invalid 'ulimits' setting for container 'app'. The soft limit of 'nofile' is greater than its hard limit."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, ulimits: [{name: 'files', softLimit: 1, hardLimit: 1}]}"),
            ErrorCode.INVALID_PARAMETER, "Invalid value 'files' for ulimits.name. Valid values are: core, cpu, data, fsize, locks,"
                + " memlock, msgqueue, nice, nofile, nproc, rss, rtprio, rttime, sigpending, stack."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, logConfiguration: {options: {}}}"),
            "LogConfiguration.logDriver should not be null or empty."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, logConfiguration: {logDriver: 'awsfirelens'}}"),
            "Invalid 'logConfiguration' setting for container 'app'. The awsfirelens log driver requires a container with a"
                + " firelensConfiguration."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, secrets: [{name: 'TOKEN'}]}"),
            "Secret.valueFrom should not be null or empty."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, environment: [{value: 'x'}]}"),
            "Invalid 'environment' setting for container 'app'. Environment variable names should not be null or empty."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, resourceRequirements: [{type: 'GPU', value: 'two'}]}"),
            "Invalid 'resourceRequirements' setting for container 'app'. The GPU value must be a positive whole number."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, restartPolicy: {enabled: true, restartAttemptPeriod: 10}}"),
            "Invalid 'restartPolicy' setting for container 'app'. 'restartAttemptPeriod' must be between 60 and 1800."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, linuxParameters: {swappiness: 101}}"),
            "Invalid 'linuxParameters' setting for container 'app'. 'swappiness' must be between 0 and 100."),
        bad(Defs.containers("{name: 'app', image: 'nginx', memory: 128, command: ['a', null]}"), ErrorCode.INVALID_PARAMETER,
            "Invalid null element in 'command'."));
  }

  @ParameterizedTest(name = "{2}")
  @MethodSource("invalid")
  void rejectsWithTheEcsMessage(TaskDefinition def, ErrorCode code, String message) {
    EcsException e = catchThrowableOfType(EcsException.class, () -> TaskDefinitionRegistration.prepare(def));
    assertThat(e).as("expected %s", message).isNotNull();
    assertThat(e.getMessage()).isEqualTo(message);
    assertThat(e.code()).isEqualTo(code);
  }

  static Stream<Arguments> valid() {
    return Stream.of(
        Arguments.of("minimal EC2", Defs.containers(APP)),
        Arguments.of("memoryReservation only", Defs.containers("{name: 'app', image: 'nginx', memoryReservation: 64}")),
        Arguments.of("task memory only", Defs.parse("{family: 'web', memory: '512', containerDefinitions: [{name: 'app', image: 'nginx'}]}")),
        Arguments.of("Fargate 256/512", Defs.parse("{" + FARGATE + "cpu: '256', memory: '512', containerDefinitions: [{name: 'app', image: 'nginx'}]}")),
        Arguments.of("Fargate vCPU and GB", Defs.parse("{" + FARGATE + "cpu: '1 vCPU', memory: '2 GB', containerDefinitions: [{name: 'app', image: 'nginx'}]}")),
        Arguments.of("Fargate largest", Defs.parse("{" + FARGATE + "cpu: '16384', memory: '122880', containerDefinitions: [{name: 'app', image: 'nginx'}]}")),
        Arguments.of("Fargate awslogs with execution role", Defs.parse("{" + FARGATE + "cpu: '256', memory: '512',"
            + " executionRoleArn: 'arn:aws:iam::123456789012:role/exec', containerDefinitions: [{name: 'app',"
            + " image: '123456789012.dkr.ecr.us-east-1.amazonaws.com/app:1', logConfiguration: {logDriver: 'awslogs'}}]}")),
        Arguments.of("Fargate and EC2 with ptrace", Defs.parse("{family: 'web', requiresCompatibilities: ['EC2', 'FARGATE'],"
            + " networkMode: 'awsvpc', cpu: '512', memory: '1024', containerDefinitions: [{name: 'app', image: 'nginx',"
            + " linuxParameters: {capabilities: {add: ['SYS_PTRACE']}}}]}")),
        Arguments.of("awsvpc host port equal", Defs.parse("{family: 'web', networkMode: 'awsvpc', containerDefinitions: ["
            + "{name: 'app', image: 'nginx', memory: 128, portMappings: [{containerPort: 80, hostPort: 80}, {containerPort: 81}]}]}")),
        Arguments.of("bridge dynamic and fixed host ports", Defs.containers("{name: 'app', image: 'nginx', memory: 128,"
            + " portMappings: [{containerPort: 80}, {containerPort: 443, hostPort: 8443, protocol: 'tcp'}, {containerPort: 53,"
            + " hostPort: 0, protocol: 'udp'}]}")),
        Arguments.of("links in bridge mode", Defs.parse("{family: 'web', networkMode: 'bridge', containerDefinitions: ["
            + "{name: 'a', image: 'nginx', memory: 128, links: ['b:db']}, {name: 'b', image: 'redis', memory: 128}]}")),
        Arguments.of("dependencies", Defs.containers("{name: 'a', image: 'nginx', memory: 128, dependsOn: ["
            + "{containerName: 'b', condition: 'HEALTHY'}, {containerName: 'c', condition: 'SUCCESS'}]}",
            "{name: 'b', image: 'redis', memory: 128, healthCheck: {command: ['CMD', 'true'], interval: 5, timeout: 2,"
                + " retries: 10, startPeriod: 300}}",
            "{name: 'c', image: 'busybox', memory: 16, essential: false}")),
        Arguments.of("volumes", Defs.parse("{family: 'web', volumes: [{name: 'scratch'}, {name: 'data', host: {sourcePath: '/d'}},"
            + " {name: 'shared', dockerVolumeConfiguration: {scope: 'shared', autoprovision: true, driver: 'local'}},"
            + " {name: 'efs', efsVolumeConfiguration: {fileSystemId: 'fs-1', transitEncryption: 'ENABLED',"
            + " authorizationConfig: {accessPointId: 'fsap-1', iam: 'ENABLED'}}}], containerDefinitions: [{name: 'app',"
            + " image: 'nginx', memory: 128, mountPoints: [{sourceVolume: 'data', containerPath: '/d', readOnly: true}]}]}")),
        Arguments.of("ten containers", Defs.parse(containers(10))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("valid")
  void accepts(String name, TaskDefinition def) {
    assertThatCode(() -> TaskDefinitionRegistration.prepare(def)).doesNotThrowAnyException();
  }

  private static Arguments bad(String json, String message) {
    return bad(Defs.parse(json), ErrorCode.CLIENT, message);
  }

  private static Arguments bad(TaskDefinition def, String message) {
    return bad(def, ErrorCode.CLIENT, message);
  }

  private static Arguments bad(String json, ErrorCode code, String message) {
    return bad(Defs.parse(json), code, message);
  }

  private static Arguments bad(TaskDefinition def, ErrorCode code, String message) {
    return Arguments.of(def, code, message);
  }

  private static TaskDefinition healthCheck(String member) {
    return Defs.containers("{name: 'app', image: 'nginx', memory: 128, healthCheck: {command: ['CMD', 'true'], " + member + "}}");
  }

  private static String elevenContainers() {
    return containers(11);
  }

  private static String containers(int n) {
    StringBuilder json = new StringBuilder("{family: 'web', containerDefinitions: [");
    for (int i = 0; i < n; i++) {
      json.append(i == 0 ? "" : ", ").append("{name: 'c").append(i).append("', image: 'nginx', memory: 16}");
    }
    return json.append("]}").toString();
  }
}
