package io.gantry.e2e.support;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ecs.model.ContainerCondition;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.ContainerDependency;
import software.amazon.awssdk.services.ecs.model.ContainerRestartPolicy;
import software.amazon.awssdk.services.ecs.model.Device;
import software.amazon.awssdk.services.ecs.model.DockerVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.EFSAuthorizationConfig;
import software.amazon.awssdk.services.ecs.model.EFSVolumeConfiguration;
import software.amazon.awssdk.services.ecs.model.EnvironmentFile;
import software.amazon.awssdk.services.ecs.model.FirelensConfiguration;
import software.amazon.awssdk.services.ecs.model.HealthCheck;
import software.amazon.awssdk.services.ecs.model.HostEntry;
import software.amazon.awssdk.services.ecs.model.HostVolumeProperties;
import software.amazon.awssdk.services.ecs.model.KernelCapabilities;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.LinuxParameters;
import software.amazon.awssdk.services.ecs.model.LogConfiguration;
import software.amazon.awssdk.services.ecs.model.MountPoint;
import software.amazon.awssdk.services.ecs.model.PortMapping;
import software.amazon.awssdk.services.ecs.model.RegisterTaskDefinitionRequest;
import software.amazon.awssdk.services.ecs.model.RepositoryCredentials;
import software.amazon.awssdk.services.ecs.model.ResourceRequirement;
import software.amazon.awssdk.services.ecs.model.RuntimePlatform;
import software.amazon.awssdk.services.ecs.model.Secret;
import software.amazon.awssdk.services.ecs.model.SystemControl;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionPlacementConstraint;
import software.amazon.awssdk.services.ecs.model.Tmpfs;
import software.amazon.awssdk.services.ecs.model.Ulimit;
import software.amazon.awssdk.services.ecs.model.Volume;
import software.amazon.awssdk.services.ecs.model.VolumeFrom;

/**
 * A task definition that sets every container-definition member the SDK offers, with each
 * default ECS would fill in given explicitly, so what Describe returns must equal what was sent.
 * Bridge networking on EC2, since awsvpc forbids hostnames, links and DNS settings. Pure; each
 * call builds new immutable SDK values.
 */
public final class FullTaskDefinition {
  private FullTaskDefinition() {}

  public static ContainerDefinition app() {
    return ContainerDefinition.builder()
        .name("app")
        .image("registry.example.com/team/app:1.4.2")
        .repositoryCredentials(RepositoryCredentials.builder()
            .credentialsParameter("arn:aws:secretsmanager:us-east-1:000000000000:secret:registry-AbCdEf").build())
        .cpu(512)
        .memory(1024)
        .memoryReservation(512)
        .links("sidecar:side")
        .portMappings(
            PortMapping.builder().containerPort(8080).hostPort(0).protocol("tcp").name("http").appProtocol("http").build(),
            PortMapping.builder().containerPort(8443).hostPort(443).protocol("tcp").name("grpc").appProtocol("grpc").build(),
            PortMapping.builder().containerPortRange("9000-9010").protocol("udp").build())
        .essential(true)
        .restartPolicy(ContainerRestartPolicy.builder().enabled(true).ignoredExitCodes(0, 143).restartAttemptPeriod(180).build())
        .entryPoint("/bin/sh", "-c")
        .command("exec app --port 8080")
        .environment(KeyValuePair.builder().name("MODE").value("production").build(),
            KeyValuePair.builder().name("EMPTY").value("").build())
        .environmentFiles(EnvironmentFile.builder().value("arn:aws:s3:::config-bucket/app.env").type("s3").build())
        .mountPoints(MountPoint.builder().sourceVolume("data").containerPath("/data").readOnly(false).build(),
            MountPoint.builder().sourceVolume("cache").containerPath("/cache").readOnly(true).build(),
            MountPoint.builder().sourceVolume("shared").containerPath("/shared").readOnly(false).build())
        .volumesFrom(VolumeFrom.builder().sourceContainer("sidecar").readOnly(true).build())
        .linuxParameters(LinuxParameters.builder()
            .capabilities(KernelCapabilities.builder().add("NET_ADMIN", "SYS_TIME").drop("MKNOD").build())
            .devices(Device.builder().hostPath("/dev/fuse").containerPath("/dev/fuse").permissionsWithStrings("read", "write").build())
            .initProcessEnabled(true)
            .sharedMemorySize(128)
            .tmpfs(Tmpfs.builder().containerPath("/run").size(64).mountOptions("rw", "noexec").build())
            .maxSwap(2048)
            .swappiness(10)
            .build())
        .secrets(Secret.builder().name("DB_PASSWORD").valueFrom("arn:aws:ssm:us-east-1:000000000000:parameter/db/password").build())
        .dependsOn(ContainerDependency.builder().containerName("sidecar").condition(ContainerCondition.HEALTHY).build())
        .startTimeout(120)
        .stopTimeout(30)
        .versionConsistency("disabled")
        .hostname("app.internal")
        .user("1000:1000")
        .workingDirectory("/srv/app")
        .disableNetworking(false)
        .privileged(false)
        .readonlyRootFilesystem(true)
        .dnsServers("10.0.0.2", "10.0.0.3")
        .dnsSearchDomains("svc.internal")
        .extraHosts(HostEntry.builder().hostname("db").ipAddress("10.0.0.5").build())
        .dockerSecurityOptions("no-new-privileges")
        .interactive(false)
        .pseudoTerminal(false)
        .dockerLabels(Map.of("com.example.team", "web", "com.example.tier", "front"))
        .ulimits(Ulimit.builder().name("nofile").softLimit(4096).hardLimit(8192).build(),
            Ulimit.builder().name("nproc").softLimit(512).hardLimit(1024).build())
        .logConfiguration(LogConfiguration.builder().logDriver("awsfirelens")
            .options(Map.of("Name", "cloudwatch", "region", "us-east-1"))
            .secretOptions(Secret.builder().name("apikey").valueFrom("arn:aws:ssm:us-east-1:000000000000:parameter/log/key").build())
            .build())
        .healthCheck(HealthCheck.builder().command("CMD-SHELL", "curl -f http://localhost:8080/health || exit 1")
            .interval(10).timeout(3).retries(2).startPeriod(15).build())
        .systemControls(SystemControl.builder().namespace("net.core.somaxconn").value("1024").build())
        .resourceRequirements(ResourceRequirement.builder().type("GPU").value("1").build())
        .credentialSpecs("credentialspecdomainless:arn:aws:s3:::bucket/spec.json")
        .build();
  }

