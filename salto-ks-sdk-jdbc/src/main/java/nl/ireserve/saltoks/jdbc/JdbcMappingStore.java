package nl.ireserve.saltoks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.mapping.LinkConflictException;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;

/**
 * A {@link MappingStore} for one site in the host's database, through its {@link DataSource}. Every
 * row carries its site (environment and UUID) and every statement names it, so two customers' "room-101"
 * are two rows, and a store opened for one site never reads or writes another's. Obtained from {@link
 * JdbcStores#mappings}; its table {@code saltoks_link} comes from the SQL migrations. Its primary key (environment, site, object) enforces one lock per object, also between
 * several host instances; every write is one transaction that also bumps the site's store generation
 * ({@code saltoks_generation}), so {@link JdbcStores#guards()} on the same
 * database sees a relink on every instance before its next open.
 *
 * <p>Upgrading from a version without sites (table {@code saltoks_object_lock}): the migrations keep
 * every link, and the first site a store is opened for adopts them. See the README's "Many customers in
 * one host".
 *
 * <p>Thread-safe. Wrap it in {@link nl.ireserve.saltoks.mapping.MappingStore#cached} for the door-open
 * path.
 */
public final class JdbcMappingStore implements MappingStore {
  private static final String COLUMNS = "object_id, object_name, lock_id, lock_name, linked_at";
  private static final String MINE = " environment = ? AND site_id = ?";

  private final DataSource ds;
  private final Site site;

  JdbcMappingStore(DataSource ds, Site site) {
    this.ds = ds;
    this.site = site;
    Jdbc.ensureSiteGeneration(ds, site);
    Jdbc.adoptUnscoped(ds, "saltoks_link", site);
  }

  @Override
  public Optional<Site> site() {
    return Optional.of(site);
  }

  @Override
  public Optional<ObjectLockLink> findByObject(String objectId) {
    Args.text("objectId", objectId, 200);
    return Jdbc.read(ds, "read the lock of an object", c -> list(c,
        "SELECT " + COLUMNS + " FROM saltoks_link WHERE" + MINE + " AND object_id = ?", objectId)
        .stream().findFirst());
  }

  @Override
  public List<ObjectLockLink> findByLock(String lockId) {
    String id = Args.uuid("lockId", lockId);
    return Jdbc.read(ds, "read the objects of a lock", c -> list(c,
        "SELECT " + COLUMNS + " FROM saltoks_link WHERE" + MINE + " AND lock_id = ? ORDER BY object_id", id));
  }

  @Override
  public List<ObjectLockLink> all() {
    return Jdbc.read(ds, "read all links", c -> list(c,
        "SELECT " + COLUMNS + " FROM saltoks_link WHERE" + MINE + " ORDER BY object_id", null));
  }

  @Override
  public ObjectLockLink link(ObjectLockLink link) {
    Args.notNull("link", link);
    try {
      return Jdbc.inTransaction(ds, "link an object", c -> {
        insert(c, link);
        Jdbc.bumpStoreGeneration(c, site);
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
      throw new LinkConflictException(existing, link.lockId());
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
      Jdbc.bumpStoreGeneration(c, site);
      return link;
    });
  }

  private int update(Connection c, ObjectLockLink l) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE saltoks_link SET object_name = ?,"
        + " lock_id = ?, lock_name = ?, linked_at = ? WHERE" + MINE + " AND object_id = ?")) {
      ps.setString(1, l.objectName());
      ps.setString(2, l.lockId());
      ps.setString(3, l.lockName());
      ps.setLong(4, l.linkedAt().toEpochMilli());
      Jdbc.bindSite(ps, 5, site);
      ps.setString(7, l.objectId());
      return ps.executeUpdate();
    }
  }

  @Override
  public boolean unlink(String objectId) {
    Args.text("objectId", objectId, 200);
    return Jdbc.inTransaction(ds, "unlink an object", c -> {
      Jdbc.bumpStoreGeneration(c, site);
      return delete(c, objectId) > 0;
    });
  }

  private void insert(Connection c, ObjectLockLink l) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO saltoks_link (environment, site_id, "
        + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      Jdbc.bindSite(ps, 1, site);
      ps.setString(3, l.objectId());
      ps.setString(4, l.objectName());
      ps.setString(5, l.lockId());
      ps.setString(6, l.lockName());
      ps.setLong(7, l.linkedAt().toEpochMilli());
      ps.executeUpdate();
    }
  }

  private int delete(Connection c, String objectId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM saltoks_link WHERE" + MINE + " AND object_id = ?")) {
      Jdbc.bindSite(ps, 1, site);
      ps.setString(3, objectId);
      return ps.executeUpdate();
    }
  }

  private List<ObjectLockLink> list(Connection c, String sql, @Nullable String param) throws SQLException {
    List<ObjectLockLink> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Jdbc.bindSite(ps, 1, site);
      if (param != null) {
        ps.setString(3, param);
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
    return "JdbcMappingStore[saltoks_link, site " + site.id() + " (" + site.environment() + ")]";
  }
}
