package io.gantry.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.store.Txn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two replicas campaign on one key: one leads, its writes are fenced, and the other takes over. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EtcdLeadershipIT {
  private static final String KEY = "gantry/leader";
  private static final Duration TTL = Duration.ofSeconds(2);

  private EtcdProcess etcd;
  private EtcdKvStore a;
  private EtcdKvStore b;

  @BeforeEach
  void start() {
    etcd = EtcdProcess.startSingle();
    a = EtcdKvStore.connect(etcd.endpoints());
    b = EtcdKvStore.connect(etcd.endpoints());
  }

  @AfterEach
  void stop() {
    a.close();
    b.close();
    etcd.close();
  }

  @Test
  void oneLeadsAndTheOtherTakesOverWithANewerFencingRevisionWhenItResigns() {
    EtcdLeadership first = EtcdLeadership.campaign(a, KEY, "replica-a", TTL);
    await().atMost(Duration.ofSeconds(10)).until(first::isLeader);
    EtcdLeadership second = EtcdLeadership.campaign(b, KEY, "replica-b", TTL);
    try {
      long fence = first.fencingRevision().orElseThrow();
      assertThat(a.get(KEY).orElseThrow().modRevision()).isEqualTo(fence);
      assertThat(fencedPut(a, fence, "from a")).isTrue();
      EtcdProcess.sleep(TTL); // several rounds: b keeps losing, a keeps leading
      assertThat(second.isLeader()).isFalse();
      assertThat(first.fencingRevision()).hasValue(fence);

      first.close();
      await().atMost(Duration.ofSeconds(10)).until(second::isLeader);

      long newer = second.fencingRevision().orElseThrow();
      assertThat(newer).isGreaterThan(fence);
      assertThat(fencedPut(a, fence, "stale a")).as("the old leader's fenced write").isFalse();
      assertThat(fencedPut(b, newer, "from b")).isTrue();
      assertThat(new String(b.get("state").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("from b");
    } finally {
      first.close();
      second.close();
    }
  }

  @Test
  void aLeaderWhoseLeaseExpiresLosesItsFence() {
    EtcdLeadership leader = EtcdLeadership.campaign(a, KEY, "replica-a", TTL);
    try {
      await().atMost(Duration.ofSeconds(10)).until(leader::isLeader);
      long fence = leader.fencingRevision().orElseThrow();

      // someone else takes the key (as after an expiry): the leader notices and its fence no longer holds
      b.commit(Txn.builder().put(KEY, "usurper".getBytes(StandardCharsets.UTF_8)).build());
      await().atMost(Duration.ofSeconds(10)).until(() -> !leader.isLeader());
      assertThat(fencedPut(a, fence, "stale")).isFalse();
    } finally {
      leader.close();
    }
  }

  private static boolean fencedPut(EtcdKvStore store, long fence, String value) {
    Txn txn = Txn.builder().modRevisionIs(KEY, fence).put("state", value.getBytes(StandardCharsets.UTF_8)).build();
    return store.commit(txn).succeeded();
  }
}
