package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.OpenOutcome.Status;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One customer's hung database must not stop another customer's doors: the store calls of each service
 * (one per site) have their own bulkhead within the shared pool. Customer A's mapping store hangs; 300 taps
 * on A's doors; customer B, with a healthy store of its own, opens meanwhile.
 */
class StoreBulkheadIT {
  static final FakeClock CLOCK = FakeClock.ticking();

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK)
      .clients(b -> b.readTimeout(Duration.ofMillis(1500)).retryPolicy(RetryPolicy.none()));

  final CountDownLatch thaw = new CountDownLatch(1);

  @AfterEach
  void thawTheDatabase() {
    thaw.countDown();
  }

  /** A store that is not in this process's memory (so its calls go to the pool), hanging while frozen. */
  private MappingStore remote(MappingStore delegate, boolean frozen) {
    return (MappingStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MappingStore.class},
        (proxy, method, args) -> {
          if (frozen && method.getName().equals("findByObject")) {
            thaw.await(60, TimeUnit.SECONDS); // the database does not answer
          }
          try {
            return method.invoke(delegate, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  private AccessService customer(String uid, boolean frozen) {
    FakeSite site = SALTO.server().addSite(uid, "Customer " + uid, Hotel.ZONE);
    FakeIq iq = site.addIq("IQ", "a1b2c3d4e5f6g7h8", "1234");
    FakeLock lock = site.addLock("Front door", iq);
    SiteClient ref = SALTO.client().site(SALTO.client().sites().retrieve(uid));
    MappingStore links = MappingStore.inMemory();
    MappingService.create(ref, links).link("room-1", "Room 1", lock.id());
    IqKeyStore keys = IqKeyStore.inMemory();
    keys.save(iq.key());
    return AccessService.builder().site(ref).policy(AccessPolicy.builder().allowedStatuses("Paid").build())
        .mappings(remote(links, frozen)).keys(keys).clock(CLOCK).storeTimeout(Duration.ofMillis(200)).build();
  }

  private static Reservation now(String id) {
    Instant t = CLOCK.instant();
    return Reservation.builder().id(id).objectId("room-1").status("Paid").start(t.minusSeconds(600))
        .end(t.plusSeconds(3600)).build();
  }

  @Test
  void aHungStoreOfOneCustomer_under300Taps_leavesAnotherCustomersDoorsOpening() throws Exception {
    AccessService a = customer("NL0000000001", true);
    AccessService b = customer("NL0000000002", false);
    ExecutorService taps = Executors.newFixedThreadPool(50);
    List<Future<OpenOutcome>> onA = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      String id = "a-" + i;
      onA.add(taps.submit(() -> a.open(now(id))));
    }
    Map<Status, Integer> aOutcomes = new EnumMap<>(Status.class);
    for (Future<OpenOutcome> f : onA) {
      OpenOutcome o = f.get(60, TimeUnit.SECONDS);
      aOutcomes.merge(o.status(), 1, Integer::sum);
      assertThat(o.decision().codes()).as("A fails closed").contains(DenialReason.Code.STORE_UNAVAILABLE);
    }
    taps.shutdown();

    List<OpenOutcome> onB = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      onB.add(b.open(now("b-" + i)));
    }

    assertThat(aOutcomes).containsOnlyKeys(Status.DENIED);
    assertThat(onB).extracting(OpenOutcome::status).containsOnly(Status.OPENED);
    assertThat(SALTO.server().openings()).as("only B's doors opened").hasSize(5);
  }
}
