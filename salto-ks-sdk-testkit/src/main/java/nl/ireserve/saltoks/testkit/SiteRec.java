package nl.ireserve.saltoks.testkit;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A site. */
final class SiteRec {
  public final String id;
  public final String siteUid;
  public final String name;
  public final ZoneId timeZone;
  public final Map<String, LockRec> locks = new LinkedHashMap<>();
  public final Map<String, IqRec> iqs = new LinkedHashMap<>();
  public boolean accessible = true;
  /** The service account's site user may open remotely ({@code remote_access}). */
  public boolean remoteAccess = true;
  /** The service account's platform user id ({@code GET …/me} → {@code user.id}; entries' {@code user_id}). */
  public final String serviceUserId;
  /** The site's event log, as stored (each visible from its {@code storedAt}). */
  public final List<EntryRec> entries = new ArrayList<>();
  /** The site's incidents, as stored (each visible from its {@code storedAt}). */
  public final List<IncidentRec> incidents = new ArrayList<>();
  /** Whether a remote opening shows in the entries at all: no public record has shown one yet. */
  public boolean logsRemoteOpenings = true;
  /** How long after a remote opening its entry is stored (measured: 1 to 79 s). */
  public Duration entryLag = Duration.ZERO;
  /** Remote openings still to come whose entry is lost. */
  public int dropEntries;
  /** Site users by site-user id (the service account is not among them). */
  public final Map<String, UserRec> users = new LinkedHashMap<>();
  /** Access groups by id. */
  public final Map<String, GroupRec> groups = new LinkedHashMap<>();
  /** How many users the subscription allows; beyond it a new guest is created suspended. */
  public int seats = 100;
  /** The subscription's features. */
  public final List<String> features = new ArrayList<>(List.of("pods", "events_storage"));
  /** How long after its creation a user's PIN answers 403 and a group join 404 (measured: about 1 min). */
  public Duration propagation = Duration.ZERO;
  /**
   * How long a write takes to show in the lists ({@code GET …/users}, {@code …/access_groups}, a group's
   * locks and users): a list that lags behind a write. Reads by id and the doors see writes at once.
   */
  public Duration listLag = Duration.ZERO;

  SiteRec(String id, String siteUid, String name, ZoneId timeZone) {
    this.id = id;
    this.siteUid = siteUid;
    this.name = name;
    this.timeZone = timeZone;
    this.serviceUserId = "5e41ce00-0000-4000-8000-" + id.substring(24);
  }
}
