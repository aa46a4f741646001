package nl.ireserve.saltoks.jdbc;

import java.time.Duration;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.access.GuestGrantStore;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.mapping.internal.Args;

/**
 * Every store and guard of the SDK in one PostgreSQL database (12 or newer), shared by every host instance:
 * the one way to obtain them. A site's stores are bound to that site ({@link #mappings(Site)}, {@link
 * #iqKeys(Site, KeyEncryption)}); the guards and the guest grant store serve every site of the database.
 *
 * <pre>{@code
 * JdbcStores db = JdbcStores.builder(dataSource).migrateSchema(true).build();
 * MappingStore links = db.mappings(site);
 * IqKeyStore keys = db.iqKeys(site, KeyEncryption.fromBase64(System.getenv("SALTO_KEY_ENCRYPTION")));
 * AccessGuards guards = db.guards();
 * }</pre>
 *
 * <p><b>The schema</b> is SQL in the jar, {@code classpath:}{@value #FLYWAY_LOCATION}: the host owns it
 * with Flyway ({@code locations} = that, {@code table} = {@value #FLYWAY_TABLE}, so it never mixes with the
 * host's own history), a DBA runs the files by hand, or the host opts in to the SDK applying them at {@link
 * Builder#build()} ({@link Builder#migrateSchema(boolean)}). Either way {@code build()} checks the tables are
 * at this SDK's version and names what to run when they are not.
 *
 * <p>Thread-safe; holds no connection of its own (every call borrows one from the data source). Every
 * statement is bounded by the driver's network timeout (30 s), so a frozen database ends a call instead of
 * holding its thread.
 */
public final class JdbcStores {
  /** Where the SQL migrations are, for Flyway's {@code locations}. */
  public static final String FLYWAY_LOCATION = Schema.LOCATION;
  /** The history table to give Flyway for the SDK's migrations: its own, apart from the host's. */
  public static final String FLYWAY_TABLE = "saltoks_flyway_history";

  private final DataSource dataSource;
  private final AccessGuards guards;
  private final GuestGrantStore grants;

  private JdbcStores(Builder b) {
    this.dataSource = b.dataSource;
    if (b.migrate) {
      Schema.apply(dataSource);
    } else {
      Schema.verify(dataSource);
    }
    this.guards = new JdbcAccessGuards(dataSource, b.journalRetention);
    this.grants = new JdbcGrantStore(dataSource);
  }

  /**
   * The stores of a database whose tables the host already created (Flyway, or a DBA).
   *
   * @param dataSource the host's data source
   * @return the stores
   * @throws StoreException when the tables are missing or at another version (the message says what to run)
   */
  public static JdbcStores create(DataSource dataSource) {
    return builder(dataSource).build();
  }

  /**
   * A builder, for the options.
   *
   * @param dataSource the host's data source
   * @return a builder
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(Args.notNull("dataSource", dataSource));
  }

  /**
   * The object → lock links of one site; the first site opened on a database upgraded from before sites
   * adopts the links stored then.
   *
   * @param site the site ({@code client.sites().retrieve(uid)}, or the record the host saved)
   * @return the site's store
   */
  public JdbcMappingStore mappings(Site site) {
    return new JdbcMappingStore(dataSource, Args.notNull("site", site));
  }

  /**
   * The IQ keys and pending activations of one site, encrypted at rest with {@code encryption}.
   *
   * @param site the site
   * @param encryption the host's key(s) for this site's secrets and PINs, per customer or shared
   * @return the site's store
   */
  public JdbcIqKeyStore iqKeys(Site site, KeyEncryption encryption) {
    return new JdbcIqKeyStore(dataSource, Args.notNull("site", site), Args.notNull("encryption", encryption));
  }

  /**
   * The guards every host instance shares (the integration switch, claims and journal of openings,
   * check-ins, OTP turns), for every site of the database. The same object at every call.
   *
   * @return the guards
   */
  public AccessGuards guards() {
    return guards;
  }

  /**
   * The guest grants of every site of the database, for {@link GuestAccessService}. The same object at
   * every call.
   *
   * @return the grant store
   */
  public GuestGrantStore grants() {
    return grants;
  }

  @Override
  public String toString() {
    return "JdbcStores[schema version " + Schema.VERSION + "]";
  }

  /** Options of {@link JdbcStores}; not thread-safe, build once. */
  public static final class Builder {
    private final DataSource dataSource;
    private boolean migrate;
    private Duration journalRetention = Duration.ofDays(90);

    private Builder(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    /**
     * Whether {@link #build()} applies the SQL migrations itself (default {@code false}: the host's Flyway
     * or DBA owns the schema, and {@code build()} only checks it). The files are idempotent and applied in
     * one transaction under an advisory lock, so several instances may start at once.
     *
     * @param migrate {@code true} to create or upgrade the tables
     * @return this builder
     */
    public Builder migrateSchema(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * How long the openings journal keeps an attempt (default 90 days, as long as SALTO keeps its entries);
     * older rows are deleted a batch at a time after writes.
     *
     * @param retention 1 day to 10 years
     * @return this builder
     */
    public Builder journalRetention(Duration retention) {
      Args.notNull("journalRetention", retention);
      if (retention.compareTo(Duration.ofDays(1)) < 0 || retention.compareTo(Duration.ofDays(3650)) > 0) {
        throw new IllegalArgumentException("journalRetention must be 1 day to 10 years, got " + retention);
      }
      this.journalRetention = retention;
      return this;
    }

    /**
     * The stores.
     *
     * @return the stores
     * @throws StoreException when the database cannot be reached, or (without {@link #migrateSchema}) its
     *     tables are missing or at another version
     */
    public JdbcStores build() {
      return new JdbcStores(this);
    }
  }
}
