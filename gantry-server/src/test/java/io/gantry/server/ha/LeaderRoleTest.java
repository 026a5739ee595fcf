package io.gantry.server.ha;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.store.embedded.EmbeddedKvStore;
import io.gantry.store.KvStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LeaderRoleTest {
  @TempDir Path dir;

  @Test
  void startsTheLeaderPartsWhileLeadingAndStopsThemWhenLeadershipIsLost() {
    try (KvStore kv = EmbeddedKvStore.open(dir)) {
      KeyLeadership leadership = new KeyLeadership(kv);
      AtomicInteger started = new AtomicInteger();
      AtomicInteger stopped = new AtomicInteger();
      try (LeaderRole role = new LeaderRole(leadership, () -> {
        started.incrementAndGet();
        return List.of(stopped::incrementAndGet);
      }).start(Duration.ofMillis(20))) {
        assertThat(role.leading()).isFalse();
        leadership.win("http://a");
        await().atMost(Duration.ofSeconds(5)).until(role::leading);
        assertThat(started).hasValue(1);
        leadership.stepDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> !role.leading());
        assertThat(stopped).hasValue(1);
        leadership.win("http://a");
        await().atMost(Duration.ofSeconds(5)).until(role::leading);
        assertThat(started).hasValue(2);
      }
      assertThat(stopped).hasValue(2);
    }
  }

  @Test
  void aSingleReplicaLeadsFromTheStart() {
    try (LeaderRole role = new LeaderRole(new SoloLeadership(), List::of).start(Duration.ofSeconds(1))) {
      assertThat(role.leading()).isTrue();
    }
  }
}
