package nl.ireserve.saltoks.diagnostics;

import static nl.ireserve.saltoks.diagnostics.CheckFindings.fail;
import static nl.ireserve.saltoks.diagnostics.CheckFindings.pass;
import static nl.ireserve.saltoks.diagnostics.CheckFindings.warn;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.Entries;
import nl.ireserve.saltoks.Incidents;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.iq.IqActivationStatus;
import org.jspecify.annotations.Nullable;

/**
 * The Test Access Request's checks of one site, once it was found (checks 6 to 9): remote opening allowed for
 * the service account, the IQs activated, the locks visible and well, the clock in sync with SALTO.
 */
final class SiteChecks {
  private final SaltoKsClient client;
  private final Site site;
  private final @Nullable String iqId;

  SiteChecks(SaltoKsClient client, Site site, @Nullable String iqId) {
    this.client = client;
    this.site = site;
    this.iqId = iqId;
  }

  Finding remoteAccess() {
    try {
      return client.site(site).remoteAccessAllowed()
          ? pass(AccessRequestCheck.REMOTE_ACCESS, "the service account's site user has remote_access")
          : fail(AccessRequestCheck.REMOTE_ACCESS, "the service account's site user has remote_access: false, so SALTO refuses"
                  + " remote opening", "Give the KS service account a role on the site that allows remote"
                  + " opening (remote_access). It need not be site_admin: the account measured to open a real"
                  + " door had a custom role with remote access (manual 1.5).");
    } catch (SaltoKsException e) {
      return warn(AccessRequestCheck.REMOTE_ACCESS, "could not read the service account's site user: " + e.getMessage(),
          "Check the service account's rights on the site (manual 1.5).");
    }
  }

  Finding iqs() {
    try {
      List<String> iqIds = new ArrayList<>();
      if (iqId != null) {
        iqIds.add(iqId);
      } else {
        client.site(site).iqs().list().forEach(iq -> iqIds.add(iq.id()));
      }
      if (iqIds.isEmpty()) {
        return fail(AccessRequestCheck.IQ_ACTIVATED, "the site has no IQ",
            "An IQ must be active in the environment with the locks linked to it (prerequisites).");
      }
      List<String> ready = new ArrayList<>();
      List<String> problems = new ArrayList<>();
      for (String id : iqIds) {
        IqActivationStatus s = client.site(site).iqSetup().status(id);
        if (s.ready()) {
          ready.add(s.name());
        } else {
          problems.add(s.name() + (s.activated() ? "" : " not activated") + (s.online() ? "" : " offline")
              + (s.otpEnabled() ? "" : " OTP disabled"));
        }
      }
      if (ready.isEmpty()) {
        return fail(AccessRequestCheck.IQ_ACTIVATED, String.join("; ", problems),
            "Run IQ OTP setup: GET PIN, enter the current PIN, choose a new PIN, save (manual 1.4)."
                + " An offline IQ needs power and internet on site.");
      }
      return problems.isEmpty()
          ? pass(AccessRequestCheck.IQ_ACTIVATED, "ready: " + String.join(", ", ready))
          : warn(AccessRequestCheck.IQ_ACTIVATED, "ready: " + String.join(", ", ready) + "; not ready: "
              + String.join("; ", problems), "Activate the other IQs too (manual 1.4) if their locks are used.");
    } catch (SaltoKsException | IllegalArgumentException e) {
      return fail(AccessRequestCheck.IQ_ACTIVATED, e.getMessage(), "See the message.");
    }
  }

  Finding locks() {
    try {
      List<Lock> locks = client.site(site).locks().list();
      if (locks.isEmpty()) {
        return fail(AccessRequestCheck.LOCKS_VISIBLE, "the site has no locks for this account",
            "Link one or more locks to the IQ in SALTO KS (prerequisites).");
      }
      List<String> offline = locks.stream().filter(l -> !l.online()).map(Lock::name).collect(Collectors.toList());
      String seen = locks.size() + " lock(s): " + locks.stream().map(Lock::name).collect(Collectors.joining(", "));
      List<String> unwell = locks.stream().filter(l -> !l.healthProblems().isEmpty())
          .map(l -> String.join("; ", l.healthProblems())).collect(Collectors.toList());
      String incidents = recentIncidents();
      if (offline.isEmpty() && unwell.isEmpty()) {
        return pass(AccessRequestCheck.LOCKS_VISIBLE, seen + incidents);
      }
      return warn(AccessRequestCheck.LOCKS_VISIBLE, seen + (offline.isEmpty() ? "" : "; offline: " + String.join(", ", offline))
              + (unwell.isEmpty() ? "" : "; needs attention: " + String.join("; ", unwell)) + incidents,
          "Offline locks cannot be opened remotely; replace low batteries, turn privacy mode off, and check"
              + " the locks on site.");
    } catch (SaltoKsException e) {
      return fail(AccessRequestCheck.LOCKS_VISIBLE, e.getMessage(), "See the message.");
    }
  }

  /** The site's incidents of the past day that keep doors shut, counted by type; empty when none or unreadable. */
  private String recentIncidents() {
    try {
      Map<String, Long> byType = client.site(site).incidents().list(Entries.Query.newestFirst()
              .since(java.time.Instant.now().minus(Duration.ofDays(1))).limit(500)).stream()
          .filter(Incidents.Incident::hindersOpening)
          .collect(Collectors.groupingBy(Incidents.Incident::category, java.util.TreeMap::new, Collectors.counting()));
      return byType.isEmpty() ? "" : "; incidents of the past day: " + byType.entrySet().stream()
          .map(e -> e.getValue() + "× " + e.getKey()).collect(Collectors.joining(", "));
    } catch (SaltoKsException e) {
      return ""; // the incidents are a hint here; the troubleshooter says when they cannot be read
    }
  }

  Finding clock() {
    Optional<Duration> skew = client.clockSkew();
    if (skew.isEmpty()) {
      return warn(AccessRequestCheck.CLOCK, "SALTO sent no Date header", "Make sure this host's time is synchronised (NTP).");
    }
    long s = Math.round(skew.get().toMillis() / 1000.0);
    if (Math.abs(s) > client.maxClockSkew().getSeconds()) {
      return warn(AccessRequestCheck.CLOCK, "this host's clock is " + Math.abs(s) + " s "
              + (s > 0 ? "behind" : "ahead of") + " SALTO's; one-time passwords use SALTO's time",
          "Synchronise this host's clock (NTP); one-time passwords are valid for about 3 minutes.");
    }
    return pass(AccessRequestCheck.CLOCK, "within " + Math.abs(s) + " s of SALTO's clock");
  }
}
