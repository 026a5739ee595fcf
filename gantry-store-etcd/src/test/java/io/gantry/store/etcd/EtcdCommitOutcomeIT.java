package io.gantry.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gantry.store.CommitOutcome;
import io.gantry.store.CommitOutcomeUnknownException;
import io.gantry.store.KeyValue;
import io.gantry.store.StoreException;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A commit whose answer is lost must report that its outcome is unknown and must not be sent
 * again: etcd applies the transaction, a proxy swallows the answer, then the connection is cut
 * and answers flow again (so a retry would succeed), and the test checks that the write exists
 * exactly once. Deterministic: the answer is lost only after the write is visible. (With jetcd's
 * {@code TxnOption.withAutoRetry()} the first test fails: the retry lands as version 2.)
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EtcdCommitOutcomeIT {
  private static final EtcdStoreOptions OPTIONS = EtcdStoreOptions.defaults().withRequestTimeout(Duration.ofSeconds(2));

  private EtcdProcess etcd;
  private CuttableProxy proxy;
  private EtcdKvStore direct;
  private EtcdKvStore viaProxy;

  @BeforeEach
  void start() {
    etcd = EtcdProcess.startSingle();
    proxy = new CuttableProxy(etcd.member().clientUrl());
    direct = EtcdKvStore.connect(etcd.endpoints());
    viaProxy = EtcdKvStore.connect(List.of(proxy.url()), OPTIONS);
    viaProxy.get("warm-up"); // the connection exists before answers are lost
  }

  @AfterEach
  void stop() {
    viaProxy.close();
    direct.close();
    proxy.close();
    etcd.close();
  }

  @Test
  void aCommitWhoseConnectionIsCutAfterItWasAppliedReportsAnUnknownOutcome() throws Exception {
    proxy.swallowAnswers(true);
    CompletableFuture<TxnResult> commit = CompletableFuture.supplyAsync(() -> viaProxy.commit(put("k", "v")));
    await().atMost(Duration.ofSeconds(10)).until(() -> direct.get("k").isPresent());
    proxy.cutAll();
    proxy.swallowAnswers(false); // a retry would now get through, and be answered

    assertThatThrownBy(() -> commit.get(20, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(CommitOutcomeUnknownException.class).hasMessageContaining("may or may not have been applied");
    assertWrittenOnceAndNeverAgain("k");
    assertThat(CommitOutcome.decide(put("k", "v"), direct::get)).as("re-read, the write is recognised")
        .isEqualTo(CommitOutcome.Decision.APPLIED);
  }

  @Test
  void aConditionedCommitLostBeforeEtcdSawItIsDecidedNotAppliedAndCanBeSentAgain() {
    Txn create = Txn.builder().absent("k").put("k", bytes("v")).build();
    proxy.close(); // nothing reaches etcd; the store cannot know that and reports an unknown outcome

    assertThatThrownBy(() -> viaProxy.commit(create)).isInstanceOf(CommitOutcomeUnknownException.class);
    assertThat(CommitOutcome.decide(create, direct::get)).isEqualTo(CommitOutcome.Decision.NOT_APPLIED);
    assertThat(direct.commit(create).succeeded()).isTrue();
    assertThat(CommitOutcome.decide(create, direct::get)).isEqualTo(CommitOutcome.Decision.APPLIED);
  }

  @Test
  void aCommitWhoseAnswerNeverComesTimesOutWithAnUnknownOutcome() {
    proxy.swallowAnswers(true);

    assertThatThrownBy(() -> viaProxy.commit(put("k", "v")))
        .isInstanceOf(StoreException.class).hasMessageContaining("may or may not have been applied");
    assertWrittenOnceAndNeverAgain("k");
  }

  @Test
  void aTransactionEtcdRefusesIsReportedAsNotApplied() {
    byte[] tooLarge = new byte[1_700_000]; // above etcd's default --max-request-bytes (1.5 MiB)

    assertThatThrownBy(() -> direct.commit(Txn.builder().put("big", tooLarge).build()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("not applied")
        .hasMessageNotContaining("may or may not");
    assertThat(direct.revision()).isZero();
  }

  @Test
  void theStoreWorksAgainOnceAnswersComeThrough() {
    proxy.swallowAnswers(true);
    assertThatThrownBy(() -> viaProxy.commit(put("k", "v"))).isInstanceOf(StoreException.class);
    proxy.swallowAnswers(false);
    proxy.cutAll(); // the old connection carried a lost answer; the client reconnects

    KeyValue k = viaProxy.get("k").orElseThrow();
    assertThat(viaProxy.commit(Txn.builder().modRevisionIs("k", k.modRevision()).put("k", bytes("w")).build()).succeeded()).isTrue();
  }

  private void assertWrittenOnceAndNeverAgain(String key) {
    proxy.cutAll();
    proxy.swallowAnswers(false);
    EtcdProcess.sleep(Duration.ofSeconds(3)); // longer than jetcd's retry delays: a blind retry would land by now
    KeyValue kv = direct.get(key).orElseThrow();
    assertThat(kv.version()).isEqualTo(1);
    assertThat(direct.revision()).isEqualTo(1);
  }

  private static Txn put(String key, String value) {
    return Txn.builder().put(key, bytes(value)).build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
