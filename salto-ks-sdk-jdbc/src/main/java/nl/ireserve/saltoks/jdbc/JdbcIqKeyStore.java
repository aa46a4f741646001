package nl.ireserve.saltoks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;

/**
 * An {@link IqKeyStore} for one site in the host's database. Secrets and PINs are encrypted with {@link
 * KeyEncryption} (AES-256-GCM, keys supplied by the host); the tables {@code saltoks_site_iq_key} and
 * {@code saltoks_site_iq_pending} hold only ciphertext and the fingerprint of the key it is under. Every
 * row carries its site (environment and UUID) and every statement names it. Obtained from {@link
 * JdbcStores#iqKeys}; every write one transaction.
 *
 * <p>Keys rotate without losing a stored IQ key: configure {@code
 * KeyEncryption.fromBase64(newKey).alsoReading(KeyEncryption.fromBase64(oldKey))}, then call {@link
 * #reencrypt()} for each site until it returns 0, then drop the old key. Openings keep working throughout.
 *
 * <p>Upgrading from a version without sites: the migrations keep every key and pending activation; the
 * first site a store is opened for adopts the keys (a pending activation goes to the site it names).
 *
 * <p>Thread-safe.
 */
public final class JdbcIqKeyStore implements IqKeyStore {
  private static final String MINE = " environment = ? AND site_id = ?";
  private static final int ROTATION_BATCH = 100;

  private final DataSource ds;
  private final Site site;
  private final KeyEncryption encryption;

  JdbcIqKeyStore(DataSource ds, Site site, KeyEncryption encryption) {
    this.ds = ds;
    this.site = site;
    this.encryption = encryption;
    Jdbc.ensureSiteGeneration(ds, site);
    Jdbc.adoptUnscoped(ds, "saltoks_site_iq_key", site);
    Jdbc.adoptUnscoped(ds, "saltoks_site_iq_pending", site);
  }

  @Override
  public Optional<Site> site() {
    return Optional.of(site);
  }

  @Override
  public Optional<IqKey> find(String iqId) {
    String id = Args.uuid("iqId", iqId);
    return Jdbc.read(ds, "read an IQ key", c -> readKey(c, id).map(row -> new IqKey(id,
        encryption.decrypt(row.secret, id, "secret", row.fingerprint),
        encryption.decrypt(row.pin, id, "pin", row.fingerprint), row.proven)));
  }

  @Override
  public void save(IqKey key) {
    Args.notNull("key", key);
    String secret = encryption.encrypt(key.secret(), key.iqId(), "secret");
    String pin = encryption.encrypt(key.pin(), key.iqId(), "pin");
    long now = System.currentTimeMillis(); // updated_at: bookkeeping for operators, not logic
    Jdbc.inTransactionRetryingConflicts(ds, "store an IQ key", 3, c -> {
      if (update(c, key.iqId(), secret, pin, key.provenAtLock(), now) == 0) {
        insert(c, key.iqId(), secret, pin, key.provenAtLock(), now); // a concurrent first save may insert it first: retried
      }
      deletePending(c, key.iqId()); // the activation is complete, in the same transaction
      Jdbc.bumpStoreGeneration(c, site); // other instances drop their cached key before their next open
      return null;
    });
  }

