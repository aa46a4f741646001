package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import nl.ireserve.saltoks.testkit.FakeOpening;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeFault;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SharedHttp;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.OpenOutcome.Status;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Tenant;
import nl.ireserve.saltoks.access.Tenants;
import nl.ireserve.saltoks.exception.SaltoSiteNotFoundException;
import nl.ireserve.saltoks.exception.SaltoTransportException;
import nl.ireserve.saltoks.it.support.BoundedPool;
import nl.ireserve.saltoks.it.support.LocalPostgres;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeFaults;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Many customers in one host: two sites with the same object ids on one PostgreSQL database, each guest
 * at their own site's door; stores of another site refused; the registry of customers set up once under
 * concurrent first use, evicted when idle, closed cleanly.
 */
class ManyCustomersIT {
  static final KeyEncryption KEYS = KeyEncryption.fromBase64(KeyEncryption.generateKey());
  static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

  FakeSaltoKsServer fake;
  FakeSite hotel;
  FakeSite sports;
  SharedHttp http;
  final List<SaltoKsClient> clients = new ArrayList<>();

  @BeforeEach
  void twoCustomers() {
    fake = FakeSaltoKsServer.create().start();
    hotel = fake.addSite("NL6254340082", "Hotel", ZONE);
    sports = fake.addSite("NL7000000001", "Sports centre", ZONE);
    http = SharedHttp.create(64);
  }

  @AfterEach
  void close() {
    clients.forEach(SaltoKsClient::close);
    http.close();
    fake.close();
  }

