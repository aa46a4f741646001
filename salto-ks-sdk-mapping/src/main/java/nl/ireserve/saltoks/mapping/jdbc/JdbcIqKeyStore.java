package nl.ireserve.saltoks.mapping.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ireserve.saltoks.mapping.internal.Args;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup.PendingActivation;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.internal.Jdbc;

/**
 * An {@link IqKeyStore} in the host's database. Secrets and PINs are encrypted with {@link
 * KeyEncryption} (AES-256-GCM, key supplied by the host); the table {@code saltoks_iq_key} holds only
 * ciphertext and the key's fingerprint. Portable SQL, created on first use, every write one
 * transaction. Thread-safe.
 */
public final class JdbcIqKeyStore implements IqKeyStore {

  private final DataSource ds;
  private final KeyEncryption encryption;

  private JdbcIqKeyStore(DataSource ds, KeyEncryption encryption) {
    this.ds = ds;
    this.encryption = encryption;
    Jdbc.ensureStoreGeneration(ds);
    Jdbc.ensureSchema(ds, "iq_key", new String[] {
        "CREATE TABLE saltoks_iq_key ("
            + "iq_id VARCHAR(36) NOT NULL PRIMARY KEY, "
            + "secret_enc VARCHAR(512) NOT NULL, "
            + "pin_enc VARCHAR(512) NOT NULL, "
            + "key_fingerprint VARCHAR(32) NOT NULL, "
            + "updated_at BIGINT NOT NULL)"});
    Jdbc.ensureSchema(ds, "iq_pending", new String[] {
        "CREATE TABLE saltoks_iq_pending ("
            + "iq_id VARCHAR(36) NOT NULL PRIMARY KEY, "
            + "site_id VARCHAR(36) NOT NULL, "
            + "secret_enc VARCHAR(512) NOT NULL, "
            + "key_fingerprint VARCHAR(32) NOT NULL, "
            + "created_at BIGINT NOT NULL)"});
  }

  /**
   * A store on a data source; creates the table if it does not exist.
   *
   * @param dataSource the host's data source
   * @param encryption the host's encryption key
   * @return the store
   */
  public static JdbcIqKeyStore create(DataSource dataSource, KeyEncryption encryption) {
    return new JdbcIqKeyStore(Args.notNull("dataSource", dataSource),
        Args.notNull("encryption", encryption));
  }

  @Override
  public Optional<IqKey> find(String iqId) {
    String id = Args.uuid("iqId", iqId);
    return Jdbc.read(ds, "read an IQ key", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT secret_enc, pin_enc, key_fingerprint FROM saltoks_iq_key WHERE iq_id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          String fp = rs.getString(3);
          String secret = encryption.decrypt(rs.getString(1), id, "secret", fp);
          String pin = encryption.decrypt(rs.getString(2), id, "pin", fp);
          return Optional.of(new IqKey(id, secret, pin));
        }
      }
    });
  }

  @Override
  public void save(IqKey key) {
    Args.notNull("key", key);
    String secret = encryption.encrypt(key.secret(), key.iqId(), "secret");
    String pin = encryption.encrypt(key.pin(), key.iqId(), "pin");
    long now = System.currentTimeMillis(); // updated_at: bookkeeping for operators, not logic
    Jdbc.inTransactionRetryingConflicts(ds, "store an IQ key", 3, c -> {
      if (update(c, key.iqId(), secret, pin, now) == 0) {
        insert(c, key.iqId(), secret, pin, now); // a concurrent first save may insert it first: retried
      }
      deletePending(c, key.iqId()); // the activation is complete, in the same transaction
      Jdbc.bumpStoreGeneration(c); // other instances drop their cached key before their next open
      return null;
    });
  }

  private int update(Connection c, String iqId, String secret, String pin, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE saltoks_iq_key SET secret_enc = ?, pin_enc = ?,"
        + " key_fingerprint = ?, updated_at = ? WHERE iq_id = ?")) {
      ps.setString(1, secret);
      ps.setString(2, pin);
      ps.setString(3, encryption.fingerprint());
      ps.setLong(4, now);
      ps.setString(5, iqId);
      return ps.executeUpdate();
    }
  }

  private void insert(Connection c, String iqId, String secret, String pin, long now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO saltoks_iq_key (iq_id, secret_enc, pin_enc,"
        + " key_fingerprint, updated_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, iqId);
      ps.setString(2, secret);
      ps.setString(3, pin);
      ps.setString(4, encryption.fingerprint());
      ps.setLong(5, now);
      ps.executeUpdate();
    }
  }

  @Override
  public void savePending(PendingActivation pending) {
    Args.notNull("pending", pending);
    String secret = encryption.encrypt(pending.secret(), pending.iqId(), "pending_secret");
    long now = System.currentTimeMillis();
    Jdbc.inTransaction(ds, "store a pending IQ activation", c -> {
      deletePending(c, pending.iqId());
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO saltoks_iq_pending (iq_id, site_id,"
          + " secret_enc, key_fingerprint, created_at) VALUES (?, ?, ?, ?, ?)")) {
        ps.setString(1, pending.iqId());
        ps.setString(2, pending.siteId());
        ps.setString(3, secret);
        ps.setString(4, encryption.fingerprint());
        ps.setLong(5, now);
        ps.executeUpdate();
      }
      return null;
    });
  }

  @Override
  public Optional<PendingActivation> findPending(String iqId) {
    String id = Args.uuid("iqId", iqId);
    return Jdbc.read(ds, "read a pending IQ activation", c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT site_id, secret_enc, key_fingerprint FROM saltoks_iq_pending WHERE iq_id = ?")) {
        ps.setString(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          String secret = encryption.decrypt(rs.getString(2), id, "pending_secret", rs.getString(3));
          return Optional.of(new PendingActivation(rs.getString(1), id, secret));
        }
      }
    });
  }

  private static void deletePending(Connection c, String iqId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM saltoks_iq_pending WHERE iq_id = ?")) {
      ps.setString(1, iqId);
      ps.executeUpdate();
    }
  }

  @Override
  public boolean delete(String iqId) {
    String id = Args.uuid("iqId", iqId);
    return Jdbc.inTransaction(ds, "delete an IQ key", c -> {
      Jdbc.bumpStoreGeneration(c);
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM saltoks_iq_key WHERE iq_id = ?")) {
        ps.setString(1, id);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public List<String> iqIds() {
    return Jdbc.read(ds, "list IQ keys", c -> {
      List<String> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT iq_id FROM saltoks_iq_key ORDER BY iq_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  @Override
  public String toString() {
    return "JdbcIqKeyStore[saltoks_iq_key, " + encryption + "]";
  }
}
