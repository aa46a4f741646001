package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SaltoKsException;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.diagnostics.AccessReport;
import nl.ireserve.saltoks.diagnostics.AccessTest;
import nl.ireserve.saltoks.diagnostics.CheckResult;
import nl.ireserve.saltoks.diagnostics.CheckStatus;
import nl.ireserve.saltoks.internal.Checks;
import nl.ireserve.saltoks.iq.IqActivationStatus;
import nl.ireserve.saltoks.mapping.AuditFinding;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;

/**
 * The manual's troubleshooting (section 4) as code: each method answers one problem with a {@link
 * TroubleshootingReport} whose findings say what was checked, what was found, and the fix. It reads
 * (SALTO, the stores) but never opens a door, never sends a one-time password, and never throws for a
 * finding.
 *
 * <p>Thread-safe.
 */
public final class Troubleshooter {
  private final SiteClient siteClient;
  private final SaltoKsClient client;
  private final Site site;
  private final AccessPolicy policy;
  private final MappingStore mappings;
  private final IqKeyStore keys;
  private final Clock clock;
  private final ZoneId zone;

  private Troubleshooter(SiteClient siteClient, AccessPolicy policy,
      MappingStore mappings, IqKeyStore keys, Clock clock) {
    this.siteClient = siteClient;
    this.client = siteClient.client();
    this.site = siteClient.site();
    this.policy = policy;
    this.mappings = mappings;
    this.keys = keys;
    this.clock = clock;
    this.zone = site.zone().orElse(ZoneOffset.UTC);
  }

  /**
   * A troubleshooter for one site.
   *
   * @param site the site's client
   * @param policy the policy in force
   * @param mappings the mapping store
   * @param keys the IQ key store
   * @param clock the clock ("now" for time-window checks)
   * @return the troubleshooter
   */
  public static Troubleshooter create(SiteClient site, AccessPolicy policy,
      MappingStore mappings, IqKeyStore keys, Clock clock) {
    return new Troubleshooter(Checks.notNull("site", site),
        Checks.notNull("policy", policy), Checks.notNull("mappings", mappings), Checks.notNull("keys", keys),
        Checks.notNull("clock", clock));
  }

  /**
   * Problem 1, "Door won't open": status, mapping, time window, payment, the lock's and IQ's online
   * state (the internet connection on site) and the IQ's activation.
   *
   * @param r the reservation
   * @return the report
   */
  public TroubleshootingReport doorWontOpen(Reservation r) {
    Checks.notNull("reservation", r);
    List<Finding> out = new ArrayList<>();
    AccessDecision d = policy.evaluate(r, clock.instant(), zone);
    out.add(reasonOr(d, DenialReason.Code.STATUS_NOT_ALLOWED, "1. Reservation in the correct status",
        "status \"" + r.status() + "\" may open"));
    Optional<ObjectLockLink> link = mappings.findByObject(r.objectId());
    Optional<Lock> lock = Optional.empty();
    if (link.isEmpty()) {
      out.add(new Finding("2. Object mapped correctly", Finding.Verdict.PROBLEM,
          "object " + r.objectId() + " is not linked to a lock",
          "Link it under Configuration → SALTO Mapping; without mapping, access will not work (manual 2.4)."));
    } else {
      lock = readLock(link.get().lockId());
      out.add(lock.isPresent()
          ? new Finding("2. Object mapped correctly", Finding.Verdict.OK,
              link.get().objectName() + " → " + lock.get().name(), "")
          : new Finding("2. Object mapped correctly", Finding.Verdict.PROBLEM,
              link.get().objectName() + " → " + link.get().lockName() + ", which SALTO does not return",
              "Link the object to its current lock (manual problem 4)."));
    }
    Finding window = reasonOr(d, DenialReason.Code.TOO_EARLY, "3. Within the allowed time window",
        "inside " + AccessPolicy.show(d.opensAt(), zone) + " – " + AccessPolicy.show(d.closesAt(), zone));
    out.add(window.verdict() == Finding.Verdict.OK
        ? reasonOr(d, DenialReason.Code.TOO_LATE, window.check(), window.result()) : window);
    out.add(policy.paymentRequired()
        ? reasonOr(d, DenialReason.Code.PAYMENT_MISSING, "4. Payment completed", "payment completed")
        : new Finding("4. Payment completed", Finding.Verdict.INFO,
            "payment is not required by the policy" + (r.paymentComplete() ? "" : " (not completed)"), ""));
    if (lock.isPresent()) {
      Lock l = lock.get();
      boolean online = l.online() && l.iq() != null && l.iq().online();
      out.add(new Finding("5. Internet connection on site", online ? Finding.Verdict.OK : Finding.Verdict.PROBLEM,
          "lock " + l.name() + (l.online() ? " online" : " offline") + (l.iq() == null ? ", no IQ"
              : ", IQ " + l.iq().name() + (l.iq().online() ? " online" : " offline")),
          online ? "" : "Check power and the internet connection of the IQ on site."));
      out.add(iqFinding(l));
    } else {
      out.add(new Finding("5. Internet connection on site", Finding.Verdict.INFO,
          "not checked: no lock to check", ""));
    }
    return new TroubleshootingReport(TroubleshootingReport.Problem.DOOR_WONT_OPEN, out);
  }

