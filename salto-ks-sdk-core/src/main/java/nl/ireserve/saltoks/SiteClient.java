package nl.ireserve.saltoks;

import java.util.List;
import nl.ireserve.saltoks.internal.ClientCore;
import nl.ireserve.saltoks.iq.IqSetup;

/**
 * Everything the Connect API offers for one site: its locks, IQs and IQ setup, entries, users, access
 * groups and time schedules. Obtained from
 * {@link SaltoKsClient#site(Site)}, which checks that the site belongs to the client's environment.
 *
 * <pre>{@code
 * SiteClient site = client.site(client.sites().retrieve("NL6254340082"));
 * List<Lock> locks = site.locks().list();
 * site.locks().open(lockId, iqKey);
 * }</pre>
 *
 * <p>Thread-safe and cheap: it shares the client's connections, token and guards. Closing the client
 * ends it.
 */
public final class SiteClient {
  private final SaltoKsClient client;
  private final Site site;
  private final Locks locks;
  private final Iqs iqs;
  private final IqSetup iqSetup;
  private final Entries entries;
  private final Incidents incidents;
  private final Users users;
  private final AccessGroups accessGroups;
  private final ClientCore core;

  SiteClient(SaltoKsClient client, ClientCore core, Site site, Locks locks, Iqs iqs, IqSetup iqSetup,
      Entries entries) {
    this.core = core;
    this.entries = entries;
    this.incidents = core.incidents(site.id());
    this.users = core.users(site.id());
    this.accessGroups = core.accessGroups(site.id());
    this.client = client;
    this.site = site;
    this.locks = locks;
    this.iqs = iqs;
    this.iqSetup = iqSetup;
  }

  /** The site. */
  public Site site() {
    return site;
  }

  /** The client this site is reached through. */
  public SaltoKsClient client() {
    return client;
  }

  /** The site's locks: list, read, open remotely. */
  public Locks locks() {
    return locks;
  }

  /** The site's IQs (gateways). */
  public Iqs iqs() {
    return iqs;
  }

  /**
   * The site's event log: what happened at each door, and whether a remote opening shows there.
   *
   * @return the entries
   */
  public Entries entries() {
    return entries;
  }

  /**
   * The site's incidents: locks and IQs losing and regaining their connection, low batteries, clock
   * failures, operations not completed, alarms.
   *
   * @return the incidents
   */
  public Incidents incidents() {
    return incidents;
  }

  /**
   * The site's users: guests, PIN codes, blocking, deletion (which frees the seat), roles and the
   * subscription.
   *
   * @return the users
   */
  public Users users() {
    return users;
  }

  /**
   * The site's access groups: which users may pass which locks, and when (time schedules).
   *
   * @return the access groups
   */
  public AccessGroups accessGroups() {
    return accessGroups;
  }

  /** IQ OTP setup (manual 1.4): activation status, GET PIN, set PIN, verify a stored key. */
  public IqSetup iqSetup() {
    return iqSetup;
  }

  /**
   * Whether the service account may open this site's locks remotely: the {@code remote_access} flag of
   * its site user ({@code GET …/sites/{id}/me}). Measured: the account that opened a real door had a
   * custom role with this flag, not necessarily {@code site_admin}.
   *
   * @return the flag
   */
  public boolean remoteAccessAllowed() {
    return core.remoteAccess(site.id());
  }

  @Override
  public String toString() {
    return "SiteClient[" + site.environment() + ", site=" + site.siteUid() + " (" + site.id() + ")]";
  }

}
