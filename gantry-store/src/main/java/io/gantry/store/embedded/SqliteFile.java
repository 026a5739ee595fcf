package io.gantry.store.embedded;

import io.gantry.store.KeyValue;
import io.gantry.store.StoreException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Consumer;
import org.sqlite.SQLiteConfig;

/**
 * The SQLite database behind an embedded store: schema, loading, and writing one batch per
 * SQLite transaction. WAL journal with {@code synchronous=FULL}, so a returned {@link #write}
 * is on disk. Not thread-safe: opened by the thread that opens the store, then used only by the
 * writer thread (thread start orders the two).
 */
final class SqliteFile implements AutoCloseable {
  static final String FILE_NAME = "store.db";
  static final int SCHEMA_VERSION = 1;

  private final Connection connection;
  private final PreparedStatement upsert;
  private final PreparedStatement delete;
  private final PreparedStatement setRevision;

  private SqliteFile(Connection connection) throws SQLException {
    this.connection = connection;
    this.upsert = connection.prepareStatement(
        "INSERT INTO kv(key, value, create_rev, mod_rev, version) VALUES (?, ?, ?, ?, ?) "
            + "ON CONFLICT(key) DO UPDATE SET value = excluded.value, create_rev = excluded.create_rev, "
            + "mod_rev = excluded.mod_rev, version = excluded.version");
    this.delete = connection.prepareStatement("DELETE FROM kv WHERE key = ?");
    this.setRevision = connection.prepareStatement("UPDATE meta SET value = ? WHERE name = 'revision'");
  }

  /** Opens (creating when missing) the database in {@code dir} and brings its schema up to date. */
  static SqliteFile open(Path dir) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(5_000);
    Connection connection = null;
    try {
      connection = config.createConnection("jdbc:sqlite:" + dir.resolve(FILE_NAME));
      createSchema(connection);
      connection.setAutoCommit(false);
      syncDirectory(dir); // makes the newly created files' directory entries durable too
      return new SqliteFile(connection);
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      throw new StoreException("cannot open the store database in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Streams every stored key to {@code sink}, in SQLite's key order (BINARY collation: the UTF-8
   * bytes, which is code-point order, {@link io.gantry.store.Keys#ORDER}), and returns the stored
   * revision.
   */
  long load(Consumer<KeyValue> sink) {
    try (Statement st = connection.createStatement()) {
      long revision = 0;
      try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE name = 'revision'")) {
        revision = rs.next() ? rs.getLong(1) : 0;
      }
      try (ResultSet rs = st.executeQuery("SELECT key, value, create_rev, mod_rev, version FROM kv ORDER BY key")) {
        while (rs.next()) {
          KeyValue kv = new KeyValue(rs.getString(1), nonNull(rs.getBytes(2)), rs.getLong(3), rs.getLong(4), rs.getLong(5));
          if (kv.modRevision() > revision || kv.createRevision() > kv.modRevision() || kv.version() < 1) {
            throw new StoreException("corrupt store: " + kv + " does not fit store revision " + revision);
          }
          sink.accept(kv);
        }
      }
      connection.commit();
      return revision;
    } catch (SQLException e) {
      throw new StoreException("cannot read the store database: " + e.getMessage(), e);
    }
  }

  /**
   * Writes the final state of every changed key (null: deleted) and the new revision in one
   * transaction and commits it; durable when this returns.
   *
   * @throws SQLException when anything failed; the transaction is then rolled back as far as
   *     SQLite can tell, but a failed commit leaves its outcome uncertain
   */
  void write(Map<String, KeyValue> changes, long revision) throws SQLException {
    try {
      boolean upserts = false;
      boolean deletes = false;
      for (Map.Entry<String, KeyValue> change : changes.entrySet()) {
        KeyValue kv = change.getValue();
        if (kv == null) {
          delete.setString(1, change.getKey());
          delete.addBatch();
          deletes = true;
        } else {
          upsert.setString(1, kv.key());
          upsert.setBytes(2, kv.value());
          upsert.setLong(3, kv.createRevision());
          upsert.setLong(4, kv.modRevision());
          upsert.setLong(5, kv.version());
          upsert.addBatch();
          upserts = true;
        }
      }
      if (upserts) {
        upsert.executeBatch();
      }
      if (deletes) {
        delete.executeBatch();
      }
      setRevision.setLong(1, revision);
      setRevision.executeUpdate();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollbackFailure) {
        e.addSuppressed(rollbackFailure);
      }
      throw e;
    }
  }

  @Override
  public void close() {
    closeQuietly(connection);
  }

  private static void createSchema(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.executeUpdate("CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL)");
      st.executeUpdate("CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB NOT NULL, "
          + "create_rev INTEGER NOT NULL, mod_rev INTEGER NOT NULL, version INTEGER NOT NULL)");
      st.executeUpdate("INSERT OR IGNORE INTO meta(name, value) VALUES ('schema_version', " + SCHEMA_VERSION + ")");
      st.executeUpdate("INSERT OR IGNORE INTO meta(name, value) VALUES ('revision', 0)");
      try (ResultSet rs = st.executeQuery("SELECT value FROM meta WHERE name = 'schema_version'")) {
        long version = rs.next() ? rs.getLong(1) : -1;
        if (version != SCHEMA_VERSION) {
          throw new SQLException("schema version " + version + " is not the supported " + SCHEMA_VERSION);
        }
      }
    }
  }

  private static void syncDirectory(Path dir) {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Not every platform can open a directory for syncing; SQLite has synced the files themselves.
    }
  }

  private static byte[] nonNull(byte[] value) {
    return value == null ? new byte[0] : value;
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException ignored) {
      // closing after a failure or at shutdown; nothing more to do
    }
  }
}
