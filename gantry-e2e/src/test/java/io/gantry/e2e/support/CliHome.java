package io.gantry.e2e.support;

import io.gantry.api.model.ServiceModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Home directories for {@link AwsCli}. The Debian CLI (2.9.19) bundles an ECS model from early
 * 2023 that lacks later operations such as DeleteTaskDefinitions; a home prepared with
 * {@link #withCurrentEcsModel} carries the model Gantry serves in {@code ~/.aws/models}, which the
 * CLI prefers over its own, as {@code aws configure add-model} would set it up. Stateless.
 */
public final class CliHome {
  private static final String MODEL = "ecs-2014-11-13.json";

  private CliHome() {}

  /** Creates {@code home} with the current ECS model installed for the CLI, and returns it. */
  public static Path withCurrentEcsModel(Path home) throws IOException {
    Path target = home.resolve(".aws/models/ecs/2014-11-13/service-2.json");
    Files.createDirectories(target.getParent());
    try (InputStream in = ServiceModel.class.getResourceAsStream(MODEL)) {
      if (in == null) {
        throw new IOException(MODEL + " is not on the test classpath");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return home;
  }
}
