package nl.ireserve.saltoks.examples;

import nl.ireserve.saltoks.access.Settlement;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.Entries;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessEvent;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.access.GuestGrantStore;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.access.ReservationRecorder;
import nl.ireserve.saltoks.access.Troubleshooter;
import nl.ireserve.saltoks.diagnostics.AccessRequestCheck;
import nl.ireserve.saltoks.diagnostics.Report;
import nl.ireserve.saltoks.iq.IqActivationStatus;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.DemoSite;
import nl.ireserve.saltoks.testkit.FakeOpening;
import nl.ireserve.saltoks.testkit.SentPinEmail;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.jspecify.annotations.Nullable;

/**
 * The SALTO KS integration manual for administrators, end to end, as SDK calls: environment and
 * credentials, Test Access Request (and once more with a wrong secret), Site ID, IQ OTP setup, the
 * mapping screen, the configuration, a reservation that opens its door and is checked in, and one that
 * is denied, with the troubleshooter's report.
 *
 * <p>Runs against an embedded fake SALTO KS by default; see {@link DemoConfig} for SALTO's acceptance
 * environment.
 */
public final class ManualWalkthrough {
  /** One date style throughout: the site's local time with its zone. */
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm z");
  private static final String SOURCE = "examples/src/main/java/nl/ireserve/saltoks/examples/ManualWalkthrough.java";

  private final PrintStream out;
  private final DemoConfig config;
  private final Clock clock = Clock.systemUTC();
  /** The stores of this run: the mapping screen writes them, the door-open flow reads them. */
  private final IqKeyStore keys = IqKeyStore.inMemory();
  private final MappingStore links = MappingStore.inMemory();

  private ManualWalkthrough(PrintStream out, DemoConfig config) {
    this.out = out;
    this.config = config;
  }

  /**
   * Runs the walkthrough.
   *
   * @param args {@code --config FILE} and {@code --allow-production}; none for the embedded fake
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.getenv()));
  }

  /** Runs it and returns the exit code (0 when every step behaved as the manual says). */
  static int run(String[] args, PrintStream out, Map<String, String> env) {
    try {
      DemoConfig config = DemoConfig.parse(args, env);
      return new ManualWalkthrough(out, config).walk();
    } catch (IllegalArgumentException e) {
      out.println("Cannot start: " + e.getMessage());
      return 2;
    } catch (Exception e) {
      out.println("The walkthrough failed: " + e);
      return 1;
    }
  }

  private int walk() {
    out.println("SALTO KS SDK — the administrator manual, end to end");
    out.println("=".repeat(52));
    if (!config.real) {
      try (FakeSaltoKsServer fake = FakeSaltoKsServer.create().start()) {
        DemoSite.seed(fake, false);
        out.println("Running against an embedded fake SALTO KS at " + fake.baseUrl()
            + " (see the README to use SALTO's acceptance environment).");
        return walk(fake.environment(), fake.credentials().clientId(), fake.credentials().clientSecret(),
            fake.credentials().username(), fake.credentials().password(), DemoSite.SITE_UID, fake);
      }
    }
    SaltoEnvironment env = config.environment();
    out.println("Running against SALTO KS " + env.name() + " (" + env.apiUrl() + ").");
    return walk(env, config.required("salto.clientId", "SALTO_CLIENT_ID"),
        config.required("salto.clientSecret", "SALTO_CLIENT_SECRET"),
        config.required("salto.username", "SALTO_USERNAME"), config.required("salto.password", "SALTO_PASSWORD"),
        config.required("salto.siteUid", "SALTO_SITE_UID"), null);
  }

  private int walk(SaltoEnvironment env, String clientId, String clientSecret, String username, String password,
      String siteUid, @Nullable FakeSaltoKsServer fake) {
    section("1. Set up authentication");
    out.println("1.1 Environment: " + env.name() + " (" + env.apiUrl() + ") — use acceptance to test,"
        + " production only when everything works.");
    out.println("1.5/1.6 Credentials: client id " + clientId.strip() + ", service account " + username.strip()
        + " (secret and password are never printed).");

    try (SaltoKsClient client = SaltoKsClient.builder().environment(env)
        .credentials(SaltoCredentials.of(clientId.strip(), clientSecret.strip(), username.strip(), password))
        .build()) {
      SiteClient site = setUp(client, siteUid.strip(), fake);
      step("1.7 Test Access Request", "AccessRequestCheck.builder()…build().run()");
      Report report = AccessRequestCheck.builder().environment(env).clientId(clientId).clientSecret(clientSecret)
          .username(username).password(password).siteUid(siteUid).build().run();
      out.print(indent(report.toText()));
      if (!report.passed()) {
        out.println("The access test failed; fix what it says and run again.");
        return 1;
      }
      step("1.7 Test Access Request once more, with a wrong client secret (as if copied wrongly)",
          "AccessRequestCheck.builder().clientSecret(wrong)…run()");
      Report wrong = AccessRequestCheck.builder().environment(env).clientId(clientId)
          .clientSecret("wrong-" + clientSecret.strip()).username(username).password(password).siteUid(siteUid)
          .build().run();
      wrong.firstFailure().ifPresent(f -> out.print(indent(
          "[" + f.status() + "] " + f.check() + "\n→ " + f.fix())));
      return mapConfigureOpen(site, fake);
    }
  }

