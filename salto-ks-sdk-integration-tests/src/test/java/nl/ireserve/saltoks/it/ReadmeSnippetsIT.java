package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;

import nl.ireserve.saltoks.access.Settlement;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Entries;
import nl.ireserve.saltoks.Incidents;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SharedHttp;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.SiteLimits;
import nl.ireserve.saltoks.access.AccessEvent;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.access.ReservationRecorder;
import nl.ireserve.saltoks.access.Tenant;
import nl.ireserve.saltoks.access.Tenants;
import nl.ireserve.saltoks.access.Troubleshooter;
import nl.ireserve.saltoks.diagnostics.AccessRequestCheck;
import nl.ireserve.saltoks.diagnostics.Report;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.jdbc.JdbcIqKeyStore;
import nl.ireserve.saltoks.jdbc.JdbcStores;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.spi.ObservedCall;
import nl.ireserve.saltoks.spi.Observer;
import org.junit.jupiter.api.Test;

/**
 * The README's Java snippets, verbatim, so that the build compiles them: each sits in a method
 * below whose parameters are the names the snippet assumes. {@link #everyReadmeSnippet_isInThisFile}
 * fails when a snippet in the README changes and this file does not (or the other way round). The
 * testing snippet runs for real in {@link ReadmeTestingSnippetIT}. The others talk to SALTO's
 * acceptance environment or a host's database, so here they are compiled, not run; the same calls
 * run against the fake throughout the rest of the suite.
 */
class ReadmeSnippetsIT {
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

