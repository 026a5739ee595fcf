package io.gantry.api.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** Sample ECS request and response bodies, valid against the bundled model. */
final class EcsSamples {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private EcsSamples() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A RegisterTaskDefinition input that uses most of the request's members. */
  static final String REGISTER_TASK_DEFINITION = """
      {
        "family": "web",
        "taskRoleArn": "arn:aws:iam::123456789012:role/task",
        "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
        "networkMode": "awsvpc",
        "containerDefinitions": [
          {
            "name": "app",
            "image": "public.ecr.aws/nginx/nginx:1.27",
            "cpu": 256,
            "memory": 512,
            "memoryReservation": 256,
            "essential": true,
            "entryPoint": ["/docker-entrypoint.sh"],
            "command": ["nginx", "-g", "daemon off;"],
            "workingDirectory": "/srv",
            "user": "1000:1000",
            "portMappings": [
              {"containerPort": 80, "hostPort": 80, "protocol": "tcp", "name": "http", "appProtocol": "http"},
              {"containerPort": 8443, "protocol": "udp"},
              {"containerPortRange": "9000-9099"}
            ],
            "environment": [{"name": "MODE", "value": "production"}],
            "environmentFiles": [{"value": "arn:aws:s3:::bucket/app.env", "type": "s3"}],
            "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/db"}],
            "mountPoints": [{"sourceVolume": "data", "containerPath": "/data", "readOnly": false}],
            "volumesFrom": [{"sourceContainer": "sidecar", "readOnly": true}],
            "dependsOn": [{"containerName": "sidecar", "condition": "HEALTHY"}],
            "links": ["sidecar:side"],
            "hostname": "app",
            "dnsServers": ["10.0.0.2"],
            "extraHosts": [{"hostname": "db.internal", "ipAddress": "10.0.0.9"}],
            "linuxParameters": {
              "capabilities": {"add": ["NET_ADMIN"], "drop": ["MKNOD"]},
              "devices": [{"hostPath": "/dev/fuse", "containerPath": "/dev/fuse", "permissions": ["read", "write"]}],
              "initProcessEnabled": true,
              "sharedMemorySize": 64,
              "tmpfs": [{"containerPath": "/tmp", "size": 128, "mountOptions": ["rw"]}]
            },
            "healthCheck": {"command": ["CMD-SHELL", "curl -f http://localhost/ || exit 1"], "interval": 30, "timeout": 5, "retries": 3, "startPeriod": 10},
            "ulimits": [{"name": "nofile", "softLimit": 65536, "hardLimit": 65536}],
            "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/web", "awslogs-region": "us-east-1"}},
            "dockerLabels": {"com.example.team": "platform"},
            "systemControls": [{"namespace": "net.core.somaxconn", "value": "1024"}],
            "resourceRequirements": [{"type": "GPU", "value": "1"}],
            "restartPolicy": {"enabled": true, "ignoredExitCodes": [0, 143], "restartAttemptPeriod": 300},
            "startTimeout": 60,
            "stopTimeout": 30,
            "readonlyRootFilesystem": false,
            "versionConsistency": "enabled"
          },
          {
            "name": "sidecar",
            "image": "busybox",
            "memory": 64,
            "essential": false,
            "firelensConfiguration": {"type": "fluentbit", "options": {"enable-ecs-log-metadata": "true"}}
          }
        ],
        "volumes": [
          {"name": "data", "host": {"sourcePath": "/var/data"}},
          {"name": "shared", "dockerVolumeConfiguration": {"scope": "shared", "autoprovision": true, "driver": "local", "driverOpts": {"type": "tmpfs"}, "labels": {"a": "b"}}},
          {"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-1234", "rootDirectory": "/", "transitEncryption": "ENABLED", "transitEncryptionPort": 2049}}
        ],
        "placementConstraints": [{"type": "memberOf", "expression": "attribute:ecs.os-type == linux"}],
        "requiresCompatibilities": ["EC2", "FARGATE"],
        "cpu": "1024",
        "memory": "2048",
        "pidMode": "task",
        "ipcMode": "none",
        "proxyConfiguration": {"type": "APPMESH", "containerName": "envoy", "properties": [{"name": "AppPorts", "value": "80"}]},
        "inferenceAccelerators": [{"deviceName": "device1", "deviceType": "eia2.medium"}],
        "ephemeralStorage": {"sizeInGiB": 30},
        "runtimePlatform": {"cpuArchitecture": "ARM64", "operatingSystemFamily": "LINUX"},
        "enableFaultInjection": false,
        "tags": [{"key": "team", "value": "platform"}, {"key": "empty", "value": ""}]
      }
      """;

  /** A CreateCluster input with settings, tags, configuration and a capacity provider strategy. */
  static final String CREATE_CLUSTER = """
      {
        "clusterName": "prod",
        "settings": [{"name": "containerInsights", "value": "enabled"}],
        "tags": [{"key": "env", "value": "prod"}],
        "capacityProviders": ["FARGATE", "FARGATE_SPOT"],
        "defaultCapacityProviderStrategy": [{"capacityProvider": "FARGATE", "weight": 1, "base": 1}, {"capacityProvider": "FARGATE_SPOT", "weight": 4}],
        "configuration": {
          "executeCommandConfiguration": {
            "kmsKeyId": "key",
            "logging": "OVERRIDE",
            "logConfiguration": {"cloudWatchLogGroupName": "/ecs/exec", "cloudWatchEncryptionEnabled": true, "s3BucketName": "logs", "s3EncryptionEnabled": false, "s3KeyPrefix": "exec/"}
          },
          "managedStorageConfiguration": {"kmsKeyId": "key", "fargateEphemeralStorageKmsKeyId": "key2"}
        },
        "serviceConnectDefaults": {"namespace": "prod.local"}
      }
      """;

  /** A DescribeTaskDefinition output as Gantry writes it: timestamps are epoch seconds. */
  static final String DESCRIBE_TASK_DEFINITION_OUTPUT = """
      {
        "taskDefinition": {
          "taskDefinitionArn": "arn:aws:ecs:us-east-1:123456789012:task-definition/web:3",
          "family": "web",
          "revision": 3,
          "status": "ACTIVE",
          "networkMode": "bridge",
          "containerDefinitions": [{"name": "app", "image": "nginx", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 0, "protocol": "tcp"}]}],
          "compatibilities": ["EC2"],
          "requiresAttributes": [{"name": "com.amazonaws.ecs.capability.docker-remote-api.1.18"}],
          "registeredAt": 1700000000.123,
          "registeredBy": "arn:aws:iam::123456789012:root"
        },
        "tags": []
      }
      """;
}
