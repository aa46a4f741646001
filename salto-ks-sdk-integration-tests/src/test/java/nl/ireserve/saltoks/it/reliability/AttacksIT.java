package nl.ireserve.saltoks.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.OpenOutcome.Status;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.contracts.ContractSites;
import nl.ireserve.saltoks.it.support.LocalPostgres;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.jdbc.JdbcMappingStore;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.LinkConflictException;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attacks on the door-open path that are not a single bad value: error statuses after a command may
 * have arrived, writers racing on one object in PostgreSQL, and the host's clock jumping between
 * two taps. What was tried, how often, and what happened goes to {@code docs/reliability.md}
 * "Attacks".
 */
class AttacksIT {
  static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
  static final Map<Integer, String> ROWS = new TreeMap<>();

  final FakeClock clock = FakeClock.fixedAt(START);
  FakeSaltoKsServer fake;
  FakeSite hotel;
  String alpha;
  String bravo;
  SaltoKsClient client;
  SiteClient site;

  @BeforeEach
  void arrange() {
    fake = FakeSaltoKsServer.create(clock).start();
    hotel = fake.addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    FakeIq iq = hotel.addIq("IQ", "a1b2c3d4e5f6g7h8", "1234");
    alpha = hotel.addLock("Lock Alpha", iq).id();
    bravo = hotel.addLock("Lock Bravo", iq).id();
    client = fake.clientBuilder().readTimeout(Duration.ofSeconds(2)).build();
    site = client.site(fake.site(hotel));
  }

  @AfterEach
  void close() {
    client.close();
    fake.close();
  }

  @AfterAll
  static void document() throws Exception {
    if (ROWS.size() < 5) {
      return; // a partial run documents nothing
    }
    StringBuilder md = new StringBuilder("| attack | tried | what happened |\n|---|---|---|\n");
    ROWS.values().forEach(r -> md.append(r).append('\n'));
    String committed = DocSection.sync("attacks", md.toString());
    assertThat(committed).as("docs/reliability.md must carry the attacks table; rerun with"
        + " -Dsaltoks.updateDocs=true to update it").isEqualTo(md.toString());
  }

  static void row(int order, String attack, String tried, String happened) {
    synchronized (ROWS) {
      ROWS.put(order, "| " + attack + " | " + tried + " | " + happened + " |");
    }
  }

