package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;

import nl.ireserve.saltoks.testkit.FakeOpening;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessEvent;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.OpenOutcome.Status;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.access.ReservationRecorder;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.it.reliability.DocSection;
import nl.ireserve.saltoks.it.support.BoundedPool;
import nl.ireserve.saltoks.it.support.LocalPostgres;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.it.support.TcpRelay;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Several host instances on one real PostgreSQL: each its own {@code SaltoKsClient} (and so its own
 * connection pool and OTP guard), its own cached stores and its own {@code AccessService}, sharing only
 * the database through {@link AccessGuards#jdbc}. What must hold across them holds: one opening per
 * reservation, one check-in, one wrong OTP for a stale key, the throttle, a relink, the switch, and a
 * database that goes away and comes back.
 */
class SeveralInstancesIT {
  static final String DB = "several_instances";
  static final KeyEncryption KEYS = KeyEncryption.fromBase64(KeyEncryption.generateKey());
  static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
  static DataSource db;
  /** What each scenario measured, for docs/reliability.md "Several instances". */
  static final Map<Integer, String> MEASURED = new java.util.TreeMap<>();

  FakeSaltoKsServer fake;
  FakeSite hotel;
  FakeIq iq;
  final List<FakeLock> locks = new ArrayList<>();
  final List<Instance> instances = new ArrayList<>();
  /** The read timeout of the instances' clients. */
  Duration readTimeout = Duration.ofSeconds(15);

  /** One host instance. */
  static final class Instance {
    SaltoKsClient client;
    AccessService access;
    MappingStore links;
    final List<AccessEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger checkIns = new AtomicInteger();
  }

  @BeforeAll
  static void database() {
    db = LocalPostgres.get().newDatabase(DB);
  }

  @BeforeEach
  void arrange() {
    fake = FakeSaltoKsServer.create().start();
    hotel = fake.addSite("NL6254340082", "Hotel", ZONE);
    iq = hotel.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    for (String name : new String[] {"Lock Alpha", "Lock Bravo", "Lock Charlie"}) {
      locks.add(hotel.addLock(name, iq));
    }
    Stores.of(db).mappings(fake.site(hotel));
    Stores.of(db).iqKeys(fake.site(hotel), KEYS);
    Stores.of(db).guards();
    for (String table : new String[] {"saltoks_link", "saltoks_site_iq_key", "saltoks_site_state",
        "saltoks_lock_guard", "saltoks_open_claim", "saltoks_open_journal", "saltoks_check_in",
        "saltoks_otp_key"}) {
      exec(db, "DELETE FROM " + table);
    }
    try (SaltoKsClient admin = fake.clientBuilder().build()) {
      MappingService mapping =
          MappingService.create(admin.site(fake.site(hotel)), Stores.of(db).mappings(fake.site(hotel)));
      for (int i = 0; i < locks.size(); i++) {
        mapping.link("room-10" + (i + 1), "Room 10" + (i + 1), locks.get(i).id());
      }
    }
    Stores.of(db).iqKeys(fake.site(hotel), KEYS).save(iq.key());
  }

  @AfterAll
  static void document() throws Exception {
    if (MEASURED.size() < 8) {
      return; // a partial run (one method chosen by hand) documents nothing
    }
    StringBuilder md = new StringBuilder("| scenario | measured |\n|---|---|\n");
    MEASURED.values().forEach(row -> md.append(row).append('\n'));
    String committed = DocSection.sync("several-instances", md.toString());
    assertThat(committed).as("docs/reliability.md must carry the several-instances table; rerun with"
        + " -Dsaltoks.updateDocs=true to update it").isEqualTo(md.toString());
  }

  static void measured(int order, String scenario, String result) {
    synchronized (MEASURED) {
      MEASURED.put(order, "| " + scenario + " | " + result + " |");
    }
  }

  @AfterEach
  void close() {
    instances.forEach(i -> i.client.close());
    fake.close();
  }

  private Instance instance(DataSource ds, int maxPerLockPerMinute) {
    Instance in = new Instance();
    in.client = fake.clientBuilder().readTimeout(readTimeout).build();
    SiteClient site = in.client.site(fake.site(hotel));
    in.links = MappingStore.cached(Stores.of(ds).mappings(fake.site(hotel)), Duration.ofMinutes(5));
    in.access = AccessService.builder()
        .site(site)
        .policy(AccessPolicy.builder().allowedStatuses("Paid", "23-LOCKOPOPEN").minutesBefore(30)
            .statusAfterOpening("23-LOCKOPOPEN").build())
        .mappings(in.links)
        .keys(IqKeyStore.cached(Stores.of(ds).iqKeys(fake.site(hotel), KEYS), Duration.ofMinutes(5)))
        .guards(Stores.of(ds).guards())
        .recorder(new ReservationRecorder() {
          @Override public void recordLastOpen(Reservation r, String field, Instant at) {}
          @Override public void setStatus(Reservation r, String status) {
            in.checkIns.incrementAndGet();
          }
        })
        .listener(in.events::add)
        .maxOpensPerLockPerMinute(maxPerLockPerMinute)
        .storeTimeout(Duration.ofSeconds(10))
        .build();
    instances.add(in);
    return in;
  }

  private List<Instance> instances(int n, int maxPerLockPerMinute) {
    List<Instance> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(instance(new BoundedPool(LocalPostgres.get().dataSourceFor(DB), 16), maxPerLockPerMinute));
    }
    return out;
  }

  static Reservation reservation(String id, String objectId) {
    Instant now = Instant.now();
    return Reservation.builder().id(id).objectId(objectId).status("Paid").start(now.minus(Duration.ofMinutes(5)))
        .end(now.plus(Duration.ofHours(2))).paymentComplete(true).timeZone(ZONE).build();
  }

  /** Runs every task at once (released together) and returns the outcomes by status. */
  static Map<Status, Integer> atOnce(List<Callable<OpenOutcome>> tasks) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(tasks.size());
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<OpenOutcome>> results = new ArrayList<>();
      for (Callable<OpenOutcome> t : tasks) {
        results.add(pool.submit(() -> {
          go.await();
          return t.call();
        }));
      }
      go.countDown();
      Map<Status, Integer> by = new EnumMap<>(Status.class);
      for (Future<OpenOutcome> f : results) {
        by.merge(f.get(120, TimeUnit.SECONDS).status(), 1, Integer::sum);
      }
      return by;
    } finally {
      pool.shutdownNow();
    }
  }

  private long refusedOtps() {
    return fake.requests().stream().filter(r -> r.route() == FakeRoute.OPEN_LOCK && r.status() >= 400).count();
  }

  @Test
  void fourInstancesTimesFiftyThreads_openTheSameReservationOnce_andCheckInOnce() throws Exception {
    List<Instance> four = instances(4, 15);
    List<Callable<OpenOutcome>> taps = new ArrayList<>();
    for (Instance in : four) {
      for (int t = 0; t < 50; t++) {
        taps.add(() -> in.access.open(reservation("res-1", "room-101")));
      }
    }
    Map<Status, Integer> outcomes = atOnce(taps);

    assertThat(fake.openings()).hasSize(1);
    assertThat(four.stream().mapToInt(i -> i.checkIns.get()).sum()).isEqualTo(1);
    assertThat(outcomes.get(Status.OPENED)).isEqualTo(1);
    assertThat(outcomes.keySet()).as("nobody is told a lie or denied: %s", outcomes)
        .isSubsetOf(Status.OPENED, Status.ALREADY_OPENED, Status.IN_PROGRESS);
    assertThat(four.stream().mapToInt(i -> i.events.size()).sum()).isEqualTo(200);
    assertThat(four.get(3).access.journal().forReservation("res-1")).hasSize(200)
        .filteredOn(a -> a.status() == Status.OPENED).hasSize(1);
    measured(1, "4 instances × 50 threads open one reservation at once", String.format(
        "openings at SALTO: %d; check-ins written: %d; outcomes: %d OPENED, %d ALREADY_OPENED or IN_PROGRESS;"
            + " events: %d; journal rows: %d", fake.openings().size(),
        four.stream().mapToInt(i -> i.checkIns.get()).sum(), outcomes.get(Status.OPENED),
        200 - outcomes.get(Status.OPENED), four.stream().mapToInt(i -> i.events.size()).sum(),
        four.get(0).access.journal().forReservation("res-1").size()));
  }

  @Test
  void threeInstancesTimesTenOpensWithAStaleKey_sendExactlyOneWrongOtp() throws Exception {
    Stores.of(db).iqKeys(fake.site(hotel), KEYS).save(new IqKey(iq.id(), "a1b2c3d4e5f6g7h8", "9999")); // stale PIN
    List<Instance> three = instances(3, 15);
    List<Callable<OpenOutcome>> taps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Instance in = three.get(i);
      for (int t = 0; t < 10; t++) {
        String object = "room-10" + (1 + t % 3);
        String res = "res-" + i + "-" + t;
        taps.add(() -> in.access.open(reservation(res, object)));
      }
    }
    Map<Status, Integer> outcomes = atOnce(taps);

    assertThat(refusedOtps()).as("wrong OTPs that reached SALTO").isEqualTo(1);
    assertThat(outcomes).containsOnlyKeys(Status.FAILED).containsEntry(Status.FAILED, 30);
    assertThat(fake.openings()).isEmpty();
    Stores.of(db).iqKeys(fake.site(hotel), KEYS).save(iq.key()); // the fixed key opens: SALTO never blocked the IQ
    Instance fresh = instance(new BoundedPool(LocalPostgres.get().dataSourceFor(DB), 4), 15);
    OpenOutcome fixed = fresh.access.open(reservation("res-ok", "room-101"));
    assertThat(fixed.status()).isEqualTo(Status.OPENED);
    measured(2, "3 instances × 10 concurrent opens on 3 locks of one IQ, stale key", String.format(
        "wrong OTPs that reached SALTO: %d; outcomes: %d FAILED (OTP_REFUSED, or OTP_PENDING while the"
            + " key was tested); openings: 0; with the key fixed: %s", refusedOtps(), outcomes.get(Status.FAILED),
        fixed.status()));
  }

  /**
   * The same stale key, but SALTO's refusal of the first OTP arrives after the read timeout: its outcome is
   * unknown, which is not an acceptance, so the key's OTP turn stays taken for its lease and no other tap,
   * on any instance, sends a second OTP of a key that may be stale (three wrong ones block the IQ).
   */
  @Test
  void aStaleKeysRefusalThatArrivesAfterTheReadTimeout_stillCostsOneWrongOtp_acrossThreeInstances() throws Exception {
    Stores.of(db).iqKeys(fake.site(hotel), KEYS).save(new IqKey(iq.id(), "a1b2c3d4e5f6g7h8", "9999")); // stale PIN
    readTimeout = Duration.ofMillis(800);
    fake.faults().on(FakeRoute.OPEN_LOCK).always(FakeFault.delay(Duration.ofMillis(2500))); // the refusal comes late
    List<Instance> three = instances(3, 15);
    List<Callable<OpenOutcome>> taps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Instance in = three.get(i);
      for (int t = 0; t < 3; t++) {
        String object = "room-10" + (1 + t);
        String res = "late-" + i + "-" + t;
        taps.add(() -> in.access.open(reservation(res, object)));
      }
    }
    Map<Status, Integer> outcomes = atOnce(taps);

    assertThat(fake.requestCount(FakeRoute.OPEN_LOCK)).as("OTPs that reached SALTO").isEqualTo(1);
    assertThat(outcomes).containsEntry(Status.UNKNOWN, 1).containsEntry(Status.FAILED, 8);
    assertThat(three.stream().flatMap(i -> i.events.stream()).filter(e -> e.outcome() == Status.FAILED))
        .allSatisfy(e -> assertThat(e.reasons()).extracting(r -> r.code())
            .containsExactly(nl.ireserve.saltoks.access.DenialReason.Code.OTP_PENDING));
    assertThat(fake.openings()).isEmpty();
    measured(9, "3 instances × 3 concurrent opens with a stale key whose refusal arrives after the read timeout",
        String.format("OTPs that reached SALTO: %d; outcomes: %d UNKNOWN (the first), %d FAILED with OTP_PENDING"
            + " (the turn is kept for its 1-minute lease)", fake.requestCount(FakeRoute.OPEN_LOCK),
            outcomes.get(Status.UNKNOWN), outcomes.get(Status.FAILED)));
  }

  @Test
  void aThrottleOfFifteenPerLockPerMinute_holdsAcrossInstances() throws Exception {
    List<Instance> three = instances(3, 15);
    List<Callable<OpenOutcome>> taps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Instance in = three.get(i);
      for (int t = 0; t < 10; t++) {
        String res = "res-" + i + "-" + t;
        taps.add(() -> in.access.open(reservation(res, "room-101")));
      }
    }
    Map<Status, Integer> outcomes = atOnce(taps);

    assertThat(fake.openings()).hasSize(15);
    assertThat(outcomes).containsEntry(Status.OPENED, 15).containsEntry(Status.DENIED, 15);
    assertThat(three.stream().flatMap(i -> i.events.stream())
        .filter(e -> e.reasons().stream().anyMatch(r -> r.code() == DenialReason.Code.THROTTLED))).hasSize(15);
    measured(3, "3 instances × 10 reservations on one lock, throttle 15 a minute", String.format(
        "openings at SALTO: %d; DENIED with THROTTLED: %d", fake.openings().size(), outcomes.get(Status.DENIED)));
  }

  @Test
  void aRelinkOnOneInstance_isSeenByEveryInstanceBeforeItsNextOpen() {
    List<Instance> three = instances(3, 15);
    for (Instance in : three) { // every instance has room-101 → Alpha in its 5-minute cache
      assertThat(in.access.check(reservation("res-warm", "room-101")).granted()).isTrue();
    }
    MappingService.create(three.get(0).client.site(fake.site(hotel)), three.get(0).links)
        .relink("room-101", "Room 101", locks.get(1).id()); // now Bravo

    for (int i = 0; i < 3; i++) {
      OpenOutcome o = three.get(i).access.open(reservation("res-" + i, "room-101"));
      assertThat(o.lockId()).isEqualTo(locks.get(1).id());
    }
    assertThat(fake.openings()).extracting(FakeOpening::lockName)
        .containsExactly("Lock Bravo", "Lock Bravo", "Lock Bravo");
    measured(4, "relink on one instance while all 3 hold the old link in a 5-minute cache", String.format(
        "next opens that went to the new lock: %d of 3", fake.openings().stream()
            .filter(o -> o.lockName().equals("Lock Bravo")).count()));
  }

  @Test
  void aKeySavedOnOneInstance_isUsedByEveryInstanceBeforeItsNextOpen() {
    List<Instance> two = instances(2, 15);
    assertThat(two.get(1).access.open(reservation("res-0", "room-101")).status()).isEqualTo(Status.OPENED);
    iq.rotateSecret(); // the IQ is re-activated: the key each instance cached for 5 minutes is stale
    IqKey fresh = iq.key();
    Stores.of(LocalPostgres.get().dataSourceFor(DB)).iqKeys(fake.site(hotel), KEYS).save(fresh); // as instance 0's setup
    OpenOutcome next = two.get(1).access.open(reservation("res-1", "room-102"));
    assertThat(next.status()).isEqualTo(Status.OPENED);
    assertThat(refusedOtps()).as("no OTP from the stale cached key").isZero();
    measured(8, "IQ re-activated and its new key saved on one instance while the other holds the old key"
        + " in a 5-minute cache", String.format("the other's next open: %s; wrong OTPs sent: %d", next.status(),
        refusedOtps()));
  }

  @Test
  void switchedOffOnOneInstance_deniesOnEveryInstance_sendingNothing() {
    List<Instance> two = instances(2, 15);
    two.get(0).access.setIntegrationActive(false);
    int before = fake.requests().size();
    OpenOutcome o = two.get(1).access.open(reservation("res-1", "room-101"));
    assertThat(o.decision().codes()).contains(DenialReason.Code.INTEGRATION_INACTIVE);
    assertThat(fake.requests()).hasSize(before);
    int whileOff = fake.requests().size() - before;
    two.get(1).access.setIntegrationActive(true);
    OpenOutcome on = two.get(0).access.open(reservation("res-1", "room-101"));
    assertThat(on.status()).isEqualTo(Status.OPENED);
    measured(5, "integration switched off on instance 1, open on instance 2", String.format(
        "%s %s; requests to SALTO while off: %d; switched on again on instance 2, instance 1: %s", o.status(),
        o.decision().codes(), whileOff, on.status()));
  }

  @Test
  void databaseStopped_opensFailClosedWithAnEventEach_nothingSent_andBackWithoutARestart() throws Exception {
    try (TcpRelay relay = new TcpRelay(LocalPostgres.get().port())) {
      Instance in = instance(LocalPostgres.get().dataSourceVia(DB, relay.port()), 15);
      assertThat(in.access.open(reservation("res-1", "room-101")).status()).isEqualTo(Status.OPENED);
      int sent = fake.requests().size();

      relay.stop();
      for (int i = 0; i < 5; i++) {
        OpenOutcome o = in.access.open(reservation("res-down-" + i, "room-102"));
        assertThat(o.status()).isEqualTo(Status.DENIED);
        assertThat(o.decision().codes()).contains(DenialReason.Code.STORE_UNAVAILABLE);
      }
      assertThat(in.events).hasSize(6);
      assertThat(fake.requests()).as("nothing sent to SALTO while the database is down").hasSize(sent);
      int downEvents = in.events.size() - 1;
      int downRequests = fake.requests().size() - sent;

      relay.start();
      OpenOutcome back = in.access.open(reservation("res-2", "room-102"));
      assertThat(back.status()).isEqualTo(Status.OPENED);
      measured(6, "database stopped (connections broken and refused), 5 opens; then started again",
          String.format("5 × DENIED STORE_UNAVAILABLE; events: %d of 5 attempts; requests to SALTO while down:"
              + " %d; next open after the restart, same instance: %s", downEvents, downRequests, back.status()));
    }
  }

  @Test
  void databaseFrozen_opensFailClosedAfterTheStoreTimeLimit_andNeverOpenLater() throws Exception {
    try (TcpRelay relay = new TcpRelay(LocalPostgres.get().port())) {
      Instance in = new Instance();
      in.client = fake.clientBuilder().build();
      instances.add(in);
      DataSource ds = LocalPostgres.get().dataSourceVia(DB, relay.port());
      AccessService access = AccessService.builder().site(in.client.site(fake.site(hotel)))
          .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(30).build())
          .mappings(Stores.of(ds).mappings(fake.site(hotel)))
          .keys(Stores.of(ds).iqKeys(fake.site(hotel), KEYS))
          .guards(Stores.of(ds).guards()).listener(in.events::add).storeTimeout(Duration.ofMillis(500)).build();

      relay.freeze();
      long t0 = System.nanoTime();
      OpenOutcome o = access.open(reservation("res-1", "room-101"));
      long tookMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(o.status()).isEqualTo(Status.DENIED);
      assertThat(o.reasons()).anySatisfy(r -> assertThat(r.message()).contains("did not answer within 500 ms"));
      assertThat(tookMs).isLessThan(5_000);
      relay.thaw();
      // the next open needs the database, so once it has its answer the frozen calls had theirs too. Each
      // store call opens a new connection through the relay (a new PostgreSQL backend): on a loaded machine
      // one may take longer than 500 ms, which denies again (sending nothing), so a few fresh reservations
      // are tried; every denial must be the time limit and none may send anything
      OpenOutcome after = null;
      int attempts = 0;
      while (attempts < 10) {
        attempts++;
        after = access.open(reservation("res-" + (attempts + 1), "room-101"));
        if (after.status() != Status.DENIED) {
          break;
        }
        assertThat(after.reasons()).as("a denial after the thaw").allSatisfy(r -> assertThat(r.code())
            .isEqualTo(DenialReason.Code.STORE_UNAVAILABLE));
        assertThat(fake.openings()).as("a denied open sends nothing").isEmpty();
      }
      assertThat(after.status()).as("%s", after.reasons()).isEqualTo(Status.OPENED);
      int lateOpenings = fake.openings().size() - 1; // every opening but the last one: none may come from res-1
      assertThat(lateOpenings).isZero();
      assertThat(in.events).hasSize(1 + attempts);
      measured(7, "database frozen (connections open, nothing answers), store time limit 500 ms", String.format(
          "%s %s within the limit (took under 5 s); openings once the database answered again: %d; next"
              + " open: %s", o.status(), o.decision().codes(), lateOpenings, after.status()));
    }
  }

  /**
   * The guards' database freezes while the open command is on the wire: the check-in cannot be recorded
   * within the time limit. The outcome names the guards (the host's recorder never failed), and when the
   * database answers again the status after opening is set, exactly once.
   */
  @Test
  void theGuardsDatabaseFreezesWhileTheCommandIsOnTheWire_theCheckInHappensExactlyOnce() throws Exception {
    try (TcpRelay relay = new TcpRelay(LocalPostgres.get().port())) {
      Instance in = new Instance();
      in.client = fake.clientBuilder().build();
      instances.add(in);
      DataSource frozenLater = LocalPostgres.get().dataSourceVia(DB, relay.port());
      AccessService access = AccessService.builder().site(in.client.site(fake.site(hotel)))
          .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(30).statusAfterOpening("Checked in")
              .build())
          .mappings(Stores.of(db).mappings(fake.site(hotel)))
          .keys(Stores.of(db).iqKeys(fake.site(hotel), KEYS))
          .guards(Stores.of(frozenLater).guards())
          .recorder(new ReservationRecorder() {
            @Override public void recordLastOpen(Reservation r, String field, Instant at) {}
            @Override public void setStatus(Reservation r, String status) {
              in.checkIns.incrementAndGet();
            }
          })
          .storeTimeout(Duration.ofMillis(500)).build();
      fake.faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.delay(Duration.ofMillis(1500))); // on the wire for 1.5 s
      java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
      try {
        timer.schedule(relay::freeze, 600, TimeUnit.MILLISECONDS); // after the claim, before the answer
        timer.schedule(relay::thaw, 3_500, TimeUnit.MILLISECONDS);

        OpenOutcome o = access.open(reservation("res-freeze", "room-101"));

        assertThat(o.status()).isEqualTo(Status.OPENED_RECORDING_FAILED);
        assertThat(o.detail()).contains("access guards").doesNotContain("recorder failed");
        assertThat(in.checkIns.get()).as("not yet: the guards did not answer").isZero();
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (in.checkIns.get() == 0 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(in.checkIns.get()).as("set once the database answered").isEqualTo(1);
      } finally {
        timer.shutdownNow();
        relay.thaw();
      }
      OpenOutcome again = access.open(reservation("res-freeze", "room-101"));
      assertThat(again.status()).as("the next tap is not a second opening").isIn(Status.ALREADY_OPENED,
          Status.IN_PROGRESS);
      assertThat(in.checkIns.get()).as("exactly once").isEqualTo(1);
      assertThat(fake.openings()).hasSize(1);
    }
  }

  /**
   * A key whose PIN was changed with a delta is not yet proven at a lock; that mark is stored with the key, so
   * a restart does not forget it, and the first opening with it stores it as proven for every instance.
   */
  @Test
  void theUnprovenMarkOfAKey_survivesARestart_andItsFirstOpeningStoresItProven() {
    fake.lockFollowsPinChanges(true);
    FakeIq annex = hotel.addUnactivatedIq("IQ Annex");
    FakeLock door = hotel.addLock("Annex door", annex);
    try (SaltoKsClient admin = fake.clientBuilder().build()) {
      SiteClient site = admin.site(fake.site(hotel));
      MappingService.create(site, Stores.of(db).mappings(fake.site(hotel))).link("annex-1", "Annex 1", door.id());
      nl.ireserve.saltoks.iq.IqSetup setup = site.iqSetup();
      var pending = setup.requestPin(annex.id());
      String emailed = fake.sentPinEmails().get(fake.sentPinEmails().size() - 1).pin();
      IqKey changed = setup.activateWithNewPin(pending, emailed, emailed.equals("4711") ? "4712" : "4711");
      assertThat(changed.provenAtLock()).isFalse();
      Stores.of(db).iqKeys(fake.site(hotel), KEYS).save(changed);
    }

    // a restart: a new client and new stores
    IqKey stored = Stores.of(db).iqKeys(fake.site(hotel), KEYS).find(annex.id()).orElseThrow();
    Instance in = instance(db, 15);
    assertThat(stored.provenAtLock()).as("stored with the key").isFalse();
    assertThat(in.client.site(fake.site(hotel)).iqSetup().isProvenAtLock(stored)).as("after a restart").isFalse();

    assertThat(in.access.open(reservation("res-annex", "annex-1")).status()).isEqualTo(Status.OPENED);

    IqKey after = Stores.of(db).iqKeys(fake.site(hotel), KEYS).find(annex.id()).orElseThrow();
    assertThat(after.provenAtLock()).as("stored as proven by its first opening").isTrue();
    try (SaltoKsClient fresh = fake.clientBuilder().build()) {
      assertThat(fresh.site(fake.site(hotel)).iqSetup().isProvenAtLock(after)).isTrue();
    }
  }

  static void exec(DataSource ds, String sql) {
    try (java.sql.Connection c = ds.getConnection(); java.sql.Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
