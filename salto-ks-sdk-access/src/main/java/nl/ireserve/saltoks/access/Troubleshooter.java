package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.SiteUser;
import nl.ireserve.saltoks.diagnostics.AccessRequestCheck;
import nl.ireserve.saltoks.diagnostics.Finding.Status;
import nl.ireserve.saltoks.diagnostics.Finding;
import nl.ireserve.saltoks.diagnostics.Report;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.iq.IqActivationStatus;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.mapping.internal.Args;

/**
 * The manual's troubleshooting (section 4) as code: each method answers one problem with a {@link
 * Report} whose findings say what was checked, what was found, and the fix. Obtained from {@link
 * AccessService#troubleshooter()}, it decides with the service's own {@link AccessService#check}, so
 * the answer to "why won't this door open?" is the reason the door did not open, in the same words.
 * It reads (SALTO, the stores) but never opens a door, never sends a one-time password, and never
 * throws for a finding.
 *
 * <p>Thread-safe.
 */
public final class Troubleshooter {
  /** Problem 1's title. */
  public static final String DOOR_WONT_OPEN = "Problem 1: Door won't open";
  /** Problem 2's title. */
  public static final String NO_EMAIL_OR_SMS = "Problem 2: No email or SMS received";
  /** Problem 3's title. */
  public static final String ACCESS_TEST_ERROR = "Problem 3: Error during access request test";
  /** Problem 4's title. */
  public static final String WRONG_DOOR = "Problem 4: Wrong door opens";
  /** The guest-PIN problem's title (guest access for a stay, beside the manual's problems). */
  public static final String GUEST_PIN = "The guest's PIN does not work";
  /** Problem 5's title. */
  public static final String TOO_EARLY_OR_LATE = "Problem 5: Access too early or too late";

  private final SiteRules access;
  private final SiteClient siteClient;
  private final SaltoKsClient client;
  private final Site site;
  private final MappingStore mappings;
  private final IqKeyStore keys;
  private final Clock clock;
  private final ZoneId zone;
  private final LockEvidence evidence;

  Troubleshooter(SiteRules access, SiteClient siteClient, MappingStore mappings, IqKeyStore keys,
      Clock clock, ZoneId zone) {
    this.keys = keys;
    this.access = access;
    this.siteClient = siteClient;
    this.client = siteClient.client();
    this.site = siteClient.site();
    this.mappings = mappings;
    this.clock = clock;
    this.zone = zone;
    this.evidence = new LockEvidence(siteClient, clock, zone);
  }

  /**
   * Problem 1, "Door won't open": the reasons {@link AccessService#check} finds, in the manual's
   * order (status, mapping, time window, payment, the internet connection on site), and whether SALTO
   * says the lock's IQ is activated.
   *
   * @param r the reservation
   * @return the report
   */
  public Report doorWontOpen(Reservation r) {
    Args.notNull("reservation", r);
    AccessDecision d = access.check(r);
    AccessPolicy policy = access.policy();
    List<Finding> out = new ArrayList<>();
    Optional<ObjectLockLink> link = d.deniedFor(DenialReason.Code.STORE_UNAVAILABLE) ? Optional.empty()
        : mappings.findByObject(r.objectId());
    out.add(reasonOr(d, "1. Reservation in the correct status", "status \"" + r.status() + "\" may open",
        "3.1", DenialReason.Code.STATUS_NOT_ALLOWED));
    out.add(reasonOr(d, "2. Object mapped correctly",
        link.map(l -> l.objectName() + " → " + l.lockName()).orElse(""), "2.4",
        DenialReason.Code.STORE_UNAVAILABLE, DenialReason.Code.OBJECT_NOT_MAPPED));
    out.add(reasonOr(d, "3. Within the allowed time window", "inside " + AccessPolicy.show(d.opensAt(), zone)
        + " – " + AccessPolicy.show(d.closesAt(), zone), "3.2", DenialReason.Code.TOO_EARLY,
        DenialReason.Code.TOO_LATE));
    out.add(policy.paymentRequired()
        ? reasonOr(d, "4. Payment completed", "payment completed", "problem 1",
            DenialReason.Code.PAYMENT_MISSING)
        : Finding.of("4. Payment completed", Status.INFO, "payment is not required by the policy"
            + (r.paymentComplete() ? "" : " (not completed)"), "", "3.1"));
    out.add(link.isEmpty()
        ? Finding.of("5. Internet connection on site", Status.SKIPPED, "no lock to check", "", "problem 1")
        : reasonOr(d, "5. Internet connection on site", "lock and IQ online", "problem 1",
            DenialReason.Code.LOCK_OFFLINE, DenialReason.Code.SALTO_UNAVAILABLE));
    out.add(iqFinding(d, link));
    out.add(evidence.entries("6. The lock's last entries", link.map(ObjectLockLink::lockId), "problem 1"));
    LockEvidence.LockRead lock = evidence.read(link.map(ObjectLockLink::lockId)); // once, for the health and the incidents
    out.add(evidence.health("7. The lock's health", lock, "problem 1"));
    out.add(evidence.incidents("8. The lock's recent incidents", lock, "problem 1"));
    return new Report(DOOR_WONT_OPEN, out);
  }

