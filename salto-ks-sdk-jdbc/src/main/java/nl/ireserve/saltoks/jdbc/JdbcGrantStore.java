package nl.ireserve.saltoks.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.access.GuestGrant;
import nl.ireserve.saltoks.access.GuestGrantStore;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;

/**
 * {@link GuestGrantStore} in PostgreSQL: one row per site and reservation; a hold is one
 * transaction that inserts the row or takes it under its row lock, so one operation per reservation runs
 * at a time across instances.
 */
final class JdbcGrantStore implements GuestGrantStore {
  private static final String COLUMNS = "reservation_id, object_id, lock_id, from_at, until_at, state,"
      + " site_user_id, user_id, group_id, schedule_id";
  private final DataSource ds;

  JdbcGrantStore(DataSource ds) {
    this.ds = ds;
  }

  @Override
  public Optional<GuestGrant> hold(Site site, GuestGrant fresh, String holder, Instant now, Duration lease) {
    Args.notNull("site", site);
    Args.notNull("fresh", fresh);
    Args.text("holder", holder, 64);
    Args.notNull("now", now);
    Args.positive("lease", lease);
    return Jdbc.inTransaction(ds, "hold a guest grant", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO saltoks_guest_grant (environment, site_id, "
          + COLUMNS + ", holder, held_until) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)"
          + " ON CONFLICT DO NOTHING")) {
        Jdbc.bindSite(ps, 1, site);
        bind(ps, 3, fresh);
        ps.executeUpdate();
      }
      Optional<Row> row = select(c, site, fresh.reservationId(), true);
      Row r = row.orElseThrow();
      if (r.holder != null && r.heldUntil > now.toEpochMilli() && !r.holder.equals(holder)) {
        return Optional.empty();
      }
      try (PreparedStatement ps = c.prepareStatement("UPDATE saltoks_guest_grant SET holder = ?, held_until = ?"
          + " WHERE environment = ? AND site_id = ? AND reservation_id = ?")) {
        ps.setString(1, holder);
        ps.setLong(2, now.plus(lease).toEpochMilli());
        Jdbc.bindSite(ps, 3, site);
        ps.setString(5, fresh.reservationId());
        ps.executeUpdate();
      }
      return Optional.of(r.grant);
    });
  }

  @Override
  public void save(Site site, GuestGrant grant) {
    Args.notNull("site", site);
    Args.notNull("grant", grant);
    Jdbc.inTransaction(ds, "save a guest grant", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO saltoks_guest_grant (environment, site_id, "
          + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (environment, site_id,"
          + " reservation_id) DO UPDATE SET object_id = EXCLUDED.object_id, lock_id = EXCLUDED.lock_id,"
          + " from_at = EXCLUDED.from_at, until_at = EXCLUDED.until_at, state = EXCLUDED.state,"
          + " site_user_id = EXCLUDED.site_user_id, user_id = EXCLUDED.user_id, group_id = EXCLUDED.group_id,"
          + " schedule_id = EXCLUDED.schedule_id")) {
        Jdbc.bindSite(ps, 1, site);
        bind(ps, 3, grant);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public void release(Site site, String reservationId, String holder) {
    Args.notNull("site", site);
    Args.text("reservationId", reservationId, 200);
    Args.text("holder", holder, 64);
    Jdbc.inTransaction(ds, "release a guest grant", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE saltoks_guest_grant SET holder = NULL, held_until = NULL"
          + " WHERE environment = ? AND site_id = ? AND reservation_id = ? AND holder = ?")) {
        Jdbc.bindSite(ps, 1, site);
        ps.setString(3, reservationId);
        ps.setString(4, holder);
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public boolean delete(Site site, String reservationId) {
    Args.notNull("site", site);
    Args.text("reservationId", reservationId, 200);
    return Jdbc.inTransaction(ds, "delete a guest grant", c -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM saltoks_guest_grant"
          + " WHERE environment = ? AND site_id = ? AND reservation_id = ?")) {
        Jdbc.bindSite(ps, 1, site);
        ps.setString(3, reservationId);
        return ps.executeUpdate() > 0;
      }
    });
  }

  @Override
  public Optional<GuestGrant> find(Site site, String reservationId) {
    Args.notNull("site", site);
    Args.text("reservationId", reservationId, 200);
    return Jdbc.read(ds, "read a guest grant", c -> select(c, site, reservationId, false).map(r -> r.grant));
  }

  @Override
  public List<GuestGrant> endedBefore(Site site, Instant t, int limit) {
    Args.notNull("site", site);
    Args.notNull("t", t);
    return Jdbc.read(ds, "list ended guest grants", c -> {
      List<GuestGrant> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", holder, held_until FROM"
          + " saltoks_guest_grant WHERE environment = ? AND site_id = ? AND until_at <= ? ORDER BY until_at"
          + " LIMIT ?")) {
        Jdbc.bindSite(ps, 1, site);
        ps.setLong(3, t.toEpochMilli());
        ps.setInt(4, Math.max(1, limit));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(row(rs).grant);
          }
        }
      }
      return out;
    });
  }

  /** A row: the grant and its hold. */
  private static final class Row {
    final GuestGrant grant;
    final @Nullable String holder;
    final long heldUntil;

    Row(GuestGrant grant, @Nullable String holder, long heldUntil) {
      this.grant = grant;
      this.holder = holder;
      this.heldUntil = heldUntil;
    }
  }

  private static Optional<Row> select(Connection c, Site site, String reservationId, boolean lock) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + ", holder, held_until FROM saltoks_guest_grant"
        + " WHERE environment = ? AND site_id = ? AND reservation_id = ?" + (lock ? " FOR UPDATE" : ""))) {
      Jdbc.bindSite(ps, 1, site);
      ps.setString(3, reservationId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static Row row(ResultSet rs) throws SQLException {
    GuestGrant g = new GuestGrant(rs.getString(1), rs.getString(2), rs.getString(3), Instant.ofEpochMilli(rs.getLong(4)),
        Instant.ofEpochMilli(rs.getLong(5)), GuestGrant.State.valueOf(rs.getString(6)), rs.getString(7),
        rs.getString(8), rs.getString(9), rs.getString(10));
    return new Row(g, rs.getString(11), rs.getLong(12));
  }

  private static void bind(PreparedStatement ps, int i, GuestGrant g) throws SQLException {
    ps.setString(i, g.reservationId());
    ps.setString(i + 1, g.objectId());
    ps.setString(i + 2, g.lockId());
    ps.setLong(i + 3, g.from().toEpochMilli());
    ps.setLong(i + 4, g.until().toEpochMilli());
    ps.setString(i + 5, g.state().name());
    nullable(ps, i + 6, g.siteUserId());
    nullable(ps, i + 7, g.userId());
    nullable(ps, i + 8, g.groupId());
    nullable(ps, i + 9, g.scheduleId());
  }

  private static void nullable(PreparedStatement ps, int i, @Nullable String v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.VARCHAR);
    } else {
      ps.setString(i, v);
    }
  }
}
