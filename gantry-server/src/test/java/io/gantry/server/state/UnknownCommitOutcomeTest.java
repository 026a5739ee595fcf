package io.gantry.server.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gantry.api.ecs.taskdef.RegisterTaskDefinitionRequest;
import io.gantry.api.json.AwsJson;
import io.gantry.model.Scope;
import io.gantry.server.dispatch.RequestContext;
import io.gantry.server.instances.InMemoryKvStore;
import io.gantry.server.tags.TagStore;
import io.gantry.server.taskdefs.TaskDefinitionHandler;
import io.gantry.store.CommitOutcomeUnknownException;
import io.gantry.store.KeyValue;
import io.gantry.store.KvStore;
import io.gantry.store.Txn;
import io.gantry.store.TxnResult;
import io.gantry.store.Watch;
import io.gantry.store.WatchListener;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Commits whose answer is lost (what the etcd store reports as an unknown outcome) are settled by
 * re-reading, never by sending blindly again: RegisterTaskDefinition makes exactly one revision
 * whether the lost commit was applied, not applied, or applied late; an update loop counts once;
 * and when another writer has changed the keys since, the failure is reported, not guessed.
 */
class UnknownCommitOutcomeTest {
  private static final Scope SCOPE = new Scope("123456789012", "us-east-1");
  private static final RequestContext CTX = new RequestContext(SCOPE, "AKID", "req-1",
      Instant.parse("2024-05-01T12:00:00Z"));

  @Test
  void aRegistrationWhoseAnswerIsLostAfterItWasAppliedMakesOneRevision() {
    LossyStore kv = new LossyStore(Loss.APPLY_THEN_LOSE);
    TaskDefinitionHandler handler = handler(kv);

    assertThat(register(handler)).isEqualTo(1);
    assertThat(revisions(kv)).containsExactly(1);
    assertThat(kv.commits).as("the lost commit was not sent again").isEqualTo(1);
    assertThat(register(handler)).isEqualTo(2);
  }

  @Test
  void aRegistrationLostBeforeItWasAppliedIsSentOnceMore() {
    LossyStore kv = new LossyStore(Loss.LOSE_BEFORE_APPLYING);

    assertThat(register(handler(kv))).isEqualTo(1);
    assertThat(revisions(kv)).containsExactly(1);
  }

  @Test
  void aLostRegistrationAppliedLateIsRecognisedRatherThanRegisteredAgain() {
    LossyStore kv = new LossyStore(Loss.APPLY_LATE);

    assertThat(register(handler(kv))).isEqualTo(1);
    assertThat(revisions(kv)).containsExactly(1);
  }

  @Test
  void anUpdateLoopWhoseCommitIsLostAfterApplyingCountsOnce() {
    LossyStore kv = new LossyStore(Loss.NONE);
    EntityStore store = new EntityStore(kv);
    kv.commit(Txn.builder().put("counter", bytes("0")).build());
    kv.loss = Loss.APPLY_THEN_LOSE;

    store.retry(attempt -> {
      KeyValue now = kv.get("counter").orElseThrow();
      int next = Integer.parseInt(new String(now.value(), StandardCharsets.UTF_8)) + 1;
      return new EntityStore.Attempt<>(Txn.builder().modRevisionIs("counter", now.modRevision())
          .put("counter", bytes(Integer.toString(next))).build(), null);
    });

    assertThat(new String(kv.get("counter").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("1");
  }

  @Test
  void whenAnotherWriterChangedTheKeysSinceTheOutcomeIsReportedAsUnknown() {
    LossyStore kv = new LossyStore(Loss.NONE);
    EntityStore store = new EntityStore(kv);
    long rev = kv.commit(Txn.builder().put("k", bytes("a")).build()).revision();
    kv.loss = Loss.APPLY_THEN_LOSE;
    kv.afterLoss = () -> kv.inner.commit(Txn.builder().put("k", bytes("c")).build());
    int sent = kv.commits;

    assertThatThrownBy(() -> store.commit(Txn.builder().modRevisionIs("k", rev).put("k", bytes("b")).build()))
        .isInstanceOf(CommitOutcomeUnknownException.class);
    assertThat(kv.commits).as("never sent again").isEqualTo(sent + 1);
    assertThat(new String(kv.get("k").orElseThrow().value(), StandardCharsets.UTF_8)).isEqualTo("c");
  }

  private static TaskDefinitionHandler handler(KvStore kv) {
    EntityStore store = new EntityStore(kv);
    return new TaskDefinitionHandler(store, new TagStore(store));
  }

  private static int register(TaskDefinitionHandler handler) {
    try {
      RegisterTaskDefinitionRequest request = ((JsonMapper) AwsJson.mapper()).rebuild()
          .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES).enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build()
          .readValue("{family: 'web', containerDefinitions: [{name: 'app', image: 'nginx', memory: 128}]}",
              RegisterTaskDefinitionRequest.class);
      return handler.register(CTX, request).taskDefinition().revision();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The revision numbers of family {@code web} in the store. */
  private static List<Integer> revisions(KvStore kv) {
    return java.util.stream.IntStream.rangeClosed(1, 5)
        .filter(r -> kv.get(StateKeys.taskDefinition(SCOPE, "web", r)).isPresent()).boxed().toList();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  enum Loss { NONE, APPLY_THEN_LOSE, LOSE_BEFORE_APPLYING, APPLY_LATE }

  /**
   * An in-memory store whose next commit loses its answer as {@link #loss} says (once); a
   * transaction held back by APPLY_LATE is applied just before the following commit.
   */
  static final class LossyStore implements KvStore {
    final InMemoryKvStore inner = new InMemoryKvStore();
    volatile Loss loss;
    volatile Runnable afterLoss = () -> {};
    int commits;
    private Txn late;

    LossyStore(Loss loss) {
      this.loss = loss;
    }

    @Override
    public synchronized TxnResult commit(Txn txn) {
      commits++;
      if (late != null) {
        inner.commit(late);
        late = null;
      }
      Loss now = loss;
      loss = Loss.NONE;
      switch (now) {
        case APPLY_THEN_LOSE -> inner.commit(txn);
        case APPLY_LATE -> late = txn;
        case LOSE_BEFORE_APPLYING, NONE -> {
          if (now == Loss.NONE) {
            return inner.commit(txn);
          }
        }
      }
      afterLoss.run();
      throw new CommitOutcomeUnknownException("answer lost; the transaction may or may not have been applied", null);
    }

    @Override
    public long revision() {
      return inner.revision();
    }

    @Override
    public Optional<KeyValue> get(String key) {
      return inner.get(key);
    }

    @Override
    public List<KeyValue> range(String prefix) {
      return inner.range(prefix);
    }

    @Override
    public Watch watch(String prefix, long afterRevision, WatchListener listener) {
      return inner.watch(prefix, afterRevision, listener);
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
