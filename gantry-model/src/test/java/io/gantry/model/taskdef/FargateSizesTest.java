package io.gantry.model.taskdef;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FargateSizesTest {

  @Test
  void everyDocumentedCombination() {
    List<String> pairs = new ArrayList<>();
    for (int cpu = 128; cpu <= 32768; cpu *= 2) {
      for (int memory = 256; memory <= 131072; memory += 256) {
        if (FargateSizes.supports(cpu, memory)) {
          pairs.add(cpu + "/" + memory);
        }
      }
    }
    // 3 + 4 + 7 + 13 + 23 + 12 + 12 combinations, as in the ECS documentation.
    assertThat(pairs).hasSize(74)
        .contains("256/512", "256/2048", "512/4096", "1024/8192", "2048/16384", "4096/30720", "8192/61440", "16384/122880");
  }

  @ParameterizedTest
  @CsvSource({"256,512", "256,1024", "512,3072", "1024,5120", "2048,9216", "4096,8192", "8192,20480", "16384,40960"})
  void valid(int cpu, int memory) {
    assertThat(FargateSizes.supports(cpu, memory)).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"256,256", "256,1536", "512,512", "512,5120", "1024,1024", "2048,17408", "4096,31744", "8192,18432",
      "8192,65536", "16384,36864", "16384,131072", "128,512", "32768,65536", "1000,2048"})
  void invalid(int cpu, int memory) {
    assertThat(FargateSizes.supports(cpu, memory)).isFalse();
  }
}