  private AccessService access(IqKeyStore keys, MappingStore links) {
    return AccessService.builder().site(site).mappings(links).keys(keys).clock(clock)
        .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(30).build()).build();
  }

  private AccessService hotelAccess() {
    MappingStore links = MappingStore.inMemory();
    links.link(new ObjectLockLink("room-101", "Room 101", alpha, "Lock Alpha", START));
    IqKeyStore keys = IqKeyStore.inMemory();
    keys.save(hotel.iqs().get(0).key());
    return access(keys, links);
  }

  static Reservation reservation(String id) {
    return Reservation.builder().id(id).objectId("room-101").status("Paid").start(START.minusSeconds(300))
        .end(START.plus(Duration.ofHours(3))).paymentComplete(true).build();
  }

  @Test
  void statusesAfterACommandMayHaveArrived_areUnknown_andNeverSentAgain() {
    int[] mayHaveActed = {408, 499, 500, 502, 504, 507, 520, 521, 522, 523, 524, 530, 598, 599};
    int[] refusedBeforeActing = {501, 505, 511};
    List<String> unknown = new ArrayList<>();
    int resent = 0;
    for (int status : mayHaveActed) {
      AccessService access = hotelAccess();
      Reservation r = reservation("res-" + status);
      access.check(r); // token and lock state first, so only the command meets the fault
      fake.faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.status(status));
      int before = fake.requestCount(FakeRoute.OPEN_LOCK);
      OpenOutcome first = access.open(r);
      OpenOutcome second = access.open(r);
      resent += fake.requestCount(FakeRoute.OPEN_LOCK) - before - 1;
      assertThat(first.status()).as("HTTP %d", status).isEqualTo(Status.UNKNOWN);
      assertThat(second.status()).as("second tap after HTTP %d", status).isEqualTo(Status.UNKNOWN);
      unknown.add(String.valueOf(status));
    }
    List<String> failed = new ArrayList<>();
    for (int status : refusedBeforeActing) {
      AccessService access = hotelAccess();
      Reservation r = reservation("res-" + status);
      access.check(r);
      fake.faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.status(status));
      OpenOutcome first = access.open(r);
      assertThat(first.status()).as("HTTP %d", status).isEqualTo(Status.FAILED);
      failed.add(status + "");
    }
    assertThat(resent).isZero();
    row(1, "an error status after an open command may have reached SALTO (a gateway's or SALTO's)",
        mayHaveActed.length + " statuses (" + String.join(", ", unknown) + "), each with a second tap",
        "every one UNKNOWN (never FAILED, never \"already opened\"); the second tap UNKNOWN too; commands"
            + " sent again: " + resent + ". Statuses that say the request was not processed ("
            + String.join(", ", failed) + "): FAILED, so a new tap may send it");
  }

  @Test
  void writersRacingOnOneObjectInPostgres_getConflictsNotConnectionErrors() throws Exception {
    DataSource db = LocalPostgres.get().newDatabase("attacks_race");
    JdbcMappingStore store = Stores.of(db).mappings(ContractSites.HOTEL);
    Map<String, Integer> relinks = race(20, i -> store.relink(
        new ObjectLockLink("room-101", "Room 101", i % 2 == 0 ? alpha : bravo, "Lock", START)));
    assertThat(relinks).containsOnlyKeys("ok");
    String finalLock = store.findByObject("room-101").orElseThrow().lockId();
    assertThat(finalLock).isIn(alpha, bravo);
    store.unlink("room-101");
    Map<String, Integer> links = race(20, i -> store.link(
        new ObjectLockLink("room-101", "Room 101", i % 2 == 0 ? alpha : bravo, "Lock", START)));
    assertThat(links.getOrDefault("LinkConflictException", 0) + links.getOrDefault("ok", 0)).isEqualTo(20);
    assertThat(links).containsOnlyKeys("ok", "LinkConflictException");
    String winner = store.findByObject("room-101").orElseThrow().lockId();
    assertThat(links.get("ok")).as("ok only for those that asked for the winning lock").isEqualTo(10);
    assertThat(winner).isIn(alpha, bravo);
    row(2, "writers racing on one object in PostgreSQL", "20 concurrent relinks to alternating locks;"
            + " then 20 concurrent first links",
        "relinks: " + relinks + " (the last one wins, one lock stays); links: " + links
            + " (ok for the writers that asked for the lock that won, as link is idempotent; every other one"
            + " a LinkConflictException naming the lock that stays; none is told to check the database"
            + " connection)");
  }

  /** Runs {@code n} writers at once; counts their endings by exception type ("ok" for success). */
  private static Map<String, Integer> race(int n, java.util.function.IntConsumer write) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    CountDownLatch go = new CountDownLatch(1);
    Map<String, Integer> endings = new ConcurrentHashMap<>();
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int k = i;
      done.add(pool.submit(() -> {
        go.await();
        try {
          write.accept(k);
          endings.merge("ok", 1, Integer::sum);
        } catch (LinkConflictException e) {
          endings.merge("LinkConflictException", 1, Integer::sum);
        } catch (RuntimeException e) {
          endings.merge(e.getClass().getSimpleName() + ": " + e.getMessage(), 1, Integer::sum);
        }
        return null;
      }));
    }
    go.countDown();
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    return new TreeMap<>(endings);
  }

  @Test
  void theHostClockJumpingBetweenTwoTaps_neverOpensTwiceInsideTheWindowsTime() {
    AccessService access = hotelAccess();
    Reservation r = reservation("res-jump");
    assertThat(access.open(r).status()).isEqualTo(Status.OPENED);
    clock.jump(Duration.ofMinutes(-30)); // NTP sets the host back half an hour
    OpenOutcome back = access.open(r);
    clock.jump(Duration.ofMinutes(30));
    clock.advance(Duration.ofSeconds(3));
    OpenOutcome again = access.open(r);
    assertThat(back.status()).isEqualTo(Status.ALREADY_OPENED);
    assertThat(again.status()).isEqualTo(Status.ALREADY_OPENED);
    assertThat(fake.openings()).hasSize(1);
    row(3, "the host clock jumps between two taps of one reservation",
        "opened; clock 30 min back, tap; clock forward again +3 s, tap",
        "back: " + back.status() + ", forward: " + again.status() + "; door openings: " + fake.openings().size()
            + " (a claim holds until the window after it has passed on the host clock, so a clock set back"
            + " never reopens; OTPs stay right, see OtpSafetyIT)");
  }

  @Test
  void aTapWhileTheFirstAttemptStillRetries_isInProgress_andAfterItFailsTheNextTapOpens() throws Exception {
    AccessService access = hotelAccess();
    Reservation r = reservation("res-retry");
    access.check(r);
    // SALTO is unavailable for the first attempt's 3 tries (it waits 1 s before each retry), then fails
    fake.faults().on(FakeRoute.OPEN_LOCK).next(3, FakeFault.unavailable("1"));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    Future<OpenOutcome> first = pool.submit(() -> access.open(r));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (fake.requestCount(FakeRoute.OPEN_LOCK) < 1 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    OpenOutcome during = access.open(r); // the first is between its tries
    OpenOutcome firstOutcome = first.get(30, TimeUnit.SECONDS);
    pool.shutdown();
    OpenOutcome after = access.open(r);
    assertThat(during.status()).isEqualTo(Status.IN_PROGRESS);
    assertThat(firstOutcome.status()).isEqualTo(Status.FAILED);
    assertThat(after.status()).isEqualTo(Status.OPENED);
    assertThat(fake.openings()).hasSize(1);
    row(5, "a guest taps again while the first attempt is still retrying, and the first then fails",
        "first attempt: 3 × HTTP 503 with Retry-After 1 s; a tap during it; a tap after it",
        "during: " + during.status() + " (never \"already opened\"); first: " + firstOutcome.status()
            + "; after: " + after.status() + "; door openings: " + fake.openings().size());
  }

  @Test
  void aGuestTappingThroughAnOutcomeUnknown_isNeverToldItOpened() {
    AccessService access = hotelAccess();
    Reservation r = reservation("res-slow");
    access.check(r);
    fake.faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.delay(Duration.ofSeconds(3)));
    OpenOutcome slow = access.open(r);
    List<Status> taps = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      taps.add(access.open(r).status());
    }
    assertThat(slow.status()).isEqualTo(Status.UNKNOWN);
    assertThat(taps).containsOnly(Status.UNKNOWN);
    assertThat(access.journal().forReservation("res-slow")).hasSize(6);
    row(4, "a guest keeps tapping after an open whose answer was lost", "1 open with a 3 s answer (2 s read"
            + " timeout), then 5 taps",
        "first " + slow.status() + ", taps " + taps + "; commands sent: " + fake.requestCount(FakeRoute.OPEN_LOCK)
            + "; journal rows: " + access.journal().forReservation("res-slow").size());
  }
}