  private SiteClient setUp(SaltoKsClient client, String siteUid, @Nullable FakeSaltoKsServer fake) {
    step("1.3 Retrieve and save Site ID", "client.sites().retrieve(siteUid)");
    Site site = client.sites().retrieve(siteUid);
    out.println("  " + site.siteUid() + " → " + site.id() + " (" + site.name() + ", "
        + site.zone().map(ZoneId::getId).orElse("no time zone")
        + ", saved for " + site.environment() + ")");

    step("1.4 IQ OTP setup", "client.site(site).iqSetup(): requestPin(iqId, keys::savePending), activate(pending, pin)");
    Optional<String> iqId = fake != null
        ? Optional.of(fake.site(DemoSite.SITE_UID).iqs().get(0).id())
        : config.get("salto.iqId", "SALTO_IQ_ID").map(String::strip);
    if (iqId.isEmpty()) {
      out.println("  no IQ given (salto.iqId); skipped");
    } else {
      iqSetup(client.site(site), iqId.get(), fake);
    }
    return client.site(site);
  }

  private int mapConfigureOpen(SiteClient site, @Nullable FakeSaltoKsServer fake) {
    ZoneId zone = site.site().zone().orElse(ZoneId.of("UTC"));
    section("2. Link objects (Configuration → SALTO Mapping)",
        "MappingService.create(site, store): availableLocks(), link(…), audit(…)");
    MappingService mapping = MappingService.create(site, links);
    List<Lock> locks = mapping.availableLocks();
    out.println("  Available locks: " + locks.stream()
        .map(l -> l.name() + (l.online() ? "" : " (offline)")).collect(Collectors.joining(", ")));
    String room101Lock = lockFor(locks, "Lock Alpha", "salto.room101LockId", "SALTO_ROOM101_LOCK_ID", fake);
    String room102Lock = lockFor(locks, "Lock Bravo", "salto.room102LockId", "SALTO_ROOM102_LOCK_ID", fake);
    if (room101Lock != null) {
      out.println("  Room 101 → " + mapping.link("room-101", "Room 101", room101Lock).lockName());
    }
    if (room102Lock != null) {
      out.println("  Room 102 → " + mapping.link("room-102", "Room 102", room102Lock).lockName());
    }
    Report audit = mapping.audit(List.of("room-101", "room-102"));
    out.println("  Mapping audit: " + (audit.isClean() ? "clean — one lock per object, every lock exists"
        : audit.findings().stream().map(f -> f.evidence()).collect(Collectors.joining("; "))));

    section("3. Configure", "AccessPolicy.builder()…build(), policy.lint()");
    AccessPolicy policy = AccessPolicy.builder()                 // the README's policy
        .allowedStatuses("Confirmed", "Paid", "23-LOCKOPOPEN")
        .minutesBefore(30)
        .paymentRequired(true)
        .lastOpenField("Reservation changed 01")
        .statusAfterOpening("23-LOCKOPOPEN")
        .build();
    out.println("  3.1 Statuses that may open: Confirmed, Paid, 23-LOCKOPOPEN (so the guest can come back"
        + " after check-in); payment required");
    out.println("  3.2 Time before: 30 minutes (hotels use 30–60, sports facilities 15)");
    out.println("  3.3 Last open action saved in: \"Reservation changed 01\"");
    out.println("  3.4 Status after opening: \"23-LOCKOPOPEN\"");
    out.println("  Policy check: " + (policy.lint().isClean() ? "no warnings"
        : policy.lint().findings().stream().map(w -> w.evidence() + ". " + w.fix())
            .collect(Collectors.joining("; "))));

    return openDoors(site, zone, policy, fake);
  }

