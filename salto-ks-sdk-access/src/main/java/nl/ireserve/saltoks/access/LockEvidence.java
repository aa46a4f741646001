package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.Entries;
import nl.ireserve.saltoks.Incidents;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.diagnostics.Finding.Status;
import nl.ireserve.saltoks.diagnostics.Finding;
import nl.ireserve.saltoks.exception.SaltoKsException;
import org.jspecify.annotations.Nullable;

/**
 * What SALTO shows of one lock, as the troubleshooter's findings: its last entries of the past week (each
 * rejection with what it means for the administrator), its health, and its recent incidents that keep a door
 * shut. Reads only; never opens anything.
 */
final class LockEvidence {
  private final SiteClient siteClient;
  private final Clock clock;
  private final ZoneId zone;

  LockEvidence(SiteClient siteClient, Clock clock, ZoneId zone) {
    this.siteClient = siteClient;
    this.clock = clock;
    this.zone = zone;
  }

  /**
   * The lock's last entries of the past week, as SALTO logged them: the last opening, and each rejection
   * with what its detail means for the administrator. Entries arrive up to minutes late.
   */
  Finding entries(String check, Optional<String> lockId, String ref) {
    if (lockId.isEmpty()) {
      return Finding.of(check, Status.SKIPPED, "no lock to read", "", ref);
    }
    List<Entries.Entry> last;
    try {
      last = siteClient.entries().list(Entries.Query.newestFirst().lock(lockId.get())
          .since(clock.instant().minus(Duration.ofDays(7))).limit(10));
    } catch (SaltoKsException e) {
      return Finding.of(check, Status.WARN, "the entries could not be read: " + e.getMessage(),
          "Check the service account's rights on the site (entries need Site Admin or Super User).", ref)
          .about(lockId.get());
    }
    if (last.isEmpty()) {
      return Finding.of(check, Status.INFO, "no entries of this lock in the past week (they arrive up to minutes"
          + " late)", "", ref).about(lockId.get());
    }
    StringBuilder evidence = new StringBuilder();
    last.stream().filter(Entries.Entry::isOpening).findFirst().ifPresentOrElse(
        e -> evidence.append("last opening ").append(AccessPolicy.show(e.at(), zone)).append(" by ")
            .append(e.accessBy() == null ? "unknown" : e.accessBy()),
        () -> evidence.append("no opening among the last ").append(last.size()).append(" entries"));
    List<Entries.Entry> rejected = last.stream().filter(Entries.Entry::isRejection).collect(Collectors.toList());
    for (Entries.Entry e : rejected) {
      evidence.append("; rejected ").append(AccessPolicy.show(e.at(), zone)).append(" (")
          .append(e.detail() == null ? "no detail" : e.detail()).append("): ").append(meaning(e.detail()));
    }
    boolean lastRejected = last.get(0).isRejection();
    return Finding.of(check, lastRejected ? Status.WARN : Status.INFO, evidence.toString(),
        lastRejected ? "The lock's last event is a rejection: act on its meaning above." : "", ref)
        .about(lockId.get());
  }

  /**
   * What the lock reports about itself now, besides being online (item 5): a pending state, a critical or
   * low battery, privacy mode, a detached IQ link, alarms ({@link Lock#healthProblems()}).
   */
  Finding health(String check, LockRead read, String ref) {
    if (read.lockId() == null) {
      return Finding.of(check, Status.SKIPPED, "no lock to read", "", ref);
    }
    if (read.failure() != null) {
      return Finding.of(check, Status.WARN, "the lock could not be read: " + read.failure().getMessage(),
          "Run the Test Access Request.", "1.7").about(read.lockId());
    }
    Lock lock = read.lock();
    String lockId = read.lockId();
    List<String> problems = lock.healthProblems(); // offline is item 5's
    String battery = "battery " + lock.health().battery().name().toLowerCase(java.util.Locale.ROOT);
    if (problems.isEmpty()) {
      return Finding.of(check, Status.PASS, lock.name() + ": " + battery + ", no privacy mode, nothing pending", "",
          ref).about(lockId);
    }
    return Finding.of(check, Status.FAIL, String.join("; ", problems),
        "Fix it on site: replace a low or critical battery, turn privacy mode off inside the room, bring the lock"
            + " and its IQ online (power, range, internet); a pending state clears once the lock applies it.", ref)
        .about(lockId);
  }

  /**
   * The incidents of the past week of the lock and its IQ that hinder opening (lost connections, low
   * battery, clock failures, operations not completed, resets, tamper alarms), newest first.
   */
  Finding incidents(String check, LockRead read, String ref) {
    if (read.lockId() == null) {
      return Finding.of(check, Status.SKIPPED, "no lock to read", "", ref);
    }
    if (read.failure() != null) {
      return Finding.of(check, Status.WARN, "the incidents could not be read: " + read.failure().getMessage(),
          "Check the service account's rights on the site.", ref).about(read.lockId());
    }
    String lockId = read.lockId();
    String iqId = read.lock().iq() == null ? null : read.lock().iq().id();
    List<Incidents.Incident> recent;
    try {
      recent = siteClient.incidents().list(Entries.Query.newestFirst()
          .since(clock.instant().minus(Duration.ofDays(7))).limit(200)).stream()
          .filter(i -> lockId.equals(i.lockId()) || (i.lockId() == null && iqId != null && iqId.equals(i.iqId())))
          .collect(Collectors.toList());
    } catch (SaltoKsException e) {
      return Finding.of(check, Status.WARN, "the incidents could not be read: " + e.getMessage(),
          "Check the service account's rights on the site.", ref).about(lockId);
    }
    List<Incidents.Incident> hindering = recent.stream().filter(Incidents.Incident::hindersOpening)
        .limit(5).collect(Collectors.toList());
    if (hindering.isEmpty()) {
      return Finding.of(check, Status.INFO, recent.isEmpty() ? "no incidents of this lock or its IQ in the past week"
          : recent.size() + " incident(s) in the past week, none that keeps a door shut", "", ref).about(lockId);
    }
    String evidence = hindering.stream().map(i -> i.category() + " " + AccessPolicy.show(i.at(), zone)
        + (i.lockName() != null ? " (lock " + i.lockName() + ")" : i.iqName() != null ? " (IQ " + i.iqName() + ")" : ""))
        .collect(Collectors.joining("; "));
    return Finding.of(check, Status.WARN, evidence, "A lost connection, low battery or an operation not completed"
        + " explains a door that did not open then; check the lock and its IQ on site if it recurs.", ref)
        .about(lockId);
  }

  /** A lock as read for a report: the lock, or why it could not be read; no lock id when none is linked. */
  record LockRead(@Nullable String lockId, @Nullable Lock lock, @Nullable SaltoKsException failure) {}

  LockRead read(Optional<String> lockId) {
    if (lockId.isEmpty()) {
      return new LockRead(null, null, null);
    }
    try {
      return new LockRead(lockId.get(), siteClient.locks().get(lockId.get()), null);
    } catch (SaltoKsException e) {
      return new LockRead(lockId.get(), null, e);
    }
  }

  /** What an entry's rejection detail means for the administrator. */
  private static String meaning(@Nullable String detail) {
    if (detail == null) {
      return "SALTO gave no reason";
    }
    switch (detail) {
      case "no_access":
        return "the credential had no access then (outside its time schedule, or not in an access group"
            + " with this lock)";
      case "suspended":
        return "the user is suspended (a full site suspends new guests: free a seat)";
      case "offline":
        return "the lock could not reach its IQ (check power and the connection on site)";
      default:
        return "SALTO's detail, kept as sent";
    }
  }
}
