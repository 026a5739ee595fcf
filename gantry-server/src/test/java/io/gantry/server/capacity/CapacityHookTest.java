package io.gantry.server.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capacity hook runs a real shell script with the scaling decision in its environment. */
class CapacityHookTest {
  @TempDir
  Path dir;

  @Test
  void theScriptSeesTheDecision() throws Exception {
    Path out = dir.resolve("env.txt");
    Path script = dir.resolve("hook.sh");
    Files.writeString(script, "#!/bin/sh\n"
        + "echo \"$GANTRY_CAPACITY_PROVIDER|$GANTRY_CLUSTER|$GANTRY_DESIRED_INSTANCES|$GANTRY_ACTION|"
        + "$GANTRY_SCALE_IN_CANDIDATES\" > '" + out + "'\nexit 3\n");
    script.toFile().setExecutable(true);
    int code = new CapacityHook(script.toString(), Duration.ofSeconds(10)).run("spot", "prod", 2, "scale-in",
        List.of("arn:a", "arn:b"));
    assertThat(code).isEqualTo(3);
    assertThat(Files.readString(out).strip()).isEqualTo("spot|prod|2|scale-in|arn:a arn:b");
  }

  @Test
  void aHookThatHangsIsStopped() {
    long start = System.nanoTime();
    int code = new CapacityHook("sleep 30", Duration.ofMillis(300)).run("p", "c", 1, "scale-out", List.of());
    assertThat(code).isEqualTo(-1);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
