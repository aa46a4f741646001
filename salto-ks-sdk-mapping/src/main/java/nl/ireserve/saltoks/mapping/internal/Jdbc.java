package nl.ireserve.saltoks.mapping.internal;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
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
  public static <T> T inTransaction(DataSource ds, String what, Work<T> work) {
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
  public static <T> T inTransactionRetryingConflicts(DataSource ds, String what, int attempts, Work<T> work) {
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
  public static boolean isConflict(StoreException e) {
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
  public static <T> T read(DataSource ds, String what, Work<T> work) {
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
  public static boolean isConstraintViolation(SQLException e) {
    for (SQLException x = e; x != null; x = x.getNextException()) {
      if (x.getSQLState() != null && x.getSQLState().startsWith("23")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Brings a component's tables to the newest version, each time a store is created on a data source (so
   * tables dropped meanwhile are created again when every one of them is gone): {@code versions[0]} creates
   * version 1, {@code versions[i]} migrates version {@code i} to {@code i + 1}. The version each component
   * is at lives in {@code saltoks_schema}; the migration runs in one transaction holding that row's lock,
   * so several processes starting at once migrate once, and a failure leaves the old version intact.
   *
   * @param ds the data source
   * @param component the component, such as {@code mapping}
   * @param versions the statements of each version, oldest first
   */
  public static void ensureSchema(DataSource ds, String component, String[]... versions) {
    int latest = versions.length;
    read(ds, "create or upgrade the " + component + " tables", c -> {
      if (!tableExists(c, "saltoks_schema")) {
        tryDdl(c, "CREATE TABLE saltoks_schema (component VARCHAR(50) PRIMARY KEY, version INTEGER NOT NULL)");
      }
      if (currentVersion(c, component) == null) {
        try (PreparedStatement ps = c.prepareStatement(
            "INSERT INTO saltoks_schema (component, version) VALUES (?, 0)")) {
          ps.setString(1, component);
          ps.executeUpdate();
        } catch (SQLException e) {
          if (!isConstraintViolation(e)) {
            throw e;
          }
        }
      }
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false);
      try {
        int have;
        try (PreparedStatement ps = c.prepareStatement(
            "SELECT version FROM saltoks_schema WHERE component = ? FOR UPDATE")) {
          ps.setString(1, component);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            have = rs.getInt(1);
          }
        }
        if (have > 0 && noneExists(c, createdTables(versions))) {
          have = 0; // every table of the component was dropped: nothing to keep, so they are created anew
        }
        if (have > latest) {
          throw new StoreException("The " + component + " tables are at schema version " + have
              + ", newer than this SDK knows (" + latest + "); upgrade the SDK.", null);
        }
        for (int v = have; v < latest; v++) {
          try (Statement st = c.createStatement()) {
            for (String stmt : versions[v]) {
              st.executeUpdate(stmt);
            }
          }
        }
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE saltoks_schema SET version = ? WHERE component = ?")) {
          ps.setInt(1, latest);
          ps.setString(2, component);
          ps.executeUpdate();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        rollback(c, e);
        throw e;
      } finally {
        c.setAutoCommit(auto);
      }
      return null;
    });
  }

  private static final java.util.regex.Pattern CREATE_TABLE =
      java.util.regex.Pattern.compile("CREATE TABLE (\\w+)", java.util.regex.Pattern.CASE_INSENSITIVE);

  /** Every table a component's versions create (some of them renamed or dropped by later versions). */
  private static java.util.Set<String> createdTables(String[]... versions) {
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String[] version : versions) {
      for (String stmt : version) {
        java.util.regex.Matcher m = CREATE_TABLE.matcher(stmt);
        while (m.find()) {
          out.add(m.group(1));
        }
      }
    }
    return out;
  }

  private static boolean noneExists(Connection c, java.util.Set<String> tables) throws SQLException {
    for (String t : tables) {
      if (tableExists(c, t)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Creates the counters of changes to links and IQ keys ({@code saltoks_generation}, one row per site,
   * see {@link #generationRow}), shared by the JDBC mapping and IQ key stores (which bump their site's
   * in every write's transaction) and the JDBC access guards (which read it before every open). Version
   * 2 renamed the one row from {@code links}, when IQ keys began to count too; version 3 dropped it, when
   * every site got its own.
   */
  public static void ensureStoreGeneration(DataSource ds) {
    ensureSchema(ds, "generation", new String[] {
        "CREATE TABLE saltoks_generation (name VARCHAR(100) NOT NULL PRIMARY KEY, value BIGINT NOT NULL)",
        "INSERT INTO saltoks_generation (name, value) VALUES ('links', 0)"},
        new String[] {"UPDATE saltoks_generation SET name = 'stores' WHERE name = 'links'"},
        new String[] {"DELETE FROM saltoks_generation WHERE name = 'stores'"});
  }

  /**
   * The name of a site's row in {@code saltoks_generation}: every site counts the changes to its own links
   * and IQ keys, so one customer's relink does not make every other customer's instances drop their caches.
   */
  public static String generationRow(Site site) {
    return "stores:" + site.environment() + ":" + site.id();
  }

  /**
   * Makes sure a site's generation row exists, so that a write only ever updates it (an insert racing
   * another inside a write's transaction would abort that write).
   */
  public static void ensureSiteGeneration(DataSource ds, Site site) {
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
  public static void bumpStoreGeneration(Connection c, Site site) throws SQLException {
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
  public static int adoptUnscoped(DataSource ds, String table, Site site) {
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
  public static void bindSite(PreparedStatement ps, int index, Site site) throws SQLException {
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

  private static Integer currentVersion(Connection c, String component) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM saltoks_schema WHERE component = '"
            + component.replace("'", "") + "'")) {
      return rs.next() ? rs.getInt(1) : null;
    }
  }

  private static void tryDdl(Connection c, String ddl) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(ddl);
    } catch (SQLException e) {
      if (!tableExists(c, ddl.split("\\s+")[2])) {
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