  /** "The lock refuses OTPs that the cloud accepts": a key the lock refused, with causes and fixes. */
  private Optional<Finding> lockRefusesKey(Lock lock) {
    if (lock.iq() == null) {
      return Optional.empty();
    }
    return keys.find(lock.iq().id()).filter(k -> siteClient.iqSetup().isRefusedByLock(k)).map(k ->
        Finding.of("Lock accepts the IQ key", Status.FAIL, "the lock " + lock.name() + " (IQ "
                + lock.iq().name() + ") refused a one-time password from the stored key, which the cloud"
                + " may still accept: the lock refuses OTPs that the cloud accepts. Likely causes: the PIN"
                + " was changed with a delta (the cloud moved to the new PIN, the IQ kept the old one), or"
                + " the service account was activated in the KS mobile app (which rotates the secret)",
            "Re-activate the IQ through the API keeping the e-mailed PIN (IqSetup.activate), after"
                + " asking SALTO to reset the service account's activation at the IQ if the secret can no"
                + " longer be read. Never log the service account into the KS mobile app.", "1.4")
            .about(lock.iq().id()));
  }

  private Finding iqFinding(AccessDecision d, Optional<ObjectLockLink> link) {
    String check = "IQ activated";
    if (d.deniedFor(DenialReason.Code.IQ_NOT_ACTIVATED) || link.isEmpty()) {
      return reasonOr(d, check, "not checked: no lock", "1.4", DenialReason.Code.IQ_NOT_ACTIVATED);
    }
    try {
      Lock lock = siteClient.locks().get(link.get().lockId());
      if (lock.iq() == null) {
        return Finding.of(check, Status.FAIL, "lock " + lock.name() + " has no IQ",
            "Link the lock to an IQ in SALTO KS.", "prerequisites");
      }
      Optional<Finding> refused = lockRefusesKey(lock);
      if (refused.isPresent()) {
        return refused.get();
      }
      IqActivationStatus s = siteClient.iqSetup().status(lock.iq().id());
      if (!s.activated() || !s.otpEnabled()) {
        return Finding.of(check, Status.FAIL, "SALTO says " + lock.iq().name()
                + (s.activated() ? " has OTP disabled" : " is not activated for the service account"),
            "Run IQ OTP setup again; activating the IQ in the KS mobile app rotates its secret.", "1.4");
      }
      return Finding.of(check, Status.PASS, lock.iq().name() + " activated, key stored", "", "1.4");
    } catch (SaltoKsException e) {
      return Finding.of(check, Status.WARN, "could not read the IQ's activation: " + e.getMessage(),
          "Run the Test Access Request.", "1.7");
    }
  }

