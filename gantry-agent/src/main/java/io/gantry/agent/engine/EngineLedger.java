package io.gantry.agent.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The engine-wide state kept in {@code engine.json}: the engine's id, the last applied
 * desired-tasks sequence number, the state-change ids (handed out in blocks whose ceiling is
 * persisted first, so ids keep increasing across restarts without a write per report), and the
 * tasks cleaned up lately. Written only on the engine thread; {@link #lastAppliedSeq} may be read
 * from any thread.
 */
final class EngineLedger {
  private static final int ID_BLOCK = 1000;
  private static final int FORGOTTEN_KEPT = 1000;

  private final EngineStateStore store;
  private final LinkedHashSet<String> forgotten = new LinkedHashSet<>();
  private String engineId;
  private volatile long lastAppliedSeq;
  private long reportId;
  private long reportIdCeiling;

  EngineLedger(EngineStateStore store) {
    this.store = store;
  }

  /** Loads {@code engine.json}, making up an engine id the first time, and saves it back. */
  void load(RandomGenerator random) {
    EngineStateStore.EngineFile saved = store.loadEngine();
    if (saved.engineId() != null) {
      engineId = saved.engineId();
    } else {
      synchronized (random) {
        engineId = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
      }
    }
    lastAppliedSeq = saved.lastAppliedSeq();
    reportId = saved.reportIdCeiling();
    reportIdCeiling = saved.reportIdCeiling();
    forgotten.addAll(saved.forgotten());
    save();
  }

  String engineId() {
    return engineId;
  }

  long lastAppliedSeq() {
    return lastAppliedSeq;
  }

  /** Records and persists the sequence number of a desired set just applied. */
  void applied(long seq) {
    lastAppliedSeq = seq;
    save();
  }

  long nextReportId() {
    if (reportId >= reportIdCeiling) {
      reportIdCeiling = reportId + ID_BLOCK;
      save();
    }
    return ++reportId;
  }

  /** The task was cleaned up here: a stale desired set must not start it again. */
  void forget(String taskArn) {
    forgotten.add(taskArn);
    while (forgotten.size() > FORGOTTEN_KEPT) {
      forgotten.remove(forgotten.iterator().next());
    }
    save();
  }

  Set<String> forgotten() {
    return forgotten;
  }

  private void save() {
    store.saveEngine(new EngineStateStore.EngineFile(engineId, lastAppliedSeq, reportIdCeiling,
        List.copyOf(forgotten)));
  }
}
