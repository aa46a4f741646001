package nl.ireserve.saltoks.it.support;

import javax.sql.DataSource;
import nl.ireserve.saltoks.jdbc.JdbcStores;

/** The SDK's PostgreSQL stores on a test database, with the schema applied by the SDK (as the demo does). */
public final class Stores {
  private Stores() {}

  /**
   * The stores of a data source, applying the SQL migrations first (idempotent).
   *
   * @param ds the data source
   * @return the stores
   */
  public static JdbcStores of(DataSource ds) {
    return JdbcStores.builder(ds).migrateSchema(true).build();
  }
}