  private Finding iqFinding(Lock l) {
    String check = "IQ activated (manual 1.4)";
    if (l.iq() == null) {
      return new Finding(check, Finding.Verdict.PROBLEM, "lock " + l.name() + " has no IQ",
          "Link the lock to an IQ in SALTO KS.");
    }
    if (keys.find(l.iq().id()).isEmpty()) {
      return new Finding(check, Finding.Verdict.PROBLEM, "no IQ key stored for " + l.iq().name(),
          "Run IQ OTP setup (GET PIN, new PIN, save) and store the key (manual 1.4).");
    }
    try {
      IqActivationStatus s = siteClient.iqSetup().status(l.iq().id());
      if (!s.activated() || !s.otpEnabled()) {
        return new Finding(check, Finding.Verdict.PROBLEM, "SALTO says " + l.iq().name()
            + (s.activated() ? " has OTP disabled" : " is not activated for the service account"),
            "Run IQ OTP setup again (manual 1.4); activating the IQ in the KS mobile app rotates its secret.");
      }
      return new Finding(check, Finding.Verdict.OK, l.iq().name() + " activated, key stored", "");
    } catch (SaltoKsException e) {
      return new Finding(check, Finding.Verdict.WARNING, "could not read the IQ's activation: " + e.getMessage(),
          "Run the Test Access Request (manual 1.7).");
    }
  }

  /**
   * Problem 2, "No email or SMS received": the reservation-side checks; the rest is the host's.
   *
   * @param r the reservation
   * @return the report
   */
  public TroubleshootingReport noEmailOrSms(Reservation r) {
    Checks.notNull("reservation", r);
    List<Finding> out = new ArrayList<>();
    boolean allowed = policy.allowedStatuses().contains(r.status());
    out.add(new Finding("Reservation confirmed", allowed ? Finding.Verdict.OK : Finding.Verdict.PROBLEM,
        "status \"" + r.status() + "\"" + (allowed ? " may open" : " may not open"),
        allowed ? "" : "Confirm the reservation; messages with access follow confirmation."));
    out.add(new Finding("Door status set correctly", policy.allowedStatuses().isEmpty()
            ? Finding.Verdict.PROBLEM : Finding.Verdict.OK,
        "statuses that may open: " + (policy.allowedStatuses().isEmpty() ? "none" : String.join(", ",
            new java.util.TreeSet<>(policy.allowedStatuses()))),
        "Select the statuses under \"Lock may open based on status\" (manual 3.1)."));
    out.add(new Finding("Communication activated; e-mail address / phone number correct",
        Finding.Verdict.INFO, "outside the SDK: i-Reserve sends these messages",
        "Check the communication settings and the guest's contact details in i-Reserve."));
    return new TroubleshootingReport(TroubleshootingReport.Problem.NO_EMAIL_OR_SMS, out);
  }

  /**
   * Problem 3, "Error during access request test": runs the Test Access Request with this client and
   * site and returns its checks as findings.
   *
   * @return the report
   */
  public TroubleshootingReport accessTestError() {
    AccessReport report = AccessTest.builder().client(client).siteUid(site.siteUid()).savedSite(site)
        .build().run();
    List<Finding> out = new ArrayList<>();
    for (CheckResult c : report.results()) {
      Finding.Verdict v = c.status() == CheckStatus.PASS ? Finding.Verdict.OK
          : c.status() == CheckStatus.FAIL ? Finding.Verdict.PROBLEM
          : c.status() == CheckStatus.WARN ? Finding.Verdict.WARNING : Finding.Verdict.INFO;
      out.add(new Finding(c.check().title(), v, c.evidence(), c.fix()));
    }
    return new TroubleshootingReport(TroubleshootingReport.Problem.ACCESS_TEST_ERROR, out);
  }

  /**
   * Problem 4, "Wrong door opens": the object's link with the lock's current name beside the object's,
   * and the mapping audit's findings about it (shared, missing or renamed lock).
   *
   * @param objectId the object whose door is wrong
   * @return the report
   */
  public TroubleshootingReport wrongDoor(String objectId) {
    Checks.text("objectId", objectId, 200);
    List<Finding> out = new ArrayList<>();
    Optional<ObjectLockLink> link = mappings.findByObject(objectId);
    if (link.isEmpty()) {
      out.add(new Finding("Object → lock link", Finding.Verdict.PROBLEM, "object " + objectId + " has no lock",
          "Link it to the correct lock (manual 2.2), then retest."));
      return new TroubleshootingReport(TroubleshootingReport.Problem.WRONG_DOOR, out);
    }
    ObjectLockLink l = link.get();
    Optional<Lock> lock = readLock(l.lockId());
    out.add(new Finding("Object → lock link", Finding.Verdict.INFO, l.objectName() + " → "
        + lock.map(Lock::name).orElse(l.lockName() + " (not found in SALTO)") + " [lock " + l.lockId() + "]",
        "Check that this is the correct physical lock (manual 2.3)."));
    try {
      List<AuditFinding> audit = MappingService.create(siteClient, mappings, clock)
          .audit(List.of(objectId)).about(objectId);
      for (AuditFinding f : audit) {
        out.add(new Finding(f.kind().name(), Finding.Verdict.PROBLEM, f.message(), f.fix()));
      }
      if (audit.isEmpty()) {
        out.add(new Finding("Mapping audit", Finding.Verdict.OK,
            "the lock is linked to this object only and exists in SALTO", ""));
      }
    } catch (SaltoKsException e) {
      out.add(new Finding("Mapping audit", Finding.Verdict.WARNING, "could not read the site's locks: "
          + e.getMessage(), "Run the Test Access Request (manual 1.7)."));
    }
    out.add(new Finding("Solution", Finding.Verdict.INFO, "check object → lock link, correct mapping, retest",
        "Use MappingService.relink to correct it, then open once to retest (manual problem 4)."));
    return new TroubleshootingReport(TroubleshootingReport.Problem.WRONG_DOOR, out);
  }

