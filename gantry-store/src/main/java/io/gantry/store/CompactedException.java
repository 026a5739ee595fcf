package io.gantry.store;

/** The changes a watch asked for are no longer retained; the watcher must re-read and re-watch. */
public final class CompactedException extends StoreException {
  private final long compactedRevision;

  public CompactedException(long compactedRevision) {
    super("revisions up to " + compactedRevision + " are compacted");
    this.compactedRevision = compactedRevision;
  }

  public long compactedRevision() {
    return compactedRevision;
  }
}
