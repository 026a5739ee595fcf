package io.gantry.server.services;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class MassDisconnectTest {

  @Test
  void pausesWhenMoreThanTheThresholdOfTheClusterIsAway() {
    assertThat(new MassDisconnect(10, 6, 55).paused()).isTrue();
    assertThat(new MassDisconnect(10, 5, 55).paused()).isFalse();
    assertThat(new MassDisconnect(4, 3, 55).paused()).isTrue();
  }

  @Test
  void aFewLostMachinesInASmallClusterAreReplacedAsUsual() {
    assertThat(new MassDisconnect(2, 2, 55).paused()).isFalse(); // fewer than three: machines, not the network
    assertThat(new MassDisconnect(4, 1, 55).paused()).isFalse();
    assertThat(new MassDisconnect(0, 0, 55).paused()).isFalse();
  }

  @Test
  void oneHundredPercentTurnsTheProtectionOff() {
    assertThat(new MassDisconnect(10, 10, 100).paused()).isFalse();
  }

  @Test
  void theEventSaysWhatIsHappeningAndWhatEndsIt() {
    assertThat(new MassDisconnect(10, 8, 55).event("web")).isEqualTo("(service web) is not replacing tasks on "
        + "disconnected container instances: 8 of 10 instances in the cluster lost their agents at once (more than "
        + "55%), which points at the network rather than the instances. Replacement resumes when agents reconnect.");
  }

  @Property
  void pausedExactlyAboveTheThreshold(@ForAll @IntRange(min = 1, max = 500) int instances,
      @ForAll @IntRange(min = 0, max = 500) int away, @ForAll @IntRange(min = 1, max = 99) int percent) {
    int disconnected = Math.min(away, instances);
    boolean expected = disconnected >= 3 && (double) disconnected / instances > percent / 100.0;
    assertThat(new MassDisconnect(instances, disconnected, percent).paused()).isEqualTo(expected);
  }

  @Property
  void moreDisconnectedNeverUnpauses(@ForAll @IntRange(min = 1, max = 200) int instances,
      @ForAll @IntRange(min = 0, max = 199) int disconnected) {
    int d = Math.min(disconnected, instances - 1);
    if (new MassDisconnect(instances, d, 55).paused()) {
      assertThat(new MassDisconnect(instances, d + 1, 55).paused()).isTrue();
    }
  }
}
