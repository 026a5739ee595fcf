package io.gantry.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random transaction scripts for property tests: a few keys that share prefixes, conditions that
 * usually name the key's current revision (so many transactions succeed) and sometimes a wrong
 * one, and puts and deletes. Stateless.
 */
public final class TxnScripts {
  /** The keys scripts touch: neighbours under "m/" and one outside it. */
  public static final List<String> KEYS = List.of("m/a", "m/b", "m/b/c", "m/bc", "n/a");

  private TxnScripts() {}

  /** A condition on {@code KEYS[key]}: absent, or modRevisionIs its current (or a wrong) revision. */
  public record Cond(int key, boolean absent, boolean current, int wrongRevision) {}

  /** A put of {@code value} to {@code KEYS[key]}, or a delete of it. */
  public record Op(int key, boolean put, String value) {}

  /** One transaction of a script. */
  public record Spec(List<Cond> conditions, List<Op> ops) {}

  public static Arbitrary<List<Spec>> scripts() {
    Arbitrary<Integer> key = Arbitraries.integers().between(0, KEYS.size() - 1);
    Arbitrary<Cond> cond = Combinators.combine(
            key,
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 9).map(n -> n < 8),
            Arbitraries.integers().between(0, 30))
        .as(Cond::new);
    Arbitrary<Op> op = Combinators.combine(
            key, Arbitraries.integers().between(0, 3).map(n -> n > 0), Arbitraries.strings().alpha().ofMaxLength(4))
        .as(Op::new);
    return Combinators.combine(cond.list().ofMaxSize(2), op.list().ofMinSize(1).ofMaxSize(3))
        .as(Spec::new)
        .list()
        .ofMaxSize(25);
  }

  /** The transaction {@code spec} stands for, given the model's current state; each key is written at most once. */
  public static Txn toTxn(Spec spec, KvModel model) {
    Txn.Builder b = Txn.builder();
    for (Cond c : spec.conditions()) {
      String key = KEYS.get(c.key());
      if (c.absent()) {
        b.absent(key);
      } else {
        long current = model.get(key).map(KeyValue::modRevision).orElse(0L);
        b.modRevisionIs(key, c.current() ? current : c.wrongRevision());
      }
    }
    List<String> written = new ArrayList<>();
    for (Op o : spec.ops()) {
      String key = KEYS.get(o.key());
      if (!written.contains(key)) {
        written.add(key);
        if (o.put()) {
          b.put(key, o.value().getBytes(StandardCharsets.UTF_8));
        } else {
          b.delete(key);
        }
      }
    }
    return b.build();
  }
}
