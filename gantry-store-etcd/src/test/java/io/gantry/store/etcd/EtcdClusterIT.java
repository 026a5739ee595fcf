package io.gantry.store.etcd;

import static io.gantry.store.RecordingListener.describe;
import static org.assertj.core.api.Assertions.assertThat;

import io.gantry.store.RecordingListener;
import io.gantry.store.Txn;
import io.gantry.store.Watch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The etcd store on a three-member cluster while members die and come back. */
@SuppressWarnings("try") // try-with-resources scopes watches the body never names
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EtcdClusterIT {
  private EtcdCluster cluster;

  @BeforeEach
  void start() {
    cluster = EtcdCluster.start();
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void commitsAndReadsGoOnWhileAnyOneMemberIsDown() {
    try (EtcdKvStore store = EtcdKvStore.connect(cluster.endpoints())) {
      long revision = 0;
      for (int down = 0; down < 3; down++) {
        cluster.member(down).kill();
        cluster.member((down + 1) % 3).awaitHealthy(Duration.ofSeconds(30)); // a leader among the other two

        long expected = store.get("counter").map(kv -> kv.modRevision()).orElse(0L);
        Txn txn = Txn.builder().unchangedSince("counter", expected).put("counter", bytes("" + down)).build();
        assertThat(store.commit(txn).succeeded()).isTrue();
        revision++;
        assertThat(store.revision()).isEqualTo(revision);
        assertThat(store.get("counter").orElseThrow().version()).isEqualTo(down + 1);

        cluster.restart(down);
      }
    }
  }

  @Test
  void aWatchWhoseMemberRestartsResumesWithoutLossOrRepeats() {
    List<java.net.URI> all = cluster.endpoints();
    try (EtcdKvStore watching = EtcdKvStore.connect(all.subList(0, 1));
        EtcdKvStore writing = EtcdKvStore.connect(all.subList(1, 3))) {
      RecordingListener listener = new RecordingListener();
      try (Watch watch = watching.watch("w/", 0, listener)) {
        writing.commit(Txn.builder().put("w/1", bytes("a")).build());
        assertThat(describe(listener.take(1))).containsExactly("PUT w/1 @1 c1 v1 a");

        cluster.member(0).kill();
        cluster.member(1).awaitHealthy(Duration.ofSeconds(30));
        writing.commit(Txn.builder().put("w/2", bytes("b")).build());
        writing.commit(Txn.builder().put("w/1", bytes("c")).delete("w/2").build());
        cluster.restart(0);

        assertThat(describe(listener.take(3)))
            .containsExactly("PUT w/2 @2 c2 v1 b", "PUT w/1 @3 c1 v2 c", "DELETE w/2 @3");
        writing.commit(Txn.builder().put("w/3", bytes("d")).build());
        assertThat(describe(listener.take(1))).containsExactly("PUT w/3 @4 c4 v1 d");
        listener.assertNothingWithin(Duration.ofMillis(300));
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