  /**
   * Problem 2, "No email or SMS received": the reservation-side checks; the rest is the host's.
   *
   * @param r the reservation
   * @return the report
   */
  public Report noEmailOrSms(Reservation r) {
    Args.notNull("reservation", r);
    AccessPolicy policy = access.policy();
    List<Finding> out = new ArrayList<>();
    out.add(reasonOr(access.check(r), "Reservation confirmed", "status \"" + r.status() + "\" may open",
        "3.1", DenialReason.Code.STATUS_NOT_ALLOWED));
    out.add(Finding.of("Door status set correctly",
        policy.allowedStatuses().isEmpty() ? Status.FAIL : Status.PASS,
        "statuses that may open: " + (policy.allowedStatuses().isEmpty() ? "none"
            : String.join(", ", new TreeSet<>(policy.allowedStatuses()))),
        "Select the statuses under \"Lock may open based on status\".", "3.1"));
    out.add(Finding.of("Communication activated; e-mail address / phone number correct", Status.INFO,
        "outside the SDK: i-Reserve sends these messages",
        "Check the communication settings and the guest's contact details in i-Reserve.", "problem 2"));
    return new Report(NO_EMAIL_OR_SMS, out);
  }

  /**
   * Problem 3, "Error during access request test": runs the Test Access Request with this client and
   * site.
   *
   * @return the report
   */
  public Report accessTestError() {
    Report test = AccessRequestCheck.builder().client(client).siteUid(site.siteUid()).savedSite(site).build().run();
    return new Report(ACCESS_TEST_ERROR, test.findings());
  }

  /**
   * Problem 4, "Wrong door opens": the object's link with the lock's current name, and the mapping
   * audit's findings about it (shared, missing or renamed lock).
   *
   * @param objectId the object whose door is wrong
   * @return the report
   */
  public Report wrongDoor(String objectId) {
    Args.text("objectId", objectId, 200);
    List<Finding> out = new ArrayList<>();
    Optional<ObjectLockLink> link = mappings.findByObject(objectId);
    if (link.isEmpty()) {
      out.add(Finding.of("Object → lock link", Status.FAIL, "object " + objectId + " has no lock",
          "Link it to the correct lock, then retest.", "2.2"));
      return new Report(WRONG_DOOR, out);
    }
    ObjectLockLink l = link.get();
    String lockNow = readLockName(l.lockId()).orElse(l.lockName() + " (not found in SALTO)");
    out.add(Finding.of("Object → lock link", Status.INFO, l.objectName() + " → " + lockNow
        + " [lock " + l.lockId() + "]", "Check that this is the correct physical lock.", "2.3"));
    try {
      List<Finding> audit = MappingService.create(siteClient, mappings, clock)
          .audit(List.of(objectId)).about(objectId);
      out.addAll(audit);
      if (audit.isEmpty()) {
        out.add(Finding.of("Mapping audit", Status.PASS,
            "the lock is linked to this object only and exists in SALTO", "", "2.3"));
      }
    } catch (SaltoKsException e) {
      out.add(Finding.of("Mapping audit", Status.WARN, "could not read the site's locks: " + e.getMessage(),
          "Run the Test Access Request.", "1.7"));
    }
    out.add(Finding.of("Solution", Status.INFO, "check object → lock link, correct mapping, retest",
        "Use MappingService.relink to correct it, then open once to retest.", "problem 4"));
    return new Report(WRONG_DOOR, out);
  }

  /**
   * Problem 5, "Access too early or too late": "Time before (in minutes)", the window in the site's
   * time zone beside the reservation's times, whether {@link AccessService#check} finds it too early
   * or too late now, a time-zone mismatch, and this host's clock against SALTO's (limit: the client's
   * {@link SaltoKsClient#maxClockSkew()}).
   *
   * @param r the reservation
   * @return the report
   */
  public Report tooEarlyOrLate(Reservation r) {
    Args.notNull("reservation", r);
    AccessPolicy policy = access.policy();
    List<Finding> out = new ArrayList<>();
    Instant now = clock.instant();
    out.add(Finding.of("Time before (in minutes)", policy.minutesBefore() > 1440 ? Status.WARN : Status.INFO,
        policy.minutesBefore() + " minutes" + (policy.graceMinutesAfter() > 0
            ? ", grace after the end " + policy.graceMinutesAfter() + " minutes" : ""),
        policy.minutesBefore() > 1440 ? "Above a day risks early access; hotels use 30–60, sports 15." : "",
        "3.2"));
    ZoneId shown = r.timeZone() == null ? zone : r.timeZone();
    out.add(Finding.of("Reservation start and end times", Status.INFO,
        AccessPolicy.show(r.start(), shown) + " – " + AccessPolicy.show(r.end(), shown) + "; access "
            + AccessPolicy.show(policy.opensAt(r), zone) + " – " + AccessPolicy.show(policy.closesAt(r), zone)
            + " (site time), now " + AccessPolicy.show(now, zone), "", "3.2"));
    out.add(reasonOr(access.check(r), "Inside the window now", "yes", "problem 5",
        DenialReason.Code.TOO_EARLY, DenialReason.Code.TOO_LATE));
    boolean mismatch = r.timeZone() != null
        && !r.timeZone().getRules().getOffset(r.start()).equals(zone.getRules().getOffset(r.start()));
    out.add(Finding.of("Time zone settings", mismatch ? Status.FAIL : Status.PASS,
        "site " + site.name() + " is in " + zone.getId() + (r.timeZone() == null ? ""
            : ", the reservation is shown in " + r.timeZone().getId()),
        mismatch ? "Set the reservation's (or i-Reserve's) time zone to the site's, " + zone.getId()
            + ": the same clock time means another instant in each." : "", "problem 5"));
    out.add(clockFinding());
    Optional<ObjectLockLink> link;
    try {
      link = mappings.findByObject(r.objectId());
    } catch (RuntimeException e) {
      link = Optional.empty();
    }
    out.add(evidence.entries("The lock's last entries", link.map(ObjectLockLink::lockId), "problem 5"));
    return new Report(TOO_EARLY_OR_LATE, out);
  }