  public static ContainerDefinition sidecar() {
    return ContainerDefinition.builder()
        .name("sidecar")
        .image("public.ecr.aws/aws-observability/aws-for-fluent-bit:stable")
        .cpu(0)
        .memoryReservation(64)
        .essential(false)
        .portMappings(List.of())
        .environment(List.of())
        .mountPoints(List.of())
        .volumesFrom(List.of())
        .systemControls(List.of())
        .firelensConfiguration(FirelensConfiguration.builder().type("fluentbit")
            .options(Map.of("enable-ecs-log-metadata", "true")).build())
        .healthCheck(HealthCheck.builder().command("CMD", "true").interval(30).timeout(5).retries(3).build())
        .logConfiguration(LogConfiguration.builder().logDriver("json-file").options(Map.of("max-size", "10m")).build())
        .build();
  }

  public static List<Volume> volumes() {
    return List.of(
        Volume.builder().name("data").host(HostVolumeProperties.builder().sourcePath("/srv/data").build()).build(),
        Volume.builder().name("cache").dockerVolumeConfiguration(DockerVolumeConfiguration.builder()
            .scope("shared").autoprovision(true).driver("local")
            .driverOpts(Map.of("type", "tmpfs", "device", "tmpfs")).labels(Map.of("purpose", "cache")).build()).build(),
        Volume.builder().name("shared").efsVolumeConfiguration(EFSVolumeConfiguration.builder()
            .fileSystemId("fs-0123456789abcdef0").rootDirectory("/").transitEncryption("ENABLED").transitEncryptionPort(2049)
            .authorizationConfig(EFSAuthorizationConfig.builder().accessPointId("fsap-0123456789abcdef0").iam("ENABLED").build())
            .build()).build());
  }

  /** The whole request, with {@code family}. */
  public static RegisterTaskDefinitionRequest request(String family) {
    return RegisterTaskDefinitionRequest.builder()
        .family(family)
        .taskRoleArn("arn:aws:iam::000000000000:role/app-task")
        .executionRoleArn("arn:aws:iam::000000000000:role/app-execution")
        .networkMode("bridge")
        .containerDefinitions(app(), sidecar())
        .volumes(volumes())
        .placementConstraints(TaskDefinitionPlacementConstraint.builder().type("memberOf")
            .expression("attribute:ecs.instance-type =~ g5.*").build())
        .requiresCompatibilitiesWithStrings("EC2")
        .cpu("2048")
        .memory("4096")
        .pidMode("task")
        .ipcMode("task")
        .runtimePlatform(RuntimePlatform.builder().cpuArchitecture("X86_64").operatingSystemFamily("LINUX").build())
        .enableFaultInjection(false)
        .build();
  }
}
