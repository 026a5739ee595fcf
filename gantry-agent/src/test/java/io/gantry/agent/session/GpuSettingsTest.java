package io.gantry.agent.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GpuSettingsTest {
  @TempDir Path dir;

  @Test
  void auto_or_unset_asks_discovery_none_offers_nothing_and_a_list_is_taken_as_given() {
    assertThat(GpuSettings.parse(null, null, () -> List.of("GPU-a")).ids()).containsExactly("GPU-a");
    assertThat(GpuSettings.parse("auto", null, () -> List.of("GPU-b")).ids()).containsExactly("GPU-b");
    assertThat(GpuSettings.parse("none", null, () -> List.of("GPU-c")).ids()).isEmpty();
    GpuSettings listed = GpuSettings.parse(" GPU-1, GPU-2,,GPU-1 ", "nvidia", () -> List.of("GPU-x"));
    assertThat(listed.ids()).containsExactly("GPU-1", "GPU-2");
    assertThat(listed.nvidiaRuntime()).isEqualTo("nvidia");
    assertThat(GpuSettings.parse("none", " ", List::of).nvidiaRuntime()).isNull();
  }

  @Test
  void an_id_with_spaces_is_refused() {
    assertThatThrownBy(() -> GpuSettings.parse("GPU 1", null, List::of))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'GPU 1'");
  }

  @Test
  void discovery_reads_the_uuids_nvidia_smi_prints() throws IOException {
    Path smi = script("nvidia-smi", "#!/bin/sh\n[ \"$1\" = --query-gpu=uuid ] || exit 9\n"
        + "printf 'GPU-aaaa-1\\n\\nGPU-bbbb-2\\n'\n");
    assertThat(GpuDiscovery.detect(dir.toString())).containsExactly("GPU-aaaa-1", "GPU-bbbb-2");
  }

  @Test
  void discovery_finds_nothing_without_nvidia_smi_or_when_it_fails() throws IOException {
    assertThat(GpuDiscovery.detect(dir.toString())).isEmpty();
    assertThat(GpuDiscovery.detect(null)).isEmpty();
    Path smi = script("nvidia-smi", "#!/bin/sh\necho 'NVIDIA-SMI has failed' >&2\nexit 9\n");
    assertThat(GpuDiscovery.query(smi)).isEmpty();
  }

  private Path script(String name, String text) throws IOException {
    Path p = Files.writeString(dir.resolve(name), text);
    assertThat(p.toFile().setExecutable(true)).isTrue();
    return p;
  }
}
