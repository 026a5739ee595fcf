package io.gantry.model.taskdef;

import static io.gantry.model.taskdef.TaskDefinitionEnums.checkValue;

import io.gantry.model.EcsException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rules for the volumes of a task definition: unique valid names, at most one kind of
 * configuration per volume, and the required members and combinations of each kind. Pure.
 */
final class VolumeRules {
  private VolumeRules() {}

  /** Checks {@code volumes} and returns their names, in declaration order. */
  static Set<String> check(List<Volume> volumes) {
    Set<String> names = new LinkedHashSet<>();
    if (volumes == null) {
      return names;
    }
    Names.noNullElements(volumes, "volumes");
    for (Volume v : volumes) {
      Names.checkName(v.name(), "Volume.name");
      if (!names.add(v.name())) {
        throw EcsException.client("Volume names must be unique within a task definition: '" + v.name() + "'.");
      }
      if (kinds(v) > 1) {
        throw EcsException.client("Volume '" + v.name() + "' can have only one of host, "
            + "dockerVolumeConfiguration, efsVolumeConfiguration, "
            + "fsxWindowsFileServerVolumeConfiguration and s3filesVolumeConfiguration.");
      }
      docker(v.name(), v.dockerVolumeConfiguration());
      efs(v.name(), v.efsVolumeConfiguration());
      fsx(v.fsxWindowsFileServerVolumeConfiguration());
      if (v.s3filesVolumeConfiguration() != null) {
        Names.required(v.s3filesVolumeConfiguration().fileSystemArn(), "S3FilesVolumeConfiguration.fileSystemArn");
        port(v.name(), v.s3filesVolumeConfiguration().transitEncryptionPort());
      }
    }
    return names;
  }

  private static int kinds(Volume v) {
    int n = 0;
    for (Object kind : new Object[] {v.host(), v.dockerVolumeConfiguration(), v.efsVolumeConfiguration(),
        v.fsxWindowsFileServerVolumeConfiguration(), v.s3filesVolumeConfiguration()}) {
      n += kind == null ? 0 : 1;
    }
    return n;
  }

  private static void docker(String volume, DockerVolumeConfiguration docker) {
    if (docker == null) {
      return;
    }
    checkValue(docker.scope(), TaskDefinitionEnums.DOCKER_VOLUME_SCOPE, "dockerVolumeConfiguration.scope");
    if (Boolean.TRUE.equals(docker.autoprovision()) && !"shared".equals(docker.scope())) {
      throw EcsException.client("Invalid setting for volume '" + volume
          + "'. 'autoprovision' can only be true when 'scope' is 'shared'.");
    }
  }

  private static void efs(String volume, EFSVolumeConfiguration efs) {
    if (efs == null) {
      return;
    }
    Names.required(efs.fileSystemId(), "EFSVolumeConfiguration.fileSystemId");
    checkValue(efs.transitEncryption(), TaskDefinitionEnums.ENABLED_DISABLED,
        "efsVolumeConfiguration.transitEncryption");
    port(volume, efs.transitEncryptionPort());
    EFSAuthorizationConfig auth = efs.authorizationConfig();
    if (auth == null) {
      return;
    }
    checkValue(auth.iam(), TaskDefinitionEnums.ENABLED_DISABLED, "efsVolumeConfiguration.authorizationConfig.iam");
    boolean usesAuth = auth.accessPointId() != null || "ENABLED".equals(auth.iam());
    if (usesAuth && !"ENABLED".equals(efs.transitEncryption())) {
      throw EcsException.client("Invalid setting for volume '" + volume
          + "'. Transit encryption must be enabled when an access point or IAM authorization is used.");
    }
    if (auth.accessPointId() != null && efs.rootDirectory() != null && !"/".equals(efs.rootDirectory())) {
      throw EcsException.client("Invalid setting for volume '" + volume
          + "'. The root directory must be omitted or set to '/' when an access point is used.");
    }
  }

  private static void fsx(FSxWindowsFileServerVolumeConfiguration fsx) {
    if (fsx == null) {
      return;
    }
    Names.required(fsx.fileSystemId(), "FSxWindowsFileServerVolumeConfiguration.fileSystemId");
    Names.required(fsx.rootDirectory(), "FSxWindowsFileServerVolumeConfiguration.rootDirectory");
    Names.required(fsx.authorizationConfig(), "FSxWindowsFileServerVolumeConfiguration.authorizationConfig");
    Names.required(fsx.authorizationConfig().credentialsParameter(),
        "FSxWindowsFileServerAuthorizationConfig.credentialsParameter");
    Names.required(fsx.authorizationConfig().domain(), "FSxWindowsFileServerAuthorizationConfig.domain");
  }

  private static void port(String volume, Integer port) {
    if (port != null && (port < 1 || port > 65_535)) {
      throw EcsException.client("Invalid 'transitEncryptionPort' setting for volume '" + volume + "'.");
    }
  }
}
