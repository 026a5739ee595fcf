package io.gantry.model.cluster;

/** The ECS {@code ClusterConfiguration}: execute-command and managed-storage settings. */
public record ClusterConfiguration(
    ExecuteCommandConfiguration executeCommandConfiguration,
    ManagedStorageConfiguration managedStorageConfiguration) {

  /** ECS {@code ExecuteCommandConfiguration}. */
  public record ExecuteCommandConfiguration(String kmsKeyId, String logging, ExecuteCommandLogConfiguration logConfiguration) {}

  /** ECS {@code ExecuteCommandLogConfiguration}. */
  public record ExecuteCommandLogConfiguration(
      String cloudWatchLogGroupName,
      Boolean cloudWatchEncryptionEnabled,
      String s3BucketName,
      Boolean s3EncryptionEnabled,
      String s3KeyPrefix) {}

  /** ECS {@code ManagedStorageConfiguration}. */
  public record ManagedStorageConfiguration(String kmsKeyId, String fargateEphemeralStorageKmsKeyId) {}
}