  private Finding clockFinding() {
    try {
      client.sites().get(site.id()); // a fresh answer, so the skew is measured now
    } catch (SaltoKsException e) {
      // the skew stays as last measured, or unknown; reported below
    }
    Optional<Duration> skew = client.clockSkew();
    if (skew.isEmpty()) {
      return Finding.of("This host's clock", Status.WARN, "SALTO's time could not be read",
          "Make sure this host's time is synchronised (NTP).", "problem 5");
    }
    long s = Math.round(skew.get().toMillis() / 1000.0);
    boolean off = Math.abs(s) > client.maxClockSkew().getSeconds();
    return Finding.of("This host's clock", off ? Status.FAIL : Status.PASS,
        Math.abs(s) + " s " + (s >= 0 ? "behind" : "ahead of") + " SALTO's clock (limit "
            + client.maxClockSkew().getSeconds() + " s)",
        off ? "Synchronise this host's clock (NTP): the window is computed from it." : "", "problem 5");
  }

  /**
   * "The guest's PIN does not work": whether guest access was granted and finished, whether the window
   * has started or ended (and with it the PIN), and what SALTO holds: the guest's seat, block and PIN use,
   * its access group with a time schedule, and the reservation's lock in that group.
   *
   * @param r the reservation, as it is now
   * @param guests the guest access service that granted it
   * @return the report
   */
  public Report guestPinDoesNotWork(Reservation r, GuestAccessService guests) {
    Args.notNull("reservation", r);
    Args.notNull("guests", guests);
    List<Finding> out = new ArrayList<>();
    Optional<GuestGrant> found = guests.find(r.id());
    if (found.isEmpty()) {
      out.add(Finding.of("Guest access granted", Status.FAIL, "no guest access was granted for reservation "
          + r.id(), "Grant it (GuestAccessService.grant) and deliver the PIN it returns.", "guest access"));
      return new Report(GUEST_PIN, out);
    }
    GuestGrant g = found.get();
    out.add(g.state() == GuestGrant.State.ACTIVE
        ? Finding.of("Guest access granted", Status.PASS, "granted, for " + AccessPolicy.show(g.from(), zone) + " – "
            + AccessPolicy.show(g.until(), zone), "", "guest access")
        : Finding.of("Guest access granted", Status.FAIL, "the grant stopped halfway (" + g.state() + ")",
            "Grant again: it finishes what is missing.", "guest access"));
    Instant now = clock.instant();
    out.add(now.isBefore(g.from())
        ? Finding.of("Window started", Status.FAIL, "the guest's access starts at " + AccessPolicy.show(g.from(), zone)
            + ", now " + AccessPolicy.show(now, zone), "Wait until then, or raise \"Time before (in minutes)\".", "3.2")
        : Finding.of("Window started", Status.PASS, "since " + AccessPolicy.show(g.from(), zone), "", "3.2"));
    boolean expired = !now.isBefore(g.until());
    out.add(expired
        ? Finding.of("PIN not expired", Status.FAIL, "the stay ended at " + AccessPolicy.show(g.until(), zone)
            + "; the PIN expires with it", "Extend the reservation and update the grant (a new PIN comes back).",
            "guest access")
        : Finding.of("PIN not expired", Status.PASS, "valid through " + AccessPolicy.show(g.until(), zone), "",
            "guest access"));
    try {
      out.add(guestFinding(g));
      out.addAll(groupFindings(g, r));
    } catch (SaltoKsException e) {
      out.add(Finding.of("SALTO's view of the guest", Status.WARN, "could not be read: " + e.getMessage(),
          "Run the Test Access Request.", "1.7"));
    }
    return new Report(GUEST_PIN, out);
  }