  /** A customer's access service on the shared database, mapping its "room-101" … "room-103". */
  private AccessService customer(FakeSite site, DataSource db, String iqName) {
    FakeIq iq = site.addIq(iqName, "a1b2c3d4e5f6g7h8", "1234");
    SaltoKsClient client = fake.clientBuilder().sharedHttp(http).maxConcurrentRequests(8).build();
    clients.add(client);
    SiteClient siteClient = client.site(fake.site(site));
    MappingStore links = MappingStore.cached(Stores.of(db).mappings(siteClient.site()), Duration.ofMinutes(5));
    IqKeyStore keys = Stores.of(db).iqKeys(siteClient.site(), KEYS);
    MappingService mapping = MappingService.create(siteClient, links);
    for (int i = 1; i <= 3; i++) {
      mapping.link("room-10" + i, site.name() + " " + i, site.addLock(site.name() + " lock " + i, iq).id());
    }
    keys.save(iq.key());
    return AccessService.builder().site(siteClient)
        .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(30).build())
        .mappings(links).keys(keys).guards(Stores.of(db).guards()).maxOpensPerLockPerMinute(1000)
        .storeTimeout(Duration.ofSeconds(10)).build(); // 40 opens at once on one test database
  }

  @Test
  void twoSitesWithTheSameObjectIds_onOnePostgres_eachGuestOpensTheirOwnSitesLock() throws Exception {
    LocalPostgres.get().newDatabase("many_customers_flow");
    DataSource db = new BoundedPool(LocalPostgres.get().dataSourceFor("many_customers_flow"), 16); // as hosts pool
    AccessService hotelAccess = customer(hotel, db, "Hotel IQ");
    AccessService sportsAccess = customer(sports, db, "Sports IQ");

    OpenOutcome one = hotelAccess.open(SeveralInstancesIT.reservation("res-first", "room-101"));
    assertThat(one.status()).as("%s", one).isEqualTo(Status.OPENED);
    // 20 guests of each customer at once, the same object ids and reservation ids in both
    List<Callable<OpenOutcome>> taps = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      String reservation = "res-" + i;
      String room = "room-10" + (1 + i % 3);
      taps.add(() -> hotelAccess.open(SeveralInstancesIT.reservation(reservation, room)));
      taps.add(() -> sportsAccess.open(SeveralInstancesIT.reservation(reservation, room)));
    }
    Map<Status, Integer> outcomes = SeveralInstancesIT.atOnce(taps);

    assertThat(outcomes).containsExactly(Map.entry(Status.OPENED, 40));
    Map<String, Set<String>> lockNamesBySite = fake.openings().stream().collect(Collectors.groupingBy(
        FakeOpening::siteId, Collectors.mapping(FakeOpening::lockName, Collectors.toSet())));
    assertThat(lockNamesBySite.get(fake.site(hotel).id())).containsExactlyInAnyOrder(
        "Hotel lock 1", "Hotel lock 2", "Hotel lock 3");
    assertThat(lockNamesBySite.get(fake.site(sports).id())).containsExactlyInAnyOrder(
        "Sports centre lock 1", "Sports centre lock 2", "Sports centre lock 3");
    assertThat(fake.openings()).hasSize(41);
    // the shared guards keep each customer's reservations apart too
    assertThat(hotelAccess.journal().forReservation("res-0")).hasSize(1);
    assertThat(sportsAccess.journal().forReservation("res-0")).hasSize(1);

    // the stores, read directly: each site its own room-101
    assertThat(Stores.of(db).mappings(fake.site(hotel)).findByObject("room-101").orElseThrow().lockName())
        .isEqualTo("Hotel lock 1");
    assertThat(Stores.of(db).mappings(fake.site(sports)).findByObject("room-101").orElseThrow().lockName())
        .isEqualTo("Sports centre lock 1");
  }

  @Test
  void aStoreOfAnotherSite_isRefusedWhenTheServiceIsBuilt() {
    DataSource db = LocalPostgres.get().newDatabase("many_customers_refuse");
    SaltoKsClient client = fake.clientBuilder().sharedHttp(http).build();
    clients.add(client);
    SiteClient hotelSite = client.site(fake.site(hotel));
    Site sportsSite = fake.site(sports);
    AccessService.Builder b = AccessService.builder().site(hotelSite)
        .policy(AccessPolicy.builder().allowedStatuses("Paid").build());

    assertThatThrownBy(() -> b.mappings(Stores.of(db).mappings(sportsSite)).keys(IqKeyStore.inMemory()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("mappings is the store of site " + sportsSite.id())
        .hasMessageContaining("jdbcStores.mappings(site)");
    assertThatThrownBy(() -> b.mappings(MappingStore.cached(Stores.of(db).mappings(hotelSite.site()),
        Duration.ofMinutes(1))).keys(IqKeyStore.cached(Stores.of(db).iqKeys(sportsSite, KEYS),
        Duration.ofMinutes(1))).build())
        .as("through a cache too")
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keys is the store of site " + sportsSite.id());
  }

  @Test
  void twoHundredConcurrentFirstUsesOfOneTenant_setItUpOnce() throws Exception {
    AtomicInteger setups = new AtomicInteger();
    Tenants tenants = Tenants.builder(key -> {
      setups.incrementAndGet();
      return tenant(key.equals("hotel") ? hotel : sports);
    }).build();
    ExecutorService pool = Executors.newFixedThreadPool(200);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Tenant>> got = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        got.add(pool.submit(() -> {
          go.await();
          return tenants.get("hotel");
        }));
      }
      go.countDown();
      Map<Tenant, Boolean> distinct = new IdentityHashMap<>();
      for (Future<Tenant> f : got) {
        distinct.put(f.get(60, TimeUnit.SECONDS), true);
      }
      assertThat(setups).hasValue(1);
      assertThat(distinct).hasSize(1);
      assertThat(http.clients()).isEqualTo(1);
      assertThat(tenants.get("sports")).isNotSameAs(tenants.get("hotel"));
      assertThat(setups).hasValue(2);
    } finally {
      pool.shutdownNow();
      tenants.close();
    }
    assertThat(http.clients()).as("closing the registry closed every customer's client").isZero();
    assertThatThrownBy(() -> tenants.get("hotel")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void anIdleTenantIsClosed_andSetUpAgainOnItsNextUse() {
    FakeClock clock = FakeClock.fixedAt(Instant.parse("2026-11-26T10:00:00Z"));
    Map<String, AtomicInteger> setups = new ConcurrentHashMap<>();
    Tenants tenants = Tenants.builder(key -> {
      setups.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
      return tenant(key.equals("hotel") ? hotel : sports);
    }).idleAfter(Duration.ofMinutes(30)).nanoTime(clock::nanoTime).build();

    Tenant first = tenants.get("hotel");
    tenants.get("sports");
    clock.advance(Duration.ofMinutes(20));
    assertThat(tenants.get("sports")).isNotNull(); // used: stays
    clock.advance(Duration.ofMinutes(15));
    tenants.evictIdle();

    assertThat(tenants.size()).isEqualTo(1);
    assertThat(http.clients()).as("the idle customer's client was closed").isEqualTo(1);
    Tenant again = tenants.get("hotel");
    assertThat(again).isNotSameAs(first);
    assertThat(setups.get("hotel")).hasValue(2);
    assertThat(setups.get("sports")).hasValue(1);
    assertThat(again.site().locks().list()).isEmpty(); // the new one works
    tenants.evict("sports");
    assertThat(tenants.size()).isEqualTo(1);
    tenants.close();
    tenants.close(); // idempotent
    assertThat(http.clients()).isZero();
  }

  @Test
  void aFailedSetupIsNotKept_theNextUseTriesAgain() {
    AtomicInteger attempts = new AtomicInteger();
    try (Tenants tenants = Tenants.builder(key -> {
      SaltoKsClient client = fake.clientBuilder().sharedHttp(http).build();
      try {
        // the first attempt has the customer's site UID wrong, as a bad configuration would
        String uid = attempts.incrementAndGet() == 1 ? "NL0000000000" : "NL6254340082";
        SiteClient site = client.site(client.sites().retrieve(uid));
        return new Tenant(client, site, service(site));
      } catch (RuntimeException e) {
        client.close();
        throw e;
      }
    }).build()) {
      assertThatThrownBy(() -> tenants.get("hotel")).isInstanceOf(SaltoSiteNotFoundException.class);
      assertThat(tenants.size()).isZero();
      assertThat(tenants.get("hotel").site().site().siteUid()).isEqualTo("NL6254340082");
      assertThat(attempts).hasValue(2);
      assertThatThrownBy(() -> tenants.get("bad\nkey")).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("tenantKey");
    }
  }

  @Test
  void anOpeningInFlightWhenItsTenantIsEvicted_finishes_andTheClosedClientRefusesNewCalls() throws Exception {
    for (boolean shared : new boolean[] {true, false}) {
      FakeIq iq = hotel.addIq("IQ " + shared, "a1b2c3d4e5f6g7h8", "1234");
      FakeLock lock = hotel.addLock("Evicted lock " + shared, iq);
      FakeLock uncached = hotel.addLock("Never read lock " + shared, iq);
      Tenants tenants = Tenants.builder(key -> {
        SaltoKsClient.Builder b = fake.clientBuilder();
        SaltoKsClient client = (shared ? b.sharedHttp(http) : b).build();
        SiteClient siteClient = client.site(fake.site(hotel));
        MappingStore links = MappingStore.inMemory();
        IqKeyStore keys = IqKeyStore.inMemory();
        MappingService.create(siteClient, links).link("room-101", "Room 101", lock.id());
        MappingService.create(siteClient, links).link("room-102", "Room 102", uncached.id());
        keys.save(iq.key());
        return new Tenant(client, siteClient, AccessService.builder().site(siteClient)
            .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(30).build())
            .mappings(links).keys(keys).build());
      }).build();
      Tenant t = tenants.get("hotel");
      fake.faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.delay(Duration.ofMillis(500)));
      int opensBefore = fake.requestCount(FakeRoute.OPEN_LOCK);
      ExecutorService one = Executors.newSingleThreadExecutor();
      Future<OpenOutcome> inFlight = one.submit(() -> t.access().open(SeveralInstancesIT.reservation("res-ev", "room-101")));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (fake.requestCount(FakeRoute.OPEN_LOCK) == opensBefore) { // the fake has it; its answer waits
        assertThat(System.nanoTime()).as("the opening reached the fake").isLessThan(deadline);
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
      }
      tenants.evict("hotel");
      OpenOutcome o = inFlight.get(10, TimeUnit.SECONDS);
      one.shutdown();
      assertThat(o.status()).as("shared=%s: the opening on the wire when its client closed", shared)
          .isEqualTo(Status.OPENED);
      assertThat(fake.openings()).filteredOn(x -> x.lockId().equals(lock.id())).hasSize(1);
      int requests = fake.requests().size();
      assertThatThrownBy(() -> t.site().locks().list()).as("shared=%s", shared)
          .isInstanceOf(SaltoTransportException.class).hasMessageContaining("closed").hasMessageContaining("Nothing was sent");
      OpenOutcome stale = t.access().open(SeveralInstancesIT.reservation("res-stale", "room-101"));
      assertThat(stale.status()).as("a stale tenant after eviction: %s", stale).isEqualTo(Status.FAILED);
      OpenOutcome staleUncached = t.access().open(SeveralInstancesIT.reservation("res-stale-2", "room-102"));
      assertThat(staleUncached.status()).as("the lock's state was never read: %s", staleUncached)
          .isEqualTo(Status.FAILED);
      assertThatThrownBy(() -> t.client().authenticate()).as("a cached token does not make a closed client work")
          .isInstanceOf(SaltoTransportException.class).hasMessageContaining("closed");
      assertThat(fake.requests()).as("nothing reached SALTO from the closed client").hasSize(requests);
      if (shared) {
        assertThat(http.clients()).as("the evicted client left the shared budget once its opening ended").isZero();
      }
      OpenOutcome fresh = tenants.get("hotel").access().open(SeveralInstancesIT.reservation("res-stale", "room-101"));
      assertThat(fresh.status()).as("the same reservation through the tenant set up anew").isEqualTo(Status.OPENED);
      tenants.close();
      fake.faults().clear();
    }
  }

  /** An evict while the tenant is being set up: the get that set it up never hands out the closed one. */
  @Test
  void aGetRacingAnEvictDuringSetup_neverReturnsAClosedTenant() throws Exception {
    java.util.concurrent.CountDownLatch inSetup = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch proceed = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger setups = new java.util.concurrent.atomic.AtomicInteger();
    Tenants tenants = Tenants.builder(key -> {
      Tenant t = tenant(hotel);
      if (setups.incrementAndGet() == 1) {
        inSetup.countDown();
        try {
          proceed.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return t;
    }).build();
    ExecutorService one = Executors.newSingleThreadExecutor();
    try {
      Future<Tenant> got = one.submit(() -> tenants.get("hotel"));
      assertThat(inSetup.await(10, TimeUnit.SECONDS)).isTrue();
      tenants.evict("hotel"); // while the first setup runs
      proceed.countDown();

      Tenant t = got.get(10, TimeUnit.SECONDS);

      assertThat(t.site().locks().list()).as("the tenant handed out works").isNotNull();
      assertThat(setups.get()).as("set up anew after the evict").isEqualTo(2);
    } finally {
      one.shutdownNow();
      tenants.close();
    }
  }

  private Tenant tenant(FakeSite site) {
    SaltoKsClient client = fake.clientBuilder().sharedHttp(http).maxConcurrentRequests(8).build();
    SiteClient siteClient = client.site(fake.site(site));
    return new Tenant(client, siteClient, service(siteClient));
  }

  private static AccessService service(SiteClient site) {
    return AccessService.builder().site(site)
        .policy(AccessPolicy.builder().allowedStatuses("Paid").build())
        .mappings(MappingStore.inMemory()).keys(IqKeyStore.inMemory()).build();
  }
}
