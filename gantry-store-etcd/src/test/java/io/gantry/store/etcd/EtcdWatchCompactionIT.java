package io.gantry.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gantry.store.Txn;
import io.gantry.store.Watch;
import io.gantry.store.WatchEvent;
import io.gantry.store.WatchListener;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A running watch whose connection is down while etcd compacts the history it missed: once the
 * connection is back, the listener is told ({@code onCompacted}, after the events it did get) and
 * nothing else arrives, so a mirror of the store (placement ledgers, agent gateway) can reload.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EtcdWatchCompactionIT {
  private EtcdProcess etcd;
  private CuttableProxy proxy;
  private EtcdKvStore direct;
  private EtcdKvStore viaProxy;

  @BeforeEach
  void start() {
    etcd = EtcdProcess.startSingle();
    proxy = new CuttableProxy(etcd.member().clientUrl());
    direct = EtcdKvStore.connect(etcd.endpoints());
    viaProxy = EtcdKvStore.connect(List.of(proxy.url()),
        EtcdStoreOptions.defaults().withRequestTimeout(Duration.ofSeconds(2)));
  }

  @AfterEach
  void stop() {
    viaProxy.close();
    direct.close();
    proxy.close();
    etcd.close();
  }

  @Test
  void aWatchThatMissedCompactedHistoryTellsItsListener() {
    List<String> seen = new CopyOnWriteArrayList<>();
    AtomicLong compactedAt = new AtomicLong(-1);
    Watch watch = viaProxy.watch("w/", viaProxy.revision(), new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        seen.add(event.kv().key());
      }

      @Override
      public void onCompacted(long revision) {
        compactedAt.set(revision);
      }
    });
    try {
      direct.commit(put("w/1"));
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("w/1"));

      proxy.swallowAnswers(true); // the watch hears nothing from here on
      direct.commit(put("w/2"));
      long last = direct.commit(put("w/3")).revision();
      direct.compact(last);
      proxy.cutAll();
      proxy.swallowAnswers(false); // it reconnects and asks for history etcd no longer has

      await().atMost(Duration.ofSeconds(20)).until(() -> compactedAt.get() >= 0);
      assertThat(compactedAt.get()).isEqualTo(last);
      assertThat(seen).containsExactly("w/1");
    } finally {
      watch.close();
    }
  }

  private static Txn put(String key) {
    return Txn.builder().put(key, "v".getBytes(StandardCharsets.UTF_8)).build();
  }
}
