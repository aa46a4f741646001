package nl.ireserve.saltoks.mapping.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import javax.sql.DataSource;
import nl.ireserve.saltoks.mapping.StoreException;

/**
 * Transactions and schema creation for the JDBC stores. Every write runs in one transaction that is
 * rolled back on any failure, so nothing is half-written.
 */
public final class Jdbc {
  /** Work inside a transaction. */
  @FunctionalInterface
  public interface Work<T> {
    /** Runs with the connection; the transaction commits when it returns. */
    T run(Connection c) throws SQLException;
  }

  private static final ConcurrentMap<String, Boolean> CREATED = new ConcurrentHashMap<>();

  private Jdbc() {}

  /** Runs {@code work} in a transaction; any failure rolls back and becomes a {@link StoreException}. */
  public static <T> T inTransaction(DataSource ds, String what, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new StoreException("The database failed to " + what + " (SQLState " + e.getSQLState()
          + "); nothing was changed. Check the database connection.", e);
    }
  }

  /** Runs a read on its own connection. */
  public static <T> T read(DataSource ds, String what, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException("The database failed to " + what + " (SQLState " + e.getSQLState()
          + "). Check the database connection.", e);
    }
  }

  private static void rollback(Connection c, Exception cause) {
    try {
      c.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** Whether an exception is an integrity-constraint violation (SQLState class 23). */
  public static boolean isConstraintViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Creates a component's tables once, idempotently and safely when several processes start at once:
   * a version table records what exists; losing a creation race is detected and ignored.
   *
   * @param ds the data source
   * @param component the component, such as {@code mapping}
   * @param version the schema version this code needs
   * @param ddl the statements that create version 1 of the tables
   */
  public static void ensureSchema(DataSource ds, String component, int version, String... ddl) {
    String key = System.identityHashCode(ds) + ":" + component;
    if (CREATED.containsKey(key)) {
      return;
    }
    read(ds, "create the " + component + " tables", c -> {
      if (!tableExists(c, "saltoks_schema")) {
        tryDdl(c, "CREATE TABLE saltoks_schema (component VARCHAR(50) PRIMARY KEY, version INTEGER NOT NULL)");
      }
      Integer have = currentVersion(c, component);
      if (have == null) {
        for (String stmt : ddl) {
          tryDdl(c, stmt);
        }
        try (Statement s = c.createStatement()) {
          s.executeUpdate("INSERT INTO saltoks_schema (component, version) VALUES ('" + component + "', " + version + ")");
        } catch (SQLException e) {
          if (!isConstraintViolation(e)) {
            throw e;
          }
        }
      } else if (have > version) {
        throw new StoreException("The " + component + " tables are at schema version " + have
            + ", newer than this SDK knows (" + version + "); upgrade the SDK.", null);
      }
      return null;
    });
    CREATED.put(key, Boolean.TRUE);
  }

  private static Integer currentVersion(Connection c, String component) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM saltoks_schema WHERE component = '" + component + "'")) {
      return rs.next() ? rs.getInt(1) : null;
    }
  }

  private static void tryDdl(Connection c, String ddl) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(ddl);
    } catch (SQLException e) {
      String table = ddl.split("\\s+")[2];
      if (!tableExists(c, table) && !ddl.startsWith("CREATE INDEX")) {
        throw e; // a real failure, not a lost race with another process creating the same table
      }
    }
  }

  private static boolean tableExists(Connection c, String table) throws SQLException {
    DatabaseMetaData md = c.getMetaData();
    for (String name : new String[] {table, table.toUpperCase(Locale.ROOT), table.toLowerCase(Locale.ROOT)}) {
      try (ResultSet rs = md.getTables(null, null, name, new String[] {"TABLE"})) {
        if (rs.next()) {
          return true;
        }
      }
    }
    return false;
  }
}
