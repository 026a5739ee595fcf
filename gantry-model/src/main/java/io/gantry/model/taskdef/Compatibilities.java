package io.gantry.model.taskdef;

import java.util.ArrayList;
import java.util.List;

/**
 * The {@code compatibilities} ECS computes for a registered definition: the launch types it
 * validated against. EC2 always; EXTERNAL (ECS Anywhere) unless the definition uses
 * {@code awsvpc} or EFS, FSx or S3 Files volumes; FARGATE when every Fargate rule holds
 * ({@link FargateRules}); MANAGED_INSTANCES when the definition asks for it. Pure.
 */
public final class Compatibilities {
  private Compatibilities() {}

  public static List<String> of(TaskDefinition td, TaskSize size) {
    List<String> out = new ArrayList<>();
    if (externalCompatible(td)) {
      out.add("EXTERNAL");
    }
    out.add("EC2");
    if (FargateRules.problem(td, size).isEmpty()) {
      out.add("FARGATE");
    }
    if (td.requiresCompatibilities() != null && td.requiresCompatibilities().contains("MANAGED_INSTANCES")) {
      out.add("MANAGED_INSTANCES");
    }
    return out;
  }

  static boolean externalCompatible(TaskDefinition td) {
    if ("awsvpc".equals(td.networkMode())) {
      return false;
    }
    if (td.volumes() != null) {
      for (Volume v : td.volumes()) {
        if (v.efsVolumeConfiguration() != null || v.fsxWindowsFileServerVolumeConfiguration() != null
            || v.s3filesVolumeConfiguration() != null) {
          return false;
        }
      }
    }
    return true;
  }
}