  @Test
  void everyReadmeSnippet_isInThisFile() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    String here = normalized(source("ReadmeSnippetsIT") + source("ReadmeTestingSnippetIT")
        + Files.readString(Path.of("..", "salto-ks-sdk-spring-boot-starter", "src", "test", "java", "nl", "ireserve",
            "saltoks", "spring", "ReadmeSpringSnippetTest.java"), StandardCharsets.UTF_8)); // compiled there
    List<String> missing = new ArrayList<>();
    Matcher m = JAVA_BLOCK.matcher(readme);
    int blocks = 0;
    while (m.find()) {
      blocks++;
      if (!here.contains(normalized(m.group(1)))) {
        missing.add(m.group(1));
      }
    }
    assertThat(blocks).as("Java snippets in the README").isGreaterThanOrEqualTo(5);
    assertThat(missing).as("README snippets that this test does not compile").isEmpty();
  }

  private static String source(String testClass) throws IOException {
    return Files.readString(Path.of("src/test/java/nl/ireserve/saltoks/it/" + testClass + ".java"),
        StandardCharsets.UTF_8);
  }

  /** Lines trimmed and joined: indentation differs between the README and a method body. */
  private static String normalized(String code) {
    StringBuilder sb = new StringBuilder();
    for (String line : code.split("\n")) {
      if (!line.isBlank()) {
        sb.append(line.strip()).append('\n');
      }
    }
    return sb.toString();
  }

  // ---- README "Lock health and incidents"
  void lockHealth(SiteClient site, String lockId, org.slf4j.Logger log) {
    Lock door = site.locks().get(lockId);
    if (!door.problems().isEmpty()) {
      log.warn("{}: {}", door.name(), String.join("; ", door.problems()));  // battery critical, privacy mode, …
    }
    List<Incidents.Incident> lastDay = site.incidents().list(Entries.Query.newestFirst()
        .lock(lockId).since(Instant.now().minus(Duration.ofDays(1))));
  }

  // ---- README "Rate limits and 503 bursts"
  void siteLimits(SaltoCredentials credentials) {
    SaltoKsClient client = SaltoKsClient.builder()
        .environment(SaltoEnvironment.PRODUCTION).credentials(credentials)
        .siteLimits(SiteLimits.defaults()                          // 8/s, 5 in flight, ≤ 10 s wait
            .withRequestsPerSecond(5)                              // be gentler still
            .withCircuit(5, Duration.ofSeconds(30)))               // 5 × 503/timeout in a row → 30 s pause, 1 probe
        .build();
  }

  // ---- README "Quick start"
  void quickStart(String clientId, String clientSecret, String password, String lockId, IqKey iqKey) {
    try (SaltoKsClient client = SaltoKsClient.builder()
        .environment(SaltoEnvironment.ACCEPTANCE)              // manual 1.1: test on acceptance first
        .credentials(SaltoCredentials.of(clientId, clientSecret, // manual 1.6
            "service-account@example.com", password))         // manual 1.5: a service account
        .build()) {
      SiteClient site = client.site(client.sites().retrieve("NL6254340082")); // manual 1.3
      for (Lock lock : site.locks().list()) {
        System.out.println(lock.name() + (lock.online() ? "" : " (offline)"));
      }
      site.locks().open(lockId, iqKey);                        // PATCH …/locking with a fresh OTP
    }
  }

  // ---- README "Setup as the manual describes it"
  void setup(SaltoKsClient client, IqKeyStore keys, String iqId, String pinFromEmail, String id, String secret,
      String user, String pw) {
    Site site = client.sites().retrieve("NL6254340082");            // 1.3 "Retrieve and save Site ID"
    IqSetup setup = client.site(site).iqSetup();                      // 1.4 IQ OTP setup
    PendingActivation pending = setup.requestPin(iqId, keys::savePending); // "GET PIN": secret stored, then PIN e-mailed
    IqKey key = setup.activate(pending, pinFromEmail);                // "Set PIN", keeping the e-mailed PIN
    setup.verify(key);                                                // the cloud accepts it (not proof the lock does)

    Report report = AccessRequestCheck.builder()                              // 1.7 "Test Access Request"
        .environment(SaltoEnvironment.ACCEPTANCE)
        .clientId(id).clientSecret(secret).username(user).password(pw)
        .siteUid("NL6254340082")
        .build().run();
    System.out.println(report.toText());
  }

  // ---- README "Mapping"
  void mapping(SaltoKsClient client, JdbcStores db, String keyFromYourSecretManager, Site savedSite,
      String lockAlphaId, List<String> bookableObjectIds) {
    MappingStore store = MappingStore.cached(db.mappings(savedSite), Duration.ofSeconds(30));
    IqKeyStore keys = IqKeyStore.cached(
        db.iqKeys(savedSite, KeyEncryption.fromBase64(keyFromYourSecretManager)),
        Duration.ofSeconds(30));
    SiteClient site = client.site(savedSite);                  // a Site from sites().retrieve(uid)
    MappingService mapping = MappingService.create(site, store);
    mapping.availableLocks();                                  // the site's live locks
    mapping.link("room-101", "Room 101", lockAlphaId);         // refused if not a lock of this site
    mapping.audit(bookableObjectIds).findings();               // a Report: missing, shared, renamed locks; unmapped objects
  }

  // ---- README "Policy, opening the door, troubleshooting"
  void manyCustomers(SaltoCredentials hotelCredentials) {
    SharedHttp http = SharedHttp.create(256);  // the host's budget; close at shutdown
    SaltoKsClient hotel = SaltoKsClient.builder()
        .environment(SaltoEnvironment.PRODUCTION).credentials(hotelCredentials)
        .sharedHttp(http)
        .maxConcurrentRequests(8)                                // this customer's bulkhead within the budget
        .build();
  }

  void entries(AccessService access, Reservation reservation, org.slf4j.Logger log, SiteClient site, String lockId) {
    OpenOutcome outcome = access.open(reservation);               // returns at once, never waits for the entries
    access.confirm(reservation)                                   // keeps looking in the background, with backoff
        .thenAccept(s -> log.info("{}: {}", reservation.id(), s.explanation()));
    Settlement now = access.settle(reservation);    // or one look, now (e.g. from a scheduler)
    List<Entries.Entry> last = site.entries().list(Entries.Query.newestFirst().lock(lockId).limit(20));
  }

  void guestAccess(AccessService access, JdbcStores db, Reservation reservation,
      Reservation movedOrChangedReservation) {
    GuestAccessService guests = access.guests(db.grants());
    GuestAccessService.Result granted = guests.grant(reservation);      // GRANTED, with granted.pin()
    guests.update(movedOrChangedReservation);                            // schedule / lock follow; revoked if no longer allowed
    guests.revoke(reservation.id());                                     // frees the guest's seat at once
    guests.sweep();                                                      // from a scheduler: revoke every ended stay
    Report why = access.troubleshooter().guestPinDoesNotWork(reservation, guests);
  }

  interface YourMetrics {
    void record(String operation, int status, Duration duration);
  }

  interface YourTracer {
    String currentTraceparent();
  }

  void observing(SaltoCredentials credentials, YourMetrics yourMetrics, YourTracer yourTracer,
      String proxyPasswordFromYourVault, javax.net.ssl.SSLContext sslContextWithYourTrustStore,
      javax.net.ssl.X509TrustManager itsTrustManager) {
    SaltoKsClient client = SaltoKsClient.builder()
        .environment(SaltoEnvironment.PRODUCTION).credentials(credentials)
        .observer(new Observer() {
          @Override public void call(ObservedCall call) { yourMetrics.record(call.operation(), call.status(), call.duration()); }
        })
        .interceptor(request -> request.header("traceparent", yourTracer.currentTraceparent()))
        .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress("egress.internal", 3128)))
        .proxyAuthentication("svc-salto", proxyPasswordFromYourVault)
        .tls(sslContextWithYourTrustStore, itsTrustManager)
        .connectionPool(8, Duration.ofSeconds(30))
        .build();
  }

  void storesBySite(JdbcStores db, SiteClient site, KeyEncryption encryption) {
    MappingStore links = MappingStore.cached(db.mappings(site.site()), Duration.ofMinutes(5));
    IqKeyStore keys = db.iqKeys(site.site(), encryption);
  }

  /** The host's own configuration of a customer, as the registry snippet assumes one. */
  interface CustomerConfig {
    SaltoEnvironment environment();

    SaltoCredentials credentials();

    Site site();

    AccessPolicy policy();
  }

  /** The host's own configuration source. */
  interface CustomerConfigs {
    CustomerConfig load(String tenantKey);
  }

  void tenants(CustomerConfigs yourConfigs, SharedHttp http, JdbcStores db,
      KeyEncryption encryption, AccessGuards guards, ReservationRecorder yourRecorder, Reservation reservation) {
    Tenants tenants = Tenants.builder(key -> {
          CustomerConfig cfg = yourConfigs.load(key);             // the host's own configuration source
          SaltoKsClient client = SaltoKsClient.builder().environment(cfg.environment())
              .credentials(cfg.credentials()).sharedHttp(http).maxConcurrentRequests(8).build();
          SiteClient site = client.site(cfg.site());
          return new Tenant(client, site, AccessService.builder().site(site).policy(cfg.policy())
              .mappings(db.mappings(cfg.site()))
              .keys(db.iqKeys(cfg.site(), encryption))
              .guards(guards).recorder(yourRecorder).build());
        }).idleAfter(Duration.ofMinutes(30)).build();

    OpenOutcome outcome = tenants.get("hotel-amsterdam").access().open(reservation);
  }

  void keyRotation(String newKey, String oldKey, JdbcStores db, SiteClient site) {
    KeyEncryption rotating = KeyEncryption.fromBase64(newKey).alsoReading(KeyEncryption.fromBase64(oldKey));
    JdbcIqKeyStore keys = db.iqKeys(site.site(), rotating);
    while (keys.reencrypt() > 0) { }                             // per site; 0 when nothing is left
  }

  void severalInstances(SiteClient site, AccessPolicy policy, ReservationRecorder yourRecorder,
      DataSource dataSource, KeyEncryption encryption) {
    JdbcStores db = JdbcStores.builder(dataSource).migrateSchema(true).build(); // or Flyway: see "The schema"
    AccessService access = AccessService.builder()
        .site(site).policy(policy).recorder(yourRecorder)
        .mappings(MappingStore.cached(db.mappings(site.site()), Duration.ofMinutes(5)))
        .keys(IqKeyStore.cached(db.iqKeys(site.site(), encryption), Duration.ofMinutes(5)))
        .guards(db.guards())                                   // shared by every instance
        .build();
  }

  void policyOpenTroubleshoot(SiteClient site, MappingStore store, IqKeyStore keys,
      ReservationRecorder yourRecorder, List<AccessEvent> auditTrail, Reservation reservation) {
    AccessPolicy policy = AccessPolicy.builder()
        .allowedStatuses("Confirmed", "Paid", "23-LOCKOPOPEN")   // 3.1
        .minutesBefore(30)                                       // 3.2 (hotel 30–60, sports 15)
        .paymentRequired(true)
        .lastOpenField("Reservation changed 01")                 // 3.3
        .statusAfterOpening("23-LOCKOPOPEN")                     // 3.4
        .build();
    policy.lint();                                               // a Report of warnings for the admin screen

    AccessService access = AccessService.builder()
        .site(site).policy(policy).mappings(store).keys(keys)
        .recorder(yourRecorder)                                  // required: the policy writes 3.3 and 3.4
        .listener(auditTrail::add)
        .build();
    OpenOutcome outcome = access.open(reservation);              // OPENED, DENIED (+ every reason), ...

    Troubleshooter doctor = access.troubleshooter();             // the same checks as access.check
    System.out.println(doctor.doorWontOpen(reservation).toText()); // problem 1
    System.out.println(outcome.status());
  }
}