  /**
   * Problem 5, "Access too early or too late": "Time before (in minutes)", the window in the site's
   * time zone beside the reservation's times, a time-zone mismatch, and the clock skew.
   *
   * @param r the reservation
   * @return the report
   */
  public TroubleshootingReport tooEarlyOrLate(Reservation r) {
    Checks.notNull("reservation", r);
    List<Finding> out = new ArrayList<>();
    Instant now = clock.instant();
    out.add(new Finding("Time before (in minutes)",
        policy.minutesBefore() > 1440 ? Finding.Verdict.WARNING : Finding.Verdict.INFO,
        policy.minutesBefore() + " minutes" + (policy.graceMinutesAfter() > 0
            ? ", grace after the end " + policy.graceMinutesAfter() + " minutes" : ""),
        policy.minutesBefore() > 1440 ? "Above a day risks early access; hotels use 30–60, sports 15 (3.2)." : ""));
    ZoneId shown = r.timeZone() == null ? zone : r.timeZone();
    out.add(new Finding("Reservation start and end times", Finding.Verdict.INFO,
        AccessPolicy.show(r.start(), shown) + " – " + AccessPolicy.show(r.end(), shown)
            + "; access " + AccessPolicy.show(policy.opensAt(r), zone) + " – " + AccessPolicy.show(policy.closesAt(r), zone)
            + " (site time), now " + AccessPolicy.show(now, zone), ""));
    AccessDecision d = policy.evaluate(r, now, zone);
    Optional<DenialReason> time = d.reason(DenialReason.Code.TOO_EARLY).or(() -> d.reason(DenialReason.Code.TOO_LATE));
    out.add(time.map(t -> new Finding("Inside the window now", Finding.Verdict.PROBLEM, t.message(), t.fix()))
        .orElse(new Finding("Inside the window now", Finding.Verdict.OK, "yes", "")));
    boolean mismatch = r.timeZone() != null
        && !r.timeZone().getRules().getOffset(r.start()).equals(zone.getRules().getOffset(r.start()));
    out.add(new Finding("Time zone settings", mismatch ? Finding.Verdict.PROBLEM : Finding.Verdict.OK,
        "site " + site.name() + " is in " + zone.getId() + (r.timeZone() == null ? ""
            : ", the reservation is shown in " + r.timeZone().getId()),
        mismatch ? "Set the reservation's (or i-Reserve's) time zone to the site's, " + zone.getId()
            + ": the same clock time means another instant in each." : ""));
    try {
      client.sites().get(site.id()); // a fresh answer, so the skew is measured now
    } catch (SaltoKsException e) {
      // the skew stays as last measured, or unknown; reported below
    }
    Optional<Duration> skew = client.clockSkew();
    long s = skew.map(x -> Math.round(x.toMillis() / 1000.0)).orElse(0L);
    out.add(skew.isEmpty()
        ? new Finding("This host's clock", Finding.Verdict.WARNING, "SALTO's time could not be read",
            "Make sure this host's time is synchronised (NTP).")
        : new Finding("This host's clock", Math.abs(s) > 60 ? Finding.Verdict.PROBLEM : Finding.Verdict.OK,
            Math.abs(s) + " s " + (s >= 0 ? "behind" : "ahead of") + " SALTO's clock",
            Math.abs(s) > 60 ? "Synchronise this host's clock (NTP): the window is computed from it." : ""));
    return new TroubleshootingReport(TroubleshootingReport.Problem.TOO_EARLY_OR_LATE, out);
  }

  private Optional<Lock> readLock(String lockId) {
    try {
      return Optional.of(siteClient.locks().get(lockId));
    } catch (SaltoKsException e) {
      return Optional.empty();
    }
  }

  private static Finding reasonOr(AccessDecision d, DenialReason.Code code, String check, String okResult) {
    return d.reason(code).map(r -> new Finding(check, Finding.Verdict.PROBLEM, r.message(), r.fix()))
        .orElse(new Finding(check, Finding.Verdict.OK, okResult, ""));
  }
}
