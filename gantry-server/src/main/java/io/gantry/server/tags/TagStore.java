package io.gantry.server.tags;

import io.gantry.model.Scope;
import io.gantry.model.Tag;
import io.gantry.server.state.EntityStore;
import io.gantry.server.state.StateKeys;
import io.gantry.server.state.Versioned;
import io.gantry.store.Txn;
import java.util.List;

/**
 * Where tags live: one record per resource ARN, written in the same transaction as the resource
 * when it is created and deleted with it. Thread-safe.
 */
public final class TagStore {
  /** The stored form: the tag list of one resource. */
  public record TagSet(List<Tag> tags) {
    public TagSet {
      tags = tags == null ? List.of() : List.copyOf(tags);
    }
  }

  private final EntityStore store;

  public TagStore(EntityStore store) {
    this.store = store;
  }

  public List<Tag> tags(Scope scope, String arn) {
    return store.get(StateKeys.tags(scope, arn), TagSet.class).map(v -> v.value().tags()).orElse(List.of());
  }

  public java.util.Optional<Versioned<TagSet>> read(Scope scope, String arn) {
    return store.get(StateKeys.tags(scope, arn), TagSet.class);
  }

  /** Adds writing {@code tags} for {@code arn} to a transaction (nothing when the list is empty). */
  public void put(Txn.Builder txn, Scope scope, String arn, List<Tag> tags) {
    if (!tags.isEmpty()) {
      txn.put(StateKeys.tags(scope, arn), store.encode(new TagSet(tags)));
    }
  }

  /** Adds deleting the tags of {@code arn} to a transaction. */
  public void delete(Txn.Builder txn, Scope scope, String arn) {
    txn.delete(StateKeys.tags(scope, arn));
  }
}