  private void iqSetup(SiteClient site, String iqId, @Nullable FakeSaltoKsServer fake) {
    IqSetup setup = site.iqSetup();
    IqActivationStatus status = setup.status(iqId);
    out.println("  " + status.name() + ": " + (status.activated() ? "IQ is activated" : "not activated yet"));
    Optional<String> storedSecret = config.get("salto.iqSecret", "SALTO_IQ_SECRET");
    Optional<String> storedPin = config.get("salto.iqPin", "SALTO_IQ_PIN");
    if (fake != null && !status.activated()) {
      PendingActivation pending = setup.requestPin(iqId, keys::savePending); // secret kept before the e-mail
      SentPinEmail mail = fake.sentPinEmails().get(fake.sentPinEmails().size() - 1);
      out.println("  GET PIN → SALTO e-mailed the current PIN to " + mail.to() + " (read from the fake's"
          + " outbox; not printed)");
      IqKey key = setup.activate(pending, mail.pin());
      out.println("  E-mailed PIN entered and saved → IQ is activated, keeping the e-mailed PIN (delta 0000):"
          + " the path measured to open a real door (a new PIN was seen accepted by the cloud, refused by"
          + " the lock)");
      setup.verify(key);
      out.println("  The cloud accepts the key (a PIN call with delta 0000; the lock proves it at the"
          + " first opening)");
      keys.save(key);
    } else if (storedSecret.isPresent() && storedPin.isPresent()) {
      IqKey key = new IqKey(iqId, storedSecret.get().strip(), storedPin.get().strip());
      setup.verify(key);
      out.println("  The stored IQ key works (checked with a side-effect-free OTP)");
      keys.save(key);
    } else {
      out.println("  No stored IQ key (salto.iqSecret, salto.iqPin): doors will be denied as 'IQ not"
          + " activated'. Run IQ OTP setup with IqSetup.requestPin / activate (manual 1.4).");
    }
  }

  private @Nullable String lockFor(List<Lock> locks, String demoName, String property, String variable,
      @Nullable FakeSaltoKsServer fake) {
    if (fake != null) {
      return locks.stream().filter(l -> l.name().equals(demoName)).map(Lock::id).findFirst().orElse(null);
    }
    Optional<String> id = config.get(property, variable).map(String::strip);
    if (id.isEmpty()) {
      out.println("  (" + property + " not set: not linked)");
    }
    return id.orElse(null);
  }

  private int openDoors(SiteClient site, ZoneId zone, AccessPolicy policy,
      @Nullable FakeSaltoKsServer fake) {
    section("4. A guest at the door", "AccessService.builder()…build().open(reservation)");
    List<AccessEvent> audit = new CopyOnWriteArrayList<>();
    AccessService access = AccessService.builder().site(site).policy(policy)
        .mappings(links).keys(keys).recorder(new PrintingRecorder(zone)).listener(audit::add).clock(clock).build();

    Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    Reservation checkIn = Reservation.builder().id("R-1001").objectId("room-101").status("Confirmed")
        .start(now.plus(Duration.ofMinutes(10))).end(now.plus(Duration.ofHours(22))).paymentComplete(true)
        .timeZone(zone).build();
    out.println("  Reservation R-1001, Room 101, Confirmed, " + window(checkIn, zone));
    boolean reallyOpen = fake != null || config.flag("salto.open", "SALTO_OPEN");
    int result = 0;
    if (reallyOpen) {
      OpenOutcome o = access.open(checkIn);
      out.println("  → " + o.status() + (o.opened() ? ": door " + o.lockName() + " opened" : ": "
          + o.reasons().stream().map(DenialReason::message).collect(Collectors.joining("; "))));
      if (fake != null) {
        out.println("  SALTO recorded the opening of: " + fake.openings().stream().map(FakeOpening::lockName)
            .collect(Collectors.joining(", ")));
      }
      if (o.opened()) {
        confirmFromEntries(access, checkIn, zone);
      }
      if (fake != null) {
        guestPin(access, checkIn, zone, fake);
      }
      result = o.opened() ? 0 : 1;
    } else {
      out.println("  → " + (access.check(checkIn).granted() ? "may open now" : "may not open: "
          + access.check(checkIn).codes()) + " (set salto.open=true to really open it)");
    }

    Reservation option = Reservation.builder().id("R-1002").objectId("room-102").status("Option")
        .start(now.plus(Duration.ofDays(3))).end(now.plus(Duration.ofDays(4))).timeZone(zone).build();
    out.println();
    out.println("  Reservation R-1002, Room 102, Option, " + window(option, zone));
    OpenOutcome denied = access.open(option);
    out.println("  → " + denied.status() + ", nothing was sent to SALTO:");
    denied.reasons().forEach(r -> out.println("     - " + r.message()));
    out.println();
    out.println("  Audit trail: " + audit.stream().map(e -> e.reservationId() + " " + e.outcome())
        .collect(Collectors.joining(", ")));

    section("5. Troubleshoot: why won't R-1002's door open?", "access.troubleshooter().doorWontOpen(r)");
    Troubleshooter doctor = access.troubleshooter();
    out.print(indent(doctor.doorWontOpen(option).toText()));
    out.println();
    out.println(result == 0 ? "Done: Room 101's door opened and the guest was checked in; R-1002 was denied"
        + " and the troubleshooter said why." : "Done, but Room 101's door did not open; see above.");
    out.println("This walkthrough's source: " + SOURCE);
    return denied.status() == OpenOutcome.Status.DENIED ? result : 1;
  }