  private Finding guestFinding(GuestGrant g) {
    String check = "Guest has a seat and may use a PIN";
    if (g.siteUserId() == null) {
      return Finding.of(check, Status.FAIL, "no guest was created yet", "Grant again.", "guest access");
    }
    SiteUser u;
    try {
      u = siteClient.users().get(g.siteUserId());
    } catch (nl.ireserve.saltoks.exception.SaltoNotFoundException e) {
      return Finding.of(check, Status.FAIL, "the guest was deleted in SALTO KS", "Grant again.", "guest access");
    }
    if (u.suspended()) {
      return Finding.of(check, Status.FAIL, "the guest is suspended: the site had no free subscription seat",
          "Free a seat (revoke ended stays: GuestAccessService.sweep) or add seats, then revoke this reservation's"
          + " guest access and grant it again (a new guest, a new PIN to deliver).", "guest access");
    }
    if (u.blocked() || !u.usePin()) {
      return Finding.of(check, Status.FAIL, u.blocked() ? "the guest is blocked in SALTO KS" : "PIN use is off",
          "Unblock the guest / grant again, which turns PIN use on.", "guest access");
    }
    return Finding.of(check, Status.PASS, "subscribed, not blocked, PIN use on", "", "guest access");
  }

  private List<Finding> groupFindings(GuestGrant g, Reservation r) {
    List<Finding> out = new ArrayList<>();
    boolean inGroup = g.groupId() != null && g.userId() != null
        && siteClient.accessGroups().users(g.groupId()).contains(g.userId());
    boolean scheduled = g.groupId() != null && !siteClient.accessGroups().schedules(g.groupId()).isEmpty();
    out.add(inGroup && scheduled
        ? Finding.of("Guest in an access group with a time schedule", Status.PASS, "yes", "", "guest access")
        : Finding.of("Guest in an access group with a time schedule", Status.FAIL, !inGroup
            ? "the guest is not in its access group" : "the access group has no time schedule (a PIN only works"
            + " once its group has one)", "Grant again: it adds what is missing.", "guest access"));
    Optional<String> lock = mappings.findByObject(r.objectId()).map(ObjectLockLink::lockId);
    boolean lockInGroup = g.groupId() != null && lock.isPresent()
        && siteClient.accessGroups().locks(g.groupId()).contains(lock.get());
    out.add(lockInGroup
        ? Finding.of("The room's lock in the group", Status.PASS, "yes", "", "guest access")
        : Finding.of("The room's lock in the group", Status.FAIL, lock.isEmpty() ? "the object is not mapped"
            : "the group does not hold the lock of " + r.objectId() + " (the room changed?)",
            "Update the grant (GuestAccessService.update) after a room change.", "guest access"));
    return out;
  }

  private Optional<String> readLockName(String lockId) {
    try {
      return Optional.of(siteClient.locks().get(lockId).name());
    } catch (SaltoKsException e) {
      return Optional.empty();
    }
  }

  /** A failure from the first of these reasons the decision has, or a pass. */
  private static Finding reasonOr(AccessDecision d, String check, String passEvidence, String ref,
      DenialReason.Code... codes) {
    for (DenialReason.Code code : codes) {
      Optional<DenialReason> reason = d.reason(code);
      if (reason.isPresent()) {
        return Finding.of(check, Status.FAIL, reason.get().message(), reason.get().fix(), ref);
      }
    }
    return Finding.of(check, Status.PASS, passEvidence, "", ref);
  }
}
