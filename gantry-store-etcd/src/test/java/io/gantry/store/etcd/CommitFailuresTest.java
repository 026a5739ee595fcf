package io.gantry.store.etcd;

import static io.gantry.store.etcd.CommitFailures.Outcome.NOT_APPLIED;
import static io.gantry.store.etcd.CommitFailures.Outcome.UNKNOWN;
import static org.assertj.core.api.Assertions.assertThat;

import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CommitFailuresTest {

  @ParameterizedTest
  @EnumSource(value = Status.Code.class, names = {
      "INVALID_ARGUMENT", "PERMISSION_DENIED", "UNAUTHENTICATED", "RESOURCE_EXHAUSTED",
      "FAILED_PRECONDITION", "OUT_OF_RANGE", "UNIMPLEMENTED"})
  void refusalsBeforeApplyingAreNotApplied(Status.Code code) {
    assertThat(CommitFailures.classify(code.toStatus().asRuntimeException())).isEqualTo(NOT_APPLIED);
  }

  @ParameterizedTest
  @EnumSource(value = Status.Code.class, names = {
      "UNAVAILABLE", "DEADLINE_EXCEEDED", "CANCELLED", "UNKNOWN", "INTERNAL", "ABORTED", "DATA_LOSS",
      "NOT_FOUND", "ALREADY_EXISTS"})
  void everythingElseIsUnknown(Status.Code code) {
    assertThat(CommitFailures.classify(code.toStatus().asRuntimeException())).isEqualTo(UNKNOWN);
  }

  @Test
  void etcdsRequestTimedOutAndLeaderChangedAreUnknown() {
    // both are UNAVAILABLE in etcd: the proposal may already be in the raft log
    for (String message : new String[] {"etcdserver: request timed out", "etcdserver: leader changed"}) {
      Throwable failure = Status.UNAVAILABLE.withDescription(message).asRuntimeException();
      assertThat(CommitFailures.classify(failure)).as(message).isEqualTo(UNKNOWN);
    }
  }

  @Test
  void wrappersAreLookedThrough() {
    Throwable rejected = Status.INVALID_ARGUMENT.withDescription("etcdserver: request is too large").asRuntimeException();

    assertThat(CommitFailures.classify(new CompletionException(rejected))).isEqualTo(NOT_APPLIED);
    assertThat(CommitFailures.classify(new ExecutionException(new CompletionException(rejected)))).isEqualTo(NOT_APPLIED);
    assertThat(CommitFailures.classify(EtcdExceptionFactory.toEtcdException(rejected))).isEqualTo(NOT_APPLIED);
    assertThat(CommitFailures.classify(new RuntimeException("wrapped", rejected))).isEqualTo(NOT_APPLIED);
  }

  @Test
  void failuresWithoutAStatusAreUnknown() {
    assertThat(CommitFailures.classify(new IOException("Connection reset by peer"))).isEqualTo(UNKNOWN);
    assertThat(CommitFailures.classify(new IllegalStateException("client closed"))).isEqualTo(UNKNOWN);
  }

  @Test
  void theExceptionSaysWhetherTheTransactionMayHaveBeenApplied() {
    assertThat(CommitFailures.toStoreException(Status.UNAVAILABLE.asRuntimeException()))
        .hasMessageContaining("may or may not have been applied");
    assertThat(CommitFailures.toStoreException(Status.INVALID_ARGUMENT.asRuntimeException()))
        .hasMessageContaining("it was not applied")
        .hasMessageNotContaining("may or may not");
  }
}
