package nl.ireserve.saltoks.mapping.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ireserve.saltoks.mapping.internal.Args;
import nl.ireserve.saltoks.mapping.MappingConflictException;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.mapping.StoreException;
import nl.ireserve.saltoks.mapping.internal.Jdbc;

/**
 * A {@link MappingStore} in the host's database through its {@link DataSource}. Portable SQL; the
 * table {@code saltoks_object_lock} is created on first use (idempotently, recorded in {@code
 * saltoks_schema}). Every write also bumps the store generation ({@code saltoks_generation}) in its
 * transaction, so {@link nl.ireserve.saltoks.access.AccessGuards#jdbc} on the same database sees a
 * relink on every instance before its next open. Its primary key on {@code object_id} enforces one lock per object, also between
 * several host instances; every write is one transaction.
 *
 * <p>Thread-safe. Wrap it in {@link nl.ireserve.saltoks.mapping.MappingStore#cached} for the door-open
 * path.
 */
public final class JdbcMappingStore implements MappingStore {
  private static final String COLUMNS = "object_id, object_name, lock_id, lock_name, linked_at";

  private final DataSource ds;

  private JdbcMappingStore(DataSource ds) {
    this.ds = ds;
    Jdbc.ensureStoreGeneration(ds);
    Jdbc.ensureSchema(ds, "mapping", new String[] {
        "CREATE TABLE saltoks_object_lock ("
            + "object_id VARCHAR(200) NOT NULL PRIMARY KEY, "
            + "object_name VARCHAR(200) NOT NULL, "
            + "lock_id VARCHAR(36) NOT NULL, "
            + "lock_name VARCHAR(200) NOT NULL, "
            + "linked_at BIGINT NOT NULL)",
        "CREATE INDEX saltoks_object_lock_lock ON saltoks_object_lock (lock_id)"});
  }

  /**
   * A store on a data source; creates the table if it does not exist.
   *
   * @param dataSource the host's data source
   * @return the store
   * @throws StoreException when the table cannot be created
   */
  public static JdbcMappingStore create(DataSource dataSource) {
    return new JdbcMappingStore(Args.notNull("dataSource", dataSource));
  }

  @Override
  public Optional<ObjectLockLink> findByObject(String objectId) {
    Args.text("objectId", objectId, 200);
    return Jdbc.read(ds, "read the lock of an object", c -> select(c, objectId));
  }

  @Override
  public List<ObjectLockLink> findByLock(String lockId) {
    String id = Args.uuid("lockId", lockId);
    return Jdbc.read(ds, "read the objects of a lock", c -> list(c,
        "SELECT " + COLUMNS + " FROM saltoks_object_lock WHERE lock_id = ? ORDER BY object_id", id));
  }

  @Override
  public List<ObjectLockLink> all() {
    return Jdbc.read(ds, "read all links", c -> list(c,
        "SELECT " + COLUMNS + " FROM saltoks_object_lock ORDER BY object_id", null));
  }

  @Override
  public ObjectLockLink link(ObjectLockLink link) {
    Args.notNull("link", link);
    try {
      return Jdbc.inTransaction(ds, "link an object", c -> {
        insert(c, link);
        Jdbc.bumpStoreGeneration(c);
        return link;
      });
    } catch (StoreException e) {
      if (!Jdbc.isConflict(e)) {
        throw e;
      }
      ObjectLockLink existing = findByObject(link.objectId()).orElseThrow(() -> e);
      if (existing.lockId().equals(link.lockId())) {
        return existing;
      }
      throw new MappingConflictException(existing, link.lockId());
    }
  }

  @Override
  public ObjectLockLink relink(ObjectLockLink link) {
    Args.notNull("link", link);
    // the last relink wins, as one after the other would have it
    return Jdbc.inTransactionRetryingConflicts(ds, "relink an object", 5, c -> {
      if (update(c, link) == 0) {
        insert(c, link); // no row yet: a concurrent first relink may insert it first (retried)
      }
      Jdbc.bumpStoreGeneration(c);
      return link;
    });
  }

  private static int update(Connection c, ObjectLockLink l) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE saltoks_object_lock SET object_name = ?,"
        + " lock_id = ?, lock_name = ?, linked_at = ? WHERE object_id = ?")) {
      ps.setString(1, l.objectName());
      ps.setString(2, l.lockId());
      ps.setString(3, l.lockName());
      ps.setLong(4, l.linkedAt().toEpochMilli());
      ps.setString(5, l.objectId());
      return ps.executeUpdate();
    }
  }

  @Override
  public boolean unlink(String objectId) {
    Args.text("objectId", objectId, 200);
    return Jdbc.inTransaction(ds, "unlink an object", c -> {
      Jdbc.bumpStoreGeneration(c);
      return delete(c, objectId) > 0;
    });
  }

  private static void insert(Connection c, ObjectLockLink l) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "INSERT INTO saltoks_object_lock (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)")) {
      ps.setString(1, l.objectId());
      ps.setString(2, l.objectName());
      ps.setString(3, l.lockId());
      ps.setString(4, l.lockName());
      ps.setLong(5, l.linkedAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  private static int delete(Connection c, String objectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM saltoks_object_lock WHERE object_id = ?")) {
      ps.setString(1, objectId);
      return ps.executeUpdate();
    }
  }

  private static Optional<ObjectLockLink> select(Connection c, String objectId) throws SQLException {
    List<ObjectLockLink> found = list(c,
        "SELECT " + COLUMNS + " FROM saltoks_object_lock WHERE object_id = ?", objectId);
    return found.stream().findFirst();
  }

  private static List<ObjectLockLink> list(Connection c, String sql, String param) throws SQLException {
    List<ObjectLockLink> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      if (param != null) {
        ps.setString(1, param);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new ObjectLockLink(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
              Instant.ofEpochMilli(rs.getLong(5))));
        }
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "JdbcMappingStore[saltoks_object_lock]";
  }
}
