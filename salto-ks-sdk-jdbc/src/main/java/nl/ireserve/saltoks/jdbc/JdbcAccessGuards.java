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
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.internal.GuardArgs;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link AccessGuards} in a PostgreSQL database shared by every host instance. Each guard is one
 * transaction that uses the database's own atomicity: a claim takes the lock's row lock ({@code SELECT …
 * FOR UPDATE} on {@code saltoks_lock_guard}), so claims of one lock (its duplicates and its throttle)
 * are serialized across instances while other locks run in parallel; check-ins and OTP turns are
 * {@code INSERT … ON CONFLICT DO NOTHING}. Every row carries its site (environment and UUID).
 */
final class JdbcAccessGuards implements AccessGuards {
  private static final String JOURNAL_COLUMNS = "attempt_id, reservation_id, object_id, lock_id, status,"
      + " reasons, started_at, sent_at, answered_at";

  /** Rows pruned from the journal in one statement at most: the cost a prune adds to one write. */
  private static final int PRUNE_BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(JdbcAccessGuards.class);

  private final DataSource ds;
  private final Duration journalRetention;
  /** When (in attempt time, epoch millis) the journal is pruned next. */
  private final AtomicLong nextPrune = new AtomicLong(Long.MIN_VALUE);

  JdbcAccessGuards(DataSource ds, Duration journalRetention) {
    this.ds = ds;
    this.journalRetention = journalRetention;
  }

