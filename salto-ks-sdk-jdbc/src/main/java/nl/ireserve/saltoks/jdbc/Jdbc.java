package nl.ireserve.saltoks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.StoreException;

/**
 * Transactions for the JDBC stores. Every write runs in one transaction that is
 * rolled back on any failure, so nothing is half-written.
 */
final class Jdbc {
  /** Work inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    /** Runs with the connection; the transaction commits when it returns. */
    T run(Connection c) throws SQLException;
  }


  private Jdbc() {}

  /**
   * How long one of the SDK's statements may wait on the network before the driver gives up: a frozen
   * database ends the call (and frees its thread) instead of holding it until the database wakes.
   */
  static final int NETWORK_TIMEOUT_MILLIS = 30_000;
  private static final java.util.concurrent.Executor DIRECT = Runnable::run;

  /**
   * Sets the SDK's network timeout on a connection for one piece of work and restores the host's setting
   * afterwards; a driver that does not support it runs the work as it is.
   */
  private static <T> T bounded(Connection c, Work<T> work) throws SQLException {
    int before;
    try {
      before = c.getNetworkTimeout();
      c.setNetworkTimeout(DIRECT, NETWORK_TIMEOUT_MILLIS);
    } catch (java.sql.SQLFeatureNotSupportedException | AbstractMethodError | UnsupportedOperationException e) {
      return work.run(c);
    }
    try {
      return work.run(c);
    } finally {
      c.setNetworkTimeout(DIRECT, before);
    }
  }

  /** Runs {@code work} in a transaction; any failure rolls back and becomes a {@link StoreException}. */
  static <T> T inTransaction(DataSource ds, String what, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      return bounded(c, tx -> transaction(tx, work));
    } catch (SQLException e) {
      throw failure(what, e, "; nothing was changed");
    }
  }

  private static <T> T transaction(Connection c, Work<T> work) throws SQLException {
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
  }

  /**
   * Runs a write of the form "update the row, or insert it when there is none" in a transaction, and runs
   * it again (up to {@code attempts} times in all) when a concurrent writer inserted the same row between
   * the update and the insert: the row exists then, so the next round's update takes its row lock.
   */
  static <T> T inTransactionRetryingConflicts(DataSource ds, String what, int attempts, Work<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return inTransaction(ds, what, work);
      } catch (StoreException e) {
        if (attempt >= attempts || !isConflict(e)) {
          throw e;
        }
      }
    }
  }

  /** Whether a store failure was a lost race on a unique key (SQLState class 23). */
  static boolean isConflict(StoreException e) {
    return e.getCause() instanceof SQLException && isConstraintViolation((SQLException) e.getCause());
  }

  /**
   * A database failure, told by its SQLState class: a lost race with a concurrent write (class 23, or
   * a serialization failure or deadlock) asks for a retry; anything else for a look at the database.
   */
  private static StoreException failure(String what, SQLException e, String changed) {
    String state = String.valueOf(e.getSQLState());
    if (isConstraintViolation(e)) {
      return new StoreException("The database refused to " + what + ": a concurrent write to the same"
          + " row came first (SQLState " + state + ")" + changed + ". Read it again and retry.", e);
    }
    if (state.equals("40001") || state.equals("40P01")) {
      return new StoreException("The database could not " + what + ": it conflicted with a concurrent"
          + " transaction (SQLState " + state + ")" + changed + ". Retry.", e);
    }
    return new StoreException("The database failed to " + what + " (SQLState " + state + ")" + changed
        + ". Check the database connection.", e);
  }

  /** Runs a read on its own connection. */
  static <T> T read(DataSource ds, String what, Work<T> work) {
    try (Connection c = ds.getConnection()) {
      return bounded(c, work);
    } catch (SQLException e) {
      throw failure(what, e, "");
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
  static boolean isConstraintViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The name of a site's row in {@code saltoks_generation}: every site counts the changes to its own links
   * and IQ keys, so one customer's relink does not make every other customer's instances drop their caches.
   */
  static String generationRow(Site site) {
    return "stores:" + site.environment() + ":" + site.id();
  }

  /**
   * Makes sure a site's generation row exists, so that a write only ever updates it (an insert racing
   * another inside a write's transaction would abort that write).
   */
  static void ensureSiteGeneration(DataSource ds, Site site) {
    // two processes opening the same site's store at once: the loser's insert conflicts, its retry sees the row
    inTransactionRetryingConflicts(ds, "prepare the site's change counter", 2, c -> {
      if (!exists(c, "SELECT 1 FROM saltoks_generation WHERE name = ?", generationRow(site))) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO saltoks_generation (name, value) VALUES (?, 0)")) {
          ps.setString(1, generationRow(site));
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  /** Bumps a site's store generation, inside the caller's write transaction. */
  static void bumpStoreGeneration(Connection c, Site site) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE saltoks_generation SET value = value + 1 WHERE name = ?")) {
      ps.setString(1, generationRow(site));
      ps.executeUpdate();
    }
  }

  /**
   * The rule for rows written before stores were scoped by site (schema version 1 had no site
   * columns; the migration gives them an empty environment and site): the first site a store is opened
   * for on the upgraded database adopts them, in one transaction, so a single-site host keeps every link
   * and key. Returns how many rows it adopted.
   */
  static int adoptUnscoped(DataSource ds, String table, Site site) {
    return inTransaction(ds, "adopt the rows stored before stores were scoped by site", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE " + table
          + " SET environment = ?, site_id = ? WHERE environment = '' AND (site_id = '' OR site_id = ?)")) {
        ps.setString(1, site.environment());
        ps.setString(2, site.id());
        ps.setString(3, site.id());
        int adopted = ps.executeUpdate();
        if (adopted > 0) {
          bumpStoreGeneration(c, site);
        }
        return adopted;
      }
    });
  }

  /** Binds a site's environment and UUID to two parameters, from {@code index}. */
  static void bindSite(PreparedStatement ps, int index, Site site) throws SQLException {
    ps.setString(index, site.environment());
    ps.setString(index + 1, site.id());
  }

  private static boolean exists(Connection c, String sql, String param) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, param);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
