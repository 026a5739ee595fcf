package io.gantry.model.taskdef;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.model.EcsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskSizeTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1024|1024", " 256 |256", "1 vCPU|1024", "1vcpu|1024", ".25 vCPU|256", "0.5 VCPU|512", "2 vCPU|2048", "16 vCPU|16384"})
  void cpuInUnitsOrVcpus(String text, int units) {
    assertThat(TaskSize.parse(text, null).cpu()).isEqualTo(units);
    assertThat(TaskSize.parse(text, null).cpuText()).isEqualTo(Integer.toString(units));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"512|512", "1 GB|1024", "1GB|1024", "0.5GB|512", "2 gb|2048", "120 GB|122880"})
  void memoryInMibOrGb(String text, int mib) {
    assertThat(TaskSize.parse(null, text).memory()).isEqualTo(mib);
    assertThat(TaskSize.parse(null, text).memoryText()).isEqualTo(Integer.toString(mib));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "abc", "1 core", "0.1 vCPU", "-256", "0", "1e3", "99999999999"})
  void badCpu(String text) {
    assertThatThrownBy(() -> TaskSize.parse(text, null))
        .isInstanceOf(EcsException.class)
        .hasMessage("Invalid 'cpu' setting for task.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1 TB", "512 MiB", "0.0001 GB", "-1"})
  void badMemory(String text) {
    assertThatThrownBy(() -> TaskSize.parse(null, text))
        .isInstanceOf(EcsException.class)
        .hasMessage("Invalid 'memory' setting for task.");
  }

  @Test
  void absentStaysAbsent() {
    TaskSize size = TaskSize.parse(null, null);
    assertThat(size.cpu()).isNull();
    assertThat(size.memoryText()).isNull();
  }
}