  /**
   * Deletes journal rows older than the retention, at most {@link #PRUNE_BATCH} at a time, about once an
   * hour (sooner while a backlog remains), after a write; a failure is logged and changes nothing else.
   */
  private void pruneJournal(Instant now) {
    long at = now.toEpochMilli();
    long due = nextPrune.get();
    if (at < due || !nextPrune.compareAndSet(due, at + Duration.ofHours(1).toMillis())) {
      return;
    }
    try {
      int deleted = Jdbc.inTransaction(ds, "prune the openings journal", c -> {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM saltoks_open_journal WHERE attempt_id IN"
            + " (SELECT attempt_id FROM saltoks_open_journal WHERE started_at < ? ORDER BY started_at LIMIT ?)")) {
          ps.setLong(1, now.minus(journalRetention).toEpochMilli());
          ps.setInt(2, PRUNE_BATCH);
          return ps.executeUpdate();
        }
      });
      if (deleted == PRUNE_BATCH) {
        nextPrune.set(Long.MIN_VALUE); // a backlog: the next write prunes again
      }
    } catch (RuntimeException e) {
      LOG.warn("The openings journal could not be pruned; it is tried again in an hour: {}", e.getMessage());
    }
  }

  @Override
  public SiteState state(Site site) {
    GuardArgs.site(site);
    return Jdbc.read(ds, "read whether the integration is active", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT active FROM saltoks_site_state"
          + " WHERE environment = ? AND site_id = ?), (SELECT value FROM saltoks_generation WHERE name = ?)")) {
        Jdbc.bindSite(ps, 1, site);
        ps.setString(3, Jdbc.generationRow(site)); // no row yet: no change counted yet (0)
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          boolean active = rs.getObject(1) == null || rs.getBoolean(1);
          return new SiteState(active, rs.getLong(2));
        }
      }
    });
  }

  @Override
  public void setActive(Site site, boolean active) {
    GuardArgs.site(site);
    Jdbc.inTransaction(ds, "switch the integration", c -> update(c,
        "INSERT INTO saltoks_site_state (environment, site_id, active) VALUES (?, ?, ?)"
            + " ON CONFLICT (environment, site_id) DO UPDATE SET active = EXCLUDED.active",
        site, active));
  }

  @Override
  public boolean remoteOpeningsLogged(Site site) {
    GuardArgs.site(site);
    return Jdbc.read(ds, "read whether the site's entries show remote openings", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT remote_openings_logged FROM saltoks_site_state"
          + " WHERE environment = ? AND site_id = ?")) {
        Jdbc.bindSite(ps, 1, site);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getBoolean(1);
        }
      }
    });
  }

  @Override
  public void learnRemoteOpeningsLogged(Site site) {
    GuardArgs.site(site);
    Jdbc.inTransaction(ds, "remember that the site's entries show remote openings", c -> update(c,
        "INSERT INTO saltoks_site_state (environment, site_id, active, remote_openings_logged) VALUES (?, ?, TRUE, TRUE)"
            + " ON CONFLICT (environment, site_id) DO UPDATE SET remote_openings_logged = TRUE", site));
  }

  @Override
  public void storesChanged(Site site) {
    GuardArgs.site(site);
    Jdbc.inTransaction(ds, "record a change of links", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO saltoks_generation (name, value) VALUES (?, 1)"
          + " ON CONFLICT (name) DO UPDATE SET value = saltoks_generation.value + 1")) {
        ps.setString(1, Jdbc.generationRow(site));
        return ps.executeUpdate();
      }
    });
  }

  @Override
  public Claim claim(Site site, Attempt attempt, ClaimRules rules) {
    GuardArgs.attempt(site, attempt, true);
    Args.notNull("rules", rules);
    Instant now = attempt.startedAt();
    return Jdbc.inTransaction(ds, "claim an opening", c -> {
      // the lock's row lock serializes the claims of one lock across instances (an upsert always locks)
      update(c, "INSERT INTO saltoks_lock_guard (environment, site_id, lock_id) VALUES (?, ?, ?)"
          + " ON CONFLICT (environment, site_id, lock_id) DO UPDATE SET lock_id = EXCLUDED.lock_id",
          site, attempt.lockId());
      Attempt holder;
      long recent;
      try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT count(*) FROM saltoks_open_journal"
          + " WHERE environment = ? AND site_id = ? AND lock_id = ? AND claimed AND started_at > ?), "
          + prefixed("j.") + " FROM (SELECT 1 AS one) o"
          + " LEFT JOIN saltoks_open_claim k ON k.environment = ? AND k.site_id = ? AND k.reservation_id = ?"
          + " AND k.lock_id = ? LEFT JOIN saltoks_open_journal j ON j.attempt_id = k.attempt_id")) {
        // (claims that started later but committed first count too: they did take a slot)
        Jdbc.bindSite(ps, 1, site);
        ps.setString(3, attempt.lockId());
        ps.setLong(4, now.minusSeconds(60).toEpochMilli());
        Jdbc.bindSite(ps, 5, site);
        ps.setString(7, attempt.reservationId());
        ps.setString(8, attempt.lockId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          recent = rs.getLong(1);
          holder = rs.getString(2) == null ? null : attempt(rs, 1);
        }
      }
      if (holder != null && rules.holds(holder, now)) {
        return new Claim(Claim.Result.DUPLICATE, holder);
      }
      if (recent >= rules.maxPerLockPerMinute()) {
        return new Claim(Claim.Result.THROTTLED, null);
      }
      try (PreparedStatement ps = c.prepareStatement("WITH j AS (INSERT INTO saltoks_open_journal"
          + " (environment, site_id, " + JOURNAL_COLUMNS + ", claimed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE))"
          + " INSERT INTO saltoks_open_claim (environment, site_id, reservation_id, lock_id, attempt_id)"
          + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (environment, site_id, reservation_id, lock_id)"
          + " DO UPDATE SET attempt_id = EXCLUDED.attempt_id")) {
        bindJournal(ps, site, attempt);
        Jdbc.bindSite(ps, 12, site);
        ps.setString(14, attempt.reservationId());
        ps.setString(15, attempt.lockId());
        ps.setString(16, attempt.id());
        ps.executeUpdate();
      }
      return new Claim(Claim.Result.CLAIMED, null);
    });
  }

  @Override
  public void settle(Site site, Attempt attempt) {
    GuardArgs.attempt(site, attempt, true);
    boolean release = !attempt.status().keepsClaim();
    Jdbc.inTransaction(ds, "settle an opening", c -> {
      // one statement: the journal row, and (when nothing may have opened) the claim released
      try (PreparedStatement ps = c.prepareStatement("WITH u AS (UPDATE saltoks_open_journal SET status = ?,"
          + " reasons = ?, sent_at = ?, answered_at = ? WHERE attempt_id = ?) DELETE FROM saltoks_open_claim"
          + " WHERE ? AND environment = ? AND site_id = ? AND reservation_id = ? AND lock_id = ?"
          + " AND attempt_id = ?")) {
        bindOutcome(ps, attempt);
        ps.setString(5, attempt.id());
        ps.setBoolean(6, release);
        Jdbc.bindSite(ps, 7, site);
        ps.setString(9, attempt.reservationId());
        ps.setString(10, attempt.lockId());
        ps.setString(11, attempt.id());
        ps.executeUpdate();
      }
      return null;
    });
    pruneJournal(attempt.startedAt());
  }

  @Override
  public boolean settleUnknown(Site site, Attempt attempt) {
    GuardArgs.attempt(site, attempt, true);
    boolean release = !attempt.status().keepsClaim();
    return Jdbc.inTransaction(ds, "settle an unknown opening", c -> {
      int settled;
      // the row lock of the update decides between instances: the second one finds it no longer UNKNOWN
      try (PreparedStatement ps = c.prepareStatement("UPDATE saltoks_open_journal SET status = ?, reasons = ?,"
          + " sent_at = ?, answered_at = ? WHERE attempt_id = ? AND status = 'UNKNOWN'")) {
        bindOutcome(ps, attempt);
        ps.setString(5, attempt.id());
        settled = ps.executeUpdate();
      }
      if (settled == 1 && release) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM saltoks_open_claim WHERE environment = ?"
            + " AND site_id = ? AND reservation_id = ? AND lock_id = ? AND attempt_id = ?")) {
          Jdbc.bindSite(ps, 1, site);
          ps.setString(3, attempt.reservationId());
          ps.setString(4, attempt.lockId());
          ps.setString(5, attempt.id());
          ps.executeUpdate();
        }
      }
      return settled == 1;
    });
  }

  /** Parameters 1 to 4 of a journal update: status, reasons, sent and answered. */
  private static void bindOutcome(PreparedStatement ps, Attempt attempt) throws SQLException {
    ps.setString(1, attempt.status().name());
    ps.setString(2, reasons(attempt));
    millis(ps, 3, attempt.sentAt());
    millis(ps, 4, attempt.answeredAt());
  }

  @Override
  public void record(Site site, Attempt attempt) {
    GuardArgs.attempt(site, attempt, false);
    Jdbc.inTransaction(ds, "journal an attempt", c -> {
      insert(c, site, attempt, false);
      return null;
    });
    pruneJournal(attempt.startedAt());
  }

  @Override
  public boolean firstCheckIn(Site site, String reservationId) {
    GuardArgs.reservation(site, reservationId);
    return Jdbc.inTransaction(ds, "record a check-in", c -> update(c,
        "INSERT INTO saltoks_check_in (environment, site_id, reservation_id, checked_in_at) VALUES (?, ?, ?, ?)"
            + " ON CONFLICT DO NOTHING", site, reservationId, System.currentTimeMillis()) == 1);
  }

  @Override
  public OtpTurn otpTurn(Site site, String iqId, String keyDigest, Instant now, Duration lease) {
    GuardArgs.turn(site, iqId, keyDigest, now, lease);
    // the common case, a key accepted before, in one read without a transaction
    Boolean known = Jdbc.read(ds, "read a one-time password turn", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT accepted FROM saltoks_otp_key"
          + " WHERE environment = ? AND site_id = ? AND iq_id = ? AND key_digest = ?")) {
        Jdbc.bindSite(ps, 1, site);
        ps.setString(3, iqId);
        ps.setString(4, keyDigest);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() && rs.getObject(1) != null ? rs.getBoolean(1) : null;
        }
      }
    });
    if (known != null) {
      return known ? OtpTurn.GO : OtpTurn.REFUSED;
    }
    String me = java.util.UUID.randomUUID().toString();
    long until = now.plus(lease).toEpochMilli();
    return Jdbc.inTransaction(ds, "take a one-time password turn", c -> {
      // one upsert: a new row, or an expired turn, becomes this caller's; anything else stays
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO saltoks_otp_key (environment, site_id,"
          + " iq_id, key_digest, accepted, lease_until, holder) VALUES (?, ?, ?, ?, NULL, ?, ?)"
          + " ON CONFLICT (environment, site_id, iq_id, key_digest) DO UPDATE SET"
          + " lease_until = CASE WHEN saltoks_otp_key.accepted IS NULL AND saltoks_otp_key.lease_until <= ?"
          + " THEN EXCLUDED.lease_until ELSE saltoks_otp_key.lease_until END,"
          + " holder = CASE WHEN saltoks_otp_key.accepted IS NULL AND saltoks_otp_key.lease_until <= ?"
          + " THEN EXCLUDED.holder ELSE saltoks_otp_key.holder END"
          + " RETURNING accepted, holder")) {
        Jdbc.bindSite(ps, 1, site);
        ps.setString(3, iqId);
        ps.setString(4, keyDigest);
        ps.setLong(5, until);
        ps.setString(6, me);
        ps.setLong(7, now.toEpochMilli());
        ps.setLong(8, now.toEpochMilli());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getObject(1) != null) {
            return rs.getBoolean(1) ? OtpTurn.GO : OtpTurn.REFUSED;
          }
          return me.equals(rs.getString(2)) ? OtpTurn.FIRST : OtpTurn.WAIT;
        }
      }
    });
  }

  @Override
  public void otpAnswered(Site site, String iqId, String keyDigest, @Nullable Boolean accepted) {
    GuardArgs.key(site, iqId, keyDigest);
    Jdbc.inTransaction(ds, "record a one-time password's answer", c -> accepted == null
        ? update(c, "DELETE FROM saltoks_otp_key WHERE environment = ? AND site_id = ? AND iq_id = ?"
            + " AND key_digest = ?", site, iqId, keyDigest)
        : update(c, "INSERT INTO saltoks_otp_key (environment, site_id, iq_id, key_digest, accepted, lease_until)"
            + " VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT (environment, site_id, iq_id, key_digest)"
            + " DO UPDATE SET accepted = EXCLUDED.accepted", site, iqId, keyDigest, accepted));
  }

  @Override
  public List<Attempt> journalOfLock(Site site, String lockId, Instant from, Instant to) {
    GuardArgs.lockRange(site, lockId, from, to);
    return Jdbc.read(ds, "read the openings journal of a lock", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + JOURNAL_COLUMNS + " FROM saltoks_open_journal"
          + " WHERE environment = ? AND site_id = ? AND lock_id = ? AND started_at >= ? AND started_at < ?"
          + " ORDER BY started_at, attempt_id")) {
        Jdbc.bindSite(ps, 1, site);
        ps.setString(3, lockId);
        ps.setLong(4, from.toEpochMilli());
        ps.setLong(5, to.toEpochMilli());
        List<Attempt> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(attempt(rs, 0));
          }
        }
        return out;
      }
    });
  }

  @Override
  public List<Attempt> journal(Site site, String reservationId) {
    GuardArgs.reservation(site, reservationId);
    return Jdbc.read(ds, "read the openings journal", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT " + JOURNAL_COLUMNS + " FROM saltoks_open_journal"
          + " WHERE environment = ? AND site_id = ? AND reservation_id = ? ORDER BY started_at, attempt_id")) {
        Jdbc.bindSite(ps, 1, site);
        ps.setString(3, reservationId);
        List<Attempt> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(attempt(rs, 0));
          }
        }
        return out;
      }
    });
  }

  private static void insert(Connection c, Site site, Attempt a, boolean claimed) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO saltoks_open_journal (environment, site_id, "
        + JOURNAL_COLUMNS + ", claimed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      bindJournal(ps, site, a);
      ps.setBoolean(12, claimed);
      ps.executeUpdate();
    }
  }

  /** Binds a journal row's first 11 parameters: the site and the attempt. */
  private static void bindJournal(PreparedStatement ps, Site site, Attempt a) throws SQLException {
    Jdbc.bindSite(ps, 1, site);
    ps.setString(3, a.id());
    ps.setString(4, a.reservationId());
    ps.setString(5, a.objectId());
    ps.setString(6, a.lockId());
    ps.setString(7, a.status().name());
    ps.setString(8, reasons(a));
    ps.setLong(9, a.startedAt().toEpochMilli());
    millis(ps, 10, a.sentAt());
    millis(ps, 11, a.answeredAt());
  }

  private static Attempt attempt(ResultSet rs, int skip) throws SQLException {
    String reasons = rs.getString(skip + 6);
    List<DenialReason.Code> codes = new ArrayList<>();
    for (String code : reasons.isEmpty() ? new String[0] : reasons.split(",")) {
      codes.add(DenialReason.Code.valueOf(code));
    }
    return new Attempt(rs.getString(skip + 1), rs.getString(skip + 2), rs.getString(skip + 3),
        rs.getString(skip + 4), OpenOutcome.Status.valueOf(rs.getString(skip + 5)), codes,
        Instant.ofEpochMilli(rs.getLong(skip + 7)), instant(rs, skip + 8), instant(rs, skip + 9));
  }

  private static @Nullable Instant instant(ResultSet rs, int column) throws SQLException {
    long v = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(v);
  }

  private static String prefixed(String alias) {
    return alias + JOURNAL_COLUMNS.replace(", ", ", " + alias);
  }

  private static String reasons(Attempt a) {
    return a.reasons().stream().map(Enum::name).collect(Collectors.joining(","));
  }

  private static int update(Connection c, String sql, Site site, Object... more) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, site, more);
      return ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, Site site, Object... more) throws SQLException {
    Jdbc.bindSite(ps, 1, site);
    for (int i = 0; i < more.length; i++) {
      ps.setObject(3 + i, more[i]);
    }
  }

  private static void millis(PreparedStatement ps, int i, @Nullable Instant at) throws SQLException {
    if (at == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, at.toEpochMilli());
    }
  }

  @Override
  public String toString() {
    return "JdbcStores.guards()";
  }
}
