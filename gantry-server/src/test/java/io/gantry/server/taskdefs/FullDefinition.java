package io.gantry.server.taskdefs;

/**
 * A RegisterTaskDefinition request that sets every member of the request and every member of a
 * container definition (the {@code app} container), in a combination ECS accepts.
 */
final class FullDefinition {
  private FullDefinition() {}

  static final String APP = """
      {
        "name": "app",
        "image": "nginx:1.25",
        "repositoryCredentials": {"credentialsParameter": "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry"},
        "cpu": 256,
        "memory": 512,
        "memoryReservation": 256,
        "links": ["db:database"],
        "portMappings": [
          {"containerPort": 80, "hostPort": 8080, "protocol": "tcp", "name": "http", "appProtocol": "http"},
          {"containerPortRange": "9000-9010", "protocol": "udp"}
        ],
        "essential": true,
        "restartPolicy": {"enabled": true, "ignoredExitCodes": [0, 143], "restartAttemptPeriod": 300},
        "entryPoint": ["sh", "-c"],
        "command": ["nginx -g 'daemon off;'"],
        "environment": [{"name": "MODE", "value": "prod"}, {"name": "EMPTY", "value": ""}],
        "environmentFiles": [{"value": "arn:aws:s3:::config-bucket/app.env", "type": "s3"}],
        "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": false}],
        "volumesFrom": [{"sourceContainer": "db", "readOnly": true}],
        "linuxParameters": {
          "capabilities": {"add": ["NET_ADMIN"], "drop": ["MKNOD"]},
          "devices": [{"hostPath": "/dev/fuse", "containerPath": "/dev/fuse", "permissions": ["read", "write"]}],
          "initProcessEnabled": true,
          "sharedMemorySize": 64,
          "tmpfs": [{"containerPath": "/tmp", "size": 64, "mountOptions": ["rw", "noexec"]}],
          "maxSwap": 512,
          "swappiness": 60
        },
        "secrets": [{"name": "TOKEN", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/token"}],
        "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}],
        "startTimeout": 120,
        "stopTimeout": 30,
        "versionConsistency": "disabled",
        "hostname": "app",
        "user": "nginx",
        "workingDirectory": "/srv",
        "disableNetworking": false,
        "privileged": false,
        "readonlyRootFilesystem": true,
        "dnsServers": ["10.0.0.2"],
        "dnsSearchDomains": ["example.internal"],
        "extraHosts": [{"hostname": "db.local", "ipAddress": "10.0.0.5"}],
        "dockerSecurityOptions": ["no-new-privileges"],
        "interactive": false,
        "pseudoTerminal": false,
        "dockerLabels": {"com.example.team": "web", "tier": "front"},
        "ulimits": [{"name": "nofile", "softLimit": 1024, "hardLimit": 4096}],
        "logConfiguration": {
          "logDriver": "awslogs",
          "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1", "awslogs-stream-prefix": "app"},
          "secretOptions": [{"name": "api-key", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/logs"}]
        },
        "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 10, "timeout": 3,
          "retries": 2, "startPeriod": 15},
        "systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}],
        "resourceRequirements": [{"value": "1", "type": "GPU"}, {"value": "device1", "type": "InferenceAccelerator"}],
        "firelensConfiguration": {"type": "fluentbit", "options": {"enable-ecs-log-metadata": "true"}},
        "credentialSpecs": ["credentialspec:arn:aws:s3:::config-bucket/spec.json"]
      }""";

  static final String DB = """
      {"name": "db", "image": "redis:7", "memory": 256, "healthCheck": {"command": ["CMD", "redis-cli", "ping"]}}""";

  static final String ENVOY = """
      {"name": "envoy", "image": "envoyproxy/envoy:v1.29", "cpu": 64, "memory": 128, "essential": true}""";

  static final String REQUEST = """
      {
        "family": "full",
        "taskRoleArn": "arn:aws:iam::123456789012:role/task",
        "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
        "networkMode": "bridge",
        "containerDefinitions": [%s, %s, %s],
        "volumes": [
          {"name": "data", "host": {"sourcePath": "/srv/data"}},
          {"name": "scratch", "dockerVolumeConfiguration": {"scope": "shared", "autoprovision": true, "driver": "local",
            "driverOpts": {"type": "tmpfs"}, "labels": {"purpose": "scratch"}}},
          {"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-12345678", "rootDirectory": "/",
            "transitEncryption": "ENABLED", "transitEncryptionPort": 2049,
            "authorizationConfig": {"accessPointId": "fsap-1234", "iam": "ENABLED"}}},
          {"name": "fsx", "fsxWindowsFileServerVolumeConfiguration": {"fileSystemId": "fs-0123", "rootDirectory": "share",
            "authorizationConfig": {"credentialsParameter": "arn:aws:ssm:us-east-1:123456789012:parameter/fsx",
            "domain": "corp.example.com"}}},
          {"name": "s3", "s3filesVolumeConfiguration": {"fileSystemArn": "arn:aws:s3files:us-east-1:123456789012:file-system/f",
            "rootDirectory": "/", "transitEncryptionPort": 2049, "accessPointArn": "arn:aws:s3files:us-east-1:123456789012:ap/a"}},
          {"name": "later", "configuredAtLaunch": true}
        ],
        "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.instance-type =~ g4dn.*"}],
        "requiresCompatibilities": ["EC2"],
        "cpu": "1 vCPU",
        "memory": "2 GB",
        "tags": [{"key": "team", "value": "web"}, {"key": "cost-center", "value": "42"}],
        "pidMode": "task",
        "ipcMode": "task",
        "proxyConfiguration": {"type": "APPMESH", "containerName": "envoy",
          "properties": [{"name": "IgnoredUID", "value": "1337"}, {"name": "ProxyIngressPort", "value": "15000"}]},
        "inferenceAccelerators": [{"deviceName": "device1", "deviceType": "eia2.medium"}],
        "ephemeralStorage": {"sizeInGiB": 30},
        "runtimePlatform": {"cpuArchitecture": "X86_64", "operatingSystemFamily": "LINUX"},
        "enableFaultInjection": false
      }""".formatted(APP, DB, ENVOY);
}