  private final class PrintingRecorder implements ReservationRecorder {
    private final ZoneId zone;

    PrintingRecorder(ZoneId zone) {
      this.zone = zone;
    }

    @Override
    public void recordLastOpen(Reservation r, String field, Instant openedAt) {
      out.println("  recorder: " + r.id() + " \"" + field + "\" = " + TIME.format(openedAt.atZone(zone)));
    }

    @Override
    public void setStatus(Reservation r, String newStatus) {
      out.println("  recorder: " + r.id() + " status " + r.status() + " → " + newStatus + " (checked in)");
    }
  }

  /** A 200 says SALTO took the command; the site's entries say whether the door opened. */
  private void confirmFromEntries(AccessService access, Reservation r, ZoneId zone) {
    out.println("  [SDK: access.settle(reservation) — or access.confirm(reservation), which keeps looking]");
    Settlement s = access.settle(r);
    Entries.Confirmation c = s.confirmation();
    if (c != null && c.status() == Entries.Confirmation.Status.CONFIRMED) {
      out.println("  SALTO's entries confirm it: " + c.entry().lockName() + " opened remotely by the service"
          + " account at " + TIME.format(c.entry().at().atZone(zone)) + " (" + c.certainty() + " match)");
    } else {
      out.println("  SALTO's entries: " + (c == null ? s.explanation() : c.status() + " — entries arrive up to"
          + " minutes late; access.confirm(reservation) keeps looking for " + "3 minutes"));
    }
  }

  /**
   * The guest's own keypad PIN for the stay, proven on the fake: it opens Room 101's lock from the first
   * minute of the window to its last, and not a minute outside it. Against a real site this would create a
   * KS guest, so the walkthrough does it only on the fake.
   */
  private void guestPin(AccessService access, Reservation r, ZoneId zone, FakeSaltoKsServer fake) {
    out.println();
    out.println("  Guest access for the stay  [SDK: access.guests(jdbcStores.grants()).grant(reservation)]");
    GuestAccessService guests = access.guests(GuestGrantStore.inMemory());
    GuestAccessService.Result g = guests.grant(r);
    if (g.pin() == null) {
      out.println("  → " + g.status() + ": " + g.detail());
      return;
    }
    out.println("  → " + g.status() + ": PIN " + g.pin().masked() + " for the host to send to the guest, valid "
        + TIME.format(g.from().atZone(zone)) + " – " + TIME.format(g.until().atZone(zone)));
    FakeSite site = fake.site(DemoSite.SITE_UID);
    FakeLock lock = site.lock("Lock Alpha");
    String pin = g.pin().value();
    out.println("  The fake's keypad, Lock Alpha: a minute before " + yesNo(site.pinOpens(pin, lock,
        g.from().minusSeconds(60))) + ", at the start " + yesNo(site.pinOpens(pin, lock, g.from()))
        + ", in the last minute " + yesNo(site.pinOpens(pin, lock, g.until().minusSeconds(60)))
        + ", at the end " + yesNo(site.pinOpens(pin, lock, g.until())));
    out.println("  Revoked after the stay: " + guests.revoke(r.id()).status() + " (the guest's seat is free again)");
  }

  private static String yesNo(boolean opens) {
    return opens ? "opens" : "stays shut";
  }

  private static String window(Reservation r, ZoneId zone) {
    return TIME.format(r.start().atZone(zone)) + " – " + TIME.format(r.end().atZone(zone));
  }

  private void section(String title, String... sdkCalls) {
    out.println();
    out.println(title);
    out.println("-".repeat(title.length()));
    for (String call : sdkCalls) {
      out.println("  SDK: " + call);
    }
  }

  private void step(String title, String sdkCall) {
    out.println(title + "   [SDK: " + sdkCall + "]");
  }

  private static String indent(String text) {
    return text.lines().map(l -> "  " + l).collect(Collectors.joining("\n")) + "\n";
  }

}
