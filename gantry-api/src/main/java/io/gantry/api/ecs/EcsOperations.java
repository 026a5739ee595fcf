package io.gantry.api.ecs;

import java.util.Set;

/**
 * The names of all 77 operations of the ECS API (version 2014-11-13) and its awsJson1_1 target
 * prefix. An operation in this set that Gantry does not implement yet answers a clear
 * "not implemented" error; a name outside it is an unknown operation.
 */
public final class EcsOperations {
  /** The prefix of the {@code X-Amz-Target} header: {@code <prefix>.<Operation>}. */
  public static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113";

  public static final Set<String> ALL =
      Set.of(
      "ContinueServiceDeployment",
      "CreateCapacityProvider",
      "CreateCluster",
      "CreateDaemon",
      "CreateExpressGatewayService",
      "CreateService",
      "CreateTaskSet",
      "DeleteAccountSetting",
      "DeleteAttributes",
      "DeleteCapacityProvider",
      "DeleteCluster",
      "DeleteDaemon",
      "DeleteDaemonTaskDefinition",
      "DeleteExpressGatewayService",
      "DeleteService",
      "DeleteTaskDefinitions",
      "DeleteTaskSet",
      "DeregisterContainerInstance",
      "DeregisterTaskDefinition",
      "DescribeCapacityProviders",
      "DescribeClusters",
      "DescribeContainerInstances",
      "DescribeDaemon",
      "DescribeDaemonDeployments",
      "DescribeDaemonRevisions",
      "DescribeDaemonTaskDefinition",
      "DescribeExpressGatewayService",
      "DescribeServiceDeployments",
      "DescribeServiceRevisions",
      "DescribeServices",
      "DescribeTaskDefinition",
      "DescribeTaskSets",
      "DescribeTasks",
      "DiscoverPollEndpoint",
      "ExecuteCommand",
      "GetTaskProtection",
      "ListAccountSettings",
      "ListAttributes",
      "ListClusters",
      "ListContainerInstances",
      "ListDaemonDeployments",
      "ListDaemonTaskDefinitions",
      "ListDaemons",
      "ListServiceDeployments",
      "ListServices",
      "ListServicesByNamespace",
      "ListTagsForResource",
      "ListTaskDefinitionFamilies",
      "ListTaskDefinitions",
      "ListTasks",
      "PutAccountSetting",
      "PutAccountSettingDefault",
      "PutAttributes",
      "PutClusterCapacityProviders",
      "RegisterContainerInstance",
      "RegisterDaemonTaskDefinition",
      "RegisterTaskDefinition",
      "RunTask",
      "StartTask",
      "StopServiceDeployment",
      "StopTask",
      "SubmitAttachmentStateChanges",
      "SubmitContainerStateChange",
      "SubmitTaskStateChange",
      "TagResource",
      "UntagResource",
      "UpdateCapacityProvider",
      "UpdateCluster",
      "UpdateClusterSettings",
      "UpdateContainerAgent",
      "UpdateContainerInstancesState",
      "UpdateDaemon",
      "UpdateExpressGatewayService",
      "UpdateService",
      "UpdateServicePrimaryTaskSet",
      "UpdateTaskProtection",
      "UpdateTaskSet");

  private EcsOperations() {}
}
