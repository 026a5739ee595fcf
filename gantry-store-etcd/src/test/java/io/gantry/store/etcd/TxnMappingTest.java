package io.gantry.store.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gantry.store.Txn;
import java.util.List;
import org.junit.jupiter.api.Test;

class TxnMappingTest {
  private static final byte[] V = {1};

  @Test
  void absentIsOneCompareAndModRevisionIsTwo() {
    TxnMapping m = TxnMapping.of(Txn.builder().absent("a").modRevisionIs("b", 3).put("a", V).delete("c").build());

    assertThat(m.compares()).hasSize(3);
    assertThat(m.ops()).hasSize(2);
  }

  @Test
  void aTransactionWithoutConditionsAlwaysHolds() {
    assertThat(TxnMapping.of(Txn.builder().put("a", V).build()).compares()).isEmpty();
  }

  @Test
  void badKeysAndValuesAreRefusedBeforeAnythingIsSent() {
    assertThatThrownBy(() -> TxnMapping.of(Txn.builder().put("", V).build())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TxnMapping.of(Txn.builder().put("x\uDC00", V).build())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TxnMapping.of(Txn.builder().absent("").put("a", V).build())).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TxnMapping.of(new Txn(List.of(), List.of(new Txn.Put("a", null)))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aKeyMayBeWrittenOnlyOnce() {
    assertThatThrownBy(() -> TxnMapping.of(Txn.builder().put("a", V).delete("a").build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a");
    assertThatThrownBy(() -> TxnMapping.of(Txn.builder().delete("a").delete("a").build()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void conditionsMayNameAKeyTheOperationsWriteAndAKeyTwice() {
    Txn txn = Txn.builder().absent("a").modRevisionIs("a", 2).put("a", V).build();

    assertThat(TxnMapping.of(txn).compares()).hasSize(3);
  }
}
