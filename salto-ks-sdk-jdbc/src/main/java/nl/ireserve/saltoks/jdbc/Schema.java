package nl.ireserve.saltoks.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import nl.ireserve.saltoks.exception.StoreException;
import org.jspecify.annotations.Nullable;

/**
 * The SDK's tables as the SQL files in {@value #LOCATION}: applied by the SDK when the host opts in, or
 * checked to be there when the host's own tooling (Flyway, a DBA) owns them.
 *
 * <p>Every file is idempotent, so {@link #apply} runs all of them each time, in one transaction under an
 * advisory lock: several instances starting at once apply them once, a failure changes nothing, and tables
 * dropped meanwhile are created again.
 */
final class Schema {
  /** Where the migration files are on the class path (Flyway: {@code classpath:} + this). */
  static final String LOCATION = "db/saltoks/migration";
  /** The files, oldest first; the last one's number is the version this SDK needs. */
  private static final List<String> FILES = List.of("V1__saltoks_schema.sql");
  static final int VERSION = FILES.size();
  /** The advisory lock the SDK's own runs hold: "SALTOKS" in ASCII, unlikely to be another application's. */
  private static final long LOCK = 0x53414c544f4b53L;

  private Schema() {}

  /** Applies every file in one transaction; a failure rolls all of it back. */
  static void apply(DataSource ds) {
    Jdbc.inTransaction(ds, "create or upgrade the SDK's tables", c -> {
      try (PreparedStatement lock = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
        lock.setLong(1, LOCK);
        lock.execute();
      }
      refuseNewer(versionIn(c));
      try (Statement st = c.createStatement()) {
        for (String file : FILES) {
          st.execute(read(file));
        }
      }
      return null;
    });
  }

  /**
   * Checks that the tables are at this SDK's version, without changing anything.
   *
   * @throws StoreException naming what to run when they are missing, older, or newer than this SDK
   */
  static void verify(DataSource ds) {
    Integer have = Jdbc.read(ds, "read the version of the SDK's tables", Schema::versionIn);
    refuseNewer(have);
    if (have == null || have < VERSION) {
      throw new StoreException("The SALTO KS SDK's tables are " + (have == null ? "missing" : "at version " + have)
          + ", this SDK needs version " + VERSION + ". Apply the SQL migrations in classpath:" + LOCATION
          + " (Flyway: locations=classpath:" + LOCATION + ", table=" + JdbcStores.FLYWAY_TABLE
          + "), or let the SDK apply them: JdbcStores.builder(dataSource).migrateSchema(true).", null);
    }
  }

  private static void refuseNewer(@Nullable Integer have) {
    if (have != null && have > VERSION) {
      throw new StoreException("The SALTO KS SDK's tables are at version " + have + ", newer than this SDK knows ("
          + VERSION + "): another instance runs a newer SDK. Upgrade this one.", null);
    }
  }

  private static @Nullable Integer versionIn(Connection c) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet table = st.executeQuery("SELECT to_regclass('saltoks_schema') IS NOT NULL")) {
      table.next();
      if (!table.getBoolean(1)) {
        return null;
      }
    }
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version FROM saltoks_schema WHERE component = 'sql'")) {
      return rs.next() ? rs.getInt(1) : null;
    }
  }

  private static String read(String file) {
    String path = LOCATION + "/" + file;
    try (InputStream in = Schema.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("The SDK's migration " + path + " is not on the class path: the"
            + " salto-ks-sdk-jdbc jar is incomplete (repackaged without its resources?)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("The SDK's migration " + path + " could not be read", e);
    }
  }
}