  private int update(Connection c, String iqId, String secret, String pin, boolean proven, long now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE saltoks_site_iq_key SET secret_enc = ?,"
        + " pin_enc = ?, key_fingerprint = ?, updated_at = ?, proven_at_lock = ? WHERE" + MINE + " AND iq_id = ?")) {
      ps.setString(1, secret);
      ps.setString(2, pin);
      ps.setString(3, encryption.fingerprint());
      ps.setLong(4, now);
      ps.setBoolean(5, proven);
      Jdbc.bindSite(ps, 6, site);
      ps.setString(8, iqId);
      return ps.executeUpdate();
    }
  }

  private void insert(Connection c, String iqId, String secret, String pin, boolean proven, long now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO saltoks_site_iq_key (environment, site_id,"
        + " iq_id, secret_enc, pin_enc, key_fingerprint, updated_at, proven_at_lock)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
      Jdbc.bindSite(ps, 1, site);
      ps.setString(3, iqId);
      ps.setString(4, secret);
      ps.setString(5, pin);
      ps.setString(6, encryption.fingerprint());
      ps.setLong(7, now);
      ps.setBoolean(8, proven);
      ps.executeUpdate();
    }
  }

  @Override
  public void savePending(PendingActivation pending) {
    Args.notNull("pending", pending);
    if (!pending.siteId().equals(site.id())) {
      throw new IllegalArgumentException("pending.siteId is " + pending.siteId() + ", but this is the store"
          + " of site " + site.id() + "; keep it in the store of its own site");
    }
    String secret = encryption.encrypt(pending.secret(), pending.iqId(), "pending_secret");
    long now = System.currentTimeMillis();
    Jdbc.inTransaction(ds, "store a pending IQ activation", c -> {
      deletePending(c, pending.iqId());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO saltoks_site_iq_pending (environment,"
          + " site_id, iq_id, secret_enc, key_fingerprint, created_at) VALUES (?, ?, ?, ?, ?, ?)")) {
        Jdbc.bindSite(ps, 1, site);
        ps.setString(3, pending.iqId());
        ps.setString(4, secret);
        ps.setString(5, encryption.fingerprint());
        ps.setLong(6, now);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<PendingActivation> findPending(String iqId) {
    String id = Args.uuid("iqId", iqId);
    return Jdbc.read(ds, "read a pending IQ activation", c -> readPending(c, id).map(row ->
        new PendingActivation(site.id(), id, encryption.decrypt(row.secret, id, "pending_secret", row.fingerprint))));
  }

  private void deletePending(Connection c, String iqId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "DELETE FROM saltoks_site_iq_pending WHERE" + MINE + " AND iq_id = ?")) {
      Jdbc.bindSite(ps, 1, site);
      ps.setString(3, iqId);
      ps.executeUpdate();
    }
  }

  @Override
  public boolean delete(String iqId) {
    String id = Args.uuid("iqId", iqId);
    return Jdbc.inTransaction(ds, "delete an IQ key", c -> {
      Jdbc.bumpStoreGeneration(c, site);
      try (PreparedStatement ps = c.prepareStatement(
          "DELETE FROM saltoks_site_iq_key WHERE" + MINE + " AND iq_id = ?")) {
        Jdbc.bindSite(ps, 1, site);
        ps.setString(3, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public List<String> iqIds() {
    return Jdbc.read(ds, "list IQ keys", c -> ids(c, "SELECT iq_id FROM saltoks_site_iq_key WHERE" + MINE
        + " ORDER BY iq_id", null));
  }

  /**
   * Moves this site's keys and pending activations to the current encryption key: each row not under it
   * is decrypted with the key it names and written again under the current one, in a transaction of its
   * own that replaces it only if nobody changed it meanwhile (a concurrent {@link #save} already wrote it
   * under the current key). Resumable: after a crash or a failure, call it again; rows already moved are
   * skipped. Openings read every row throughout, under the old key or the new.
   *
   * @return how many rows it re-encrypted; 0 when every row of the site is under the current key
   * @throws StoreException when a row names a key that is not configured, or the database fails; rows
   *     moved before that stay moved
   */
  public int reencrypt() {
    int moved = 0;
    for (String table : new String[] {"saltoks_site_iq_key", "saltoks_site_iq_pending"}) {
      String after = "";
      while (true) {
        String from = after;
        List<String> batch = Jdbc.read(ds, "list the rows under an old key", c -> ids(c, "SELECT iq_id FROM "
            + table + " WHERE" + MINE + " AND key_fingerprint <> ? AND iq_id > ? ORDER BY iq_id"
            + " FETCH FIRST " + ROTATION_BATCH + " ROWS ONLY", from));
        for (String iqId : batch) {
          moved += table.equals("saltoks_site_iq_key") ? reencryptKey(iqId) : reencryptPending(iqId);
        }
        if (batch.size() < ROTATION_BATCH) {
          break;
        }
        after = batch.get(batch.size() - 1);
      }
    }
    return moved;
  }

  private int reencryptKey(String iqId) {
    return Jdbc.inTransaction(ds, "re-encrypt an IQ key", c -> {
      Optional<Row> row = readKey(c, iqId);
      if (row.isEmpty() || encryption.isCurrent(row.get().fingerprint)) {
        return 0; // deleted or saved anew meanwhile
      }
      Row r = row.get();
      String secret = encryption.encrypt(encryption.decrypt(r.secret, iqId, "secret", r.fingerprint), iqId, "secret");
      String pin = encryption.encrypt(encryption.decrypt(r.pin, iqId, "pin", r.fingerprint), iqId, "pin");
      try (PreparedStatement ps = c.prepareStatement("UPDATE saltoks_site_iq_key SET secret_enc = ?, pin_enc = ?,"
          + " key_fingerprint = ? WHERE" + MINE + " AND iq_id = ? AND secret_enc = ? AND pin_enc = ?")) {
        ps.setString(1, secret);
        ps.setString(2, pin);
        ps.setString(3, encryption.fingerprint());
        Jdbc.bindSite(ps, 4, site);
        ps.setString(6, iqId);
        ps.setString(7, r.secret);
        ps.setString(8, r.pin);
        return ps.executeUpdate(); // 0 when a concurrent save replaced it: that one is under the current key
      }
    });
  }

  private int reencryptPending(String iqId) {
    return Jdbc.inTransaction(ds, "re-encrypt a pending IQ activation", c -> {
      Optional<Row> row = readPending(c, iqId);
      if (row.isEmpty() || encryption.isCurrent(row.get().fingerprint)) {
        return 0;
      }
      Row r = row.get();
      String secret = encryption.encrypt(
          encryption.decrypt(r.secret, iqId, "pending_secret", r.fingerprint), iqId, "pending_secret");
      try (PreparedStatement ps = c.prepareStatement("UPDATE saltoks_site_iq_pending SET secret_enc = ?,"
          + " key_fingerprint = ? WHERE" + MINE + " AND iq_id = ? AND secret_enc = ?")) {
        ps.setString(1, secret);
        ps.setString(2, encryption.fingerprint());
        Jdbc.bindSite(ps, 3, site);
        ps.setString(5, iqId);
        ps.setString(6, r.secret);
        return ps.executeUpdate();
      }
    });
  }

  /** A stored row: ciphertexts and the fingerprint column. */
  private static final class Row {
    final String secret;
    final String pin;
    final String fingerprint;
    final boolean proven;

    Row(String secret, String pin, String fingerprint, boolean proven) {
      this.secret = secret;
      this.pin = pin;
      this.fingerprint = fingerprint;
      this.proven = proven;
    }
  }

  private Optional<Row> readKey(Connection c, String iqId) throws SQLException {
    return readRow(c, "SELECT secret_enc, pin_enc, key_fingerprint, proven_at_lock FROM saltoks_site_iq_key", iqId);
  }

  private Optional<Row> readPending(Connection c, String iqId) throws SQLException {
    return readRow(c, "SELECT secret_enc, '', key_fingerprint, TRUE FROM saltoks_site_iq_pending", iqId);
  }

  private Optional<Row> readRow(Connection c, String select, String iqId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(select + " WHERE" + MINE + " AND iq_id = ?")) {
      Jdbc.bindSite(ps, 1, site);
      ps.setString(3, iqId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new Row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
            : Optional.empty();
      }
    }
  }

  /** The IQ ids a query lists: the site's, and with {@code after}, those under an old key after that id. */
  private List<String> ids(Connection c, String sql, @Nullable String after) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bindSite(ps, 1, site);
      if (after != null) {
        ps.setString(3, encryption.fingerprint());
        ps.setString(4, after);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "JdbcIqKeyStore[saltoks_site_iq_key, site " + site.id() + " (" + site.environment() + "), "
        + encryption + "]";
  }
}
