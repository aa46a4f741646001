package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.AccessGroup;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.Role;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteUser;
import nl.ireserve.saltoks.TimeSchedule;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.GuestAccessService.Result;
import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.access.GuestGrant;
import nl.ireserve.saltoks.access.GuestGrantStore;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.it.LogCapture;
import nl.ireserve.saltoks.it.support.LocalPostgres;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeUser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guest access for a stay against the fake, asserting on what the fake says a PIN would open: inside the
 * window and not outside it, to the minute, across a DST change; moved and changed reservations; revoke and
 * the seat; a full site; the propagation delay; a crash between every pair of steps; 100 at once.
 */
class GuestAccessIT {
  static final FakeClock CLOCK = FakeClock.ticking();

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK)
      .clients(b -> b.readTimeout(Duration.ofMillis(1500)).retryPolicy(RetryPolicy.none())); // generous: CI machines are loaded

  Hotel hotel;
  AccessService access;
  GuestAccessService guests;

  @BeforeEach
  void arrange() {
    hotel = new Hotel(SALTO);
    access = hotel.service(SALTO, CLOCK).build();
    guests = access.guests(GuestGrantStore.inMemory()).withPropagationRetry(Duration.ofMillis(20), Duration.ofSeconds(10));
  }

  static Reservation stay(String id, String room, ZonedDateTime start, ZonedDateTime end) {
    return Reservation.builder().id(id).objectId(room).status("Paid").start(start.toInstant()).end(end.toInstant())
        .paymentComplete(true).timeZone(Hotel.ZONE).build();
  }

  private ZonedDateTime inDays(int days, int hour) {
    return CLOCK.instant().atZone(Hotel.ZONE).plusDays(days).withHour(hour).withMinute(0).withSecond(0).withNano(0);
  }

  /** The PIN opens the lock from the window's first minute to its last, and not a minute outside it. */
  private void opensExactlyIn(String pin, FakeLock lock, Instant opens, Instant closes) {
    assertThat(hotel.site.pinOpens(pin, lock, opens.minus(Duration.ofMinutes(1)))).as("a minute early").isFalse();
    assertThat(hotel.site.pinOpens(pin, lock, opens)).as("at the first minute").isTrue();
    assertThat(hotel.site.pinOpens(pin, lock, closes.minus(Duration.ofMinutes(1)))).as("at the last minute").isTrue();
    assertThat(hotel.site.pinOpens(pin, lock, closes)).as("when it ends").isFalse();
  }

  @Test
  void grant_thePinOpensRoom101OnlyInsideTheWindow_toTheMinute_andNeverLeaks() {
    Reservation r = stay("res-1", "room-101", inDays(2, 15), inDays(4, 11));
    Result result;
    try (LogCapture logs = new LogCapture()) {
      result = guests.grant(r);
      assertThat(result.status()).isEqualTo(Result.Status.GRANTED);
      assertThat(logs.text()).doesNotContain(result.pin().value());
    }
    String pin = result.pin().value();
    assertThat(pin).matches("\\d{6}");
    assertThat(result.toString()).doesNotContain(pin).contains("Pin[******]");
    Instant opens = r.start().minus(Duration.ofMinutes(30));
    assertThat(result.from()).isEqualTo(opens);
    opensExactlyIn(pin, hotel.alpha, opens, r.end());
    assertThat(hotel.site.pinOpens(pin, hotel.bravo, opens.plus(Duration.ofHours(1)))).as("another door").isFalse();

    Result again = guests.grant(r);
    assertThat(again.status()).isEqualTo(Result.Status.ALREADY_GRANTED);
    assertThat(again.pin()).isNull();
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, opens)).as("the delivered PIN still works").isTrue();
    assertThat(hotel.site.users()).hasSize(1);
    assertThat(guests.find("res-1").orElseThrow().state()).isEqualTo(GuestGrant.State.ACTIVE);
  }

  @Test
  void aStayAcrossTheDstChange_opensToTheMinute_inTheSitesTime() {
    // Europe/Amsterdam springs forward on 2027-03-28 at 02:00 → 03:00
    Reservation r = stay("res-dst", "room-101", ZonedDateTime.of(2027, 3, 27, 14, 0, 0, 0, Hotel.ZONE),
        ZonedDateTime.of(2027, 3, 29, 10, 0, 0, 0, Hotel.ZONE));
    String pin = guests.grant(r).pin().value();
    opensExactlyIn(pin, hotel.alpha, r.start().minus(Duration.ofMinutes(30)), r.end());
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, ZonedDateTime.of(2027, 3, 28, 3, 30, 0, 0, Hotel.ZONE).toInstant()))
        .as("just after the jump").isTrue();
    assertThat(Duration.between(r.start(), r.end())).as("one hour shorter than the wall clock says")
        .isEqualTo(Duration.ofHours(43));
  }

  @Test
  void update_afterAMovedReservation_andAChangedRoom_keepsThePin() {
    Reservation r = stay("res-2", "room-101", inDays(2, 15), inDays(3, 11));
    String pin = guests.grant(r).pin().value();
    Reservation moved = stay("res-2", "room-101", inDays(5, 15), inDays(6, 11));

    Result updated = guests.update(moved);

    assertThat(updated.status()).isEqualTo(Result.Status.UPDATED);
    assertThat(updated.pin()).as("the stay ends later than the old PIN's last day: a new PIN").isNotNull();
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, moved.start())).as("the old PIN").isFalse();
    pin = updated.pin().value();
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, r.start())).as("the old dates").isFalse();
    opensExactlyIn(pin, hotel.alpha, moved.start().minus(Duration.ofMinutes(30)), moved.end());
    Reservation earlier = stay("res-2", "room-101", inDays(5, 12), inDays(6, 11));
    Result shifted = guests.update(earlier);
    assertThat(shifted.status()).isEqualTo(Result.Status.UPDATED);
    assertThat(shifted.pin()).as("same last day: the PIN stays").isNull();
    opensExactlyIn(pin, hotel.alpha, earlier.start().minus(Duration.ofMinutes(30)), earlier.end());

    Reservation otherRoom = stay("res-2", "room-102", inDays(5, 12), inDays(6, 11));
    assertThat(guests.update(otherRoom).status()).isEqualTo(Result.Status.UPDATED);
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, otherRoom.start())).as("the old room").isFalse();
    assertThat(hotel.site.pinOpens(pin, hotel.bravo, otherRoom.start())).as("the new room").isTrue();

    Reservation cancelled = Reservation.builder().id("res-2").objectId("room-102").status("Cancelled")
        .start(otherRoom.start()).end(otherRoom.end()).paymentComplete(true).timeZone(Hotel.ZONE).build();
    assertThat(guests.update(cancelled).status()).as("a status that may not open").isEqualTo(Result.Status.REVOKED);
    assertThat(hotel.site.pinOpens(pin, hotel.bravo, otherRoom.start())).isFalse();
  }

  @Test
  void revoke_freesTheSeat_andTheSweeperRevokesEndedStays() {
    Reservation r = stay("res-3", "room-101", inDays(1, 15), inDays(2, 11));
    String pin = guests.grant(r).pin().value();
    guests.grant(stay("res-4", "room-102", inDays(1, 15), inDays(9, 11)));
    assertThat(hotel.site.seatsUsed()).isEqualTo(2);

    assertThat(guests.revoke("res-3").status()).isEqualTo(Result.Status.REVOKED);

    assertThat(hotel.site.seatsUsed()).isEqualTo(1);
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, r.start())).isFalse();
    assertThat(hotel.site.accessGroups()).containsExactly("ireserve:res-4");
    assertThat(guests.revoke("res-3").status()).isEqualTo(Result.Status.NOT_GRANTED);

    CLOCK.advance(Duration.ofDays(10));
    try {
      List<Result> swept = guests.sweep();
      assertThat(swept).extracting(Result::status).containsExactly(Result.Status.REVOKED);
      assertThat(hotel.site.seatsUsed()).isZero();
    } finally {
      CLOCK.advance(Duration.ofDays(-10));
    }
  }

  @Test
  void aFullSite_isAClearFailureThatNamesTheFix_andLeavesNothingBehind() {
    hotel.site.seats(0);
    Result r = guests.grant(stay("res-5", "room-101", inDays(1, 15), inDays(2, 11)));
    assertThat(r.status()).isEqualTo(Result.Status.FAILED);
    assertThat(r.pin()).isNull();
    assertThat(r.detail()).contains("is full").contains("suspended").contains("Free a seat");
    assertThat(hotel.site.users()).isEmpty();
    assertThat(guests.find("res-5")).isEmpty();
  }

  @Test
  void thePropagationDelay_isWaitedOut_andTheGrantCompletes() {
    hotel.site.propagationDelay(Duration.ofMillis(700));
    Result r = guests.grant(stay("res-6", "room-101", inDays(1, 15), inDays(2, 11)));
    assertThat(r.status()).isEqualTo(Result.Status.GRANTED);
    assertThat(SALTO.server().requests()).filteredOn(q -> q.route() == FakeRoute.GROUP_USERS && q.status() == 404)
        .as("the group join answered 404 while the guest propagated").isNotEmpty();
    assertThat(hotel.site.pinOpens(r.pin().value(), hotel.alpha, r.from())).isTrue();
  }

  @Test
  void aGrantIsRefused_exactlyWhenARemoteOpenWouldBe_andCreatesNothing() {
    Reservation option = Reservation.builder().id("res-7").objectId("room-101").status("Option")
        .start(inDays(1, 15).toInstant()).end(inDays(2, 11).toInstant()).paymentComplete(true).build();
    Reservation unpaid = Reservation.builder().id("res-8").objectId("room-101").status("Paid")
        .start(inDays(1, 15).toInstant()).end(inDays(2, 11).toInstant()).paymentComplete(false).build();
    assertThat(guests.grant(option).reasons()).extracting(DenialReason::code)
        .containsExactly(DenialReason.Code.STATUS_NOT_ALLOWED);
    assertThat(guests.grant(unpaid).reasons()).extracting(DenialReason::code)
        .containsExactly(DenialReason.Code.PAYMENT_MISSING);
    assertThat(guests.grant(stay("res-9", "room-404", inDays(1, 15), inDays(2, 11))).reasons())
        .extracting(DenialReason::code).containsExactly(DenialReason.Code.OBJECT_NOT_MAPPED);
    assertThat(guests.grant(stay("res-10", "room-101", inDays(-3, 15), inDays(-1, 11))).reasons())
        .extracting(DenialReason::code).containsExactly(DenialReason.Code.TOO_LATE);
    assertThat(hotel.site.users()).isEmpty();
  }

  @Test
  void theTroubleshooter_saysWhyAGuestsPinDoesNotWork() {
    nl.ireserve.saltoks.access.Troubleshooter doctor = access.troubleshooter();
    Reservation r = stay("res-t", "room-101", inDays(2, 15), inDays(3, 11));
    assertThat(failed(doctor.guestPinDoesNotWork(r, guests))).containsExactly("Guest access granted");

    guests.grant(r);
    assertThat(failed(doctor.guestPinDoesNotWork(r, guests))).containsExactly("Window started");

    Duration toInside = Duration.between(CLOCK.instant(), r.start()).plusHours(1);
    CLOCK.advance(toInside);
    try {
      assertThat(failed(doctor.guestPinDoesNotWork(r, guests))).isEmpty();
      GuestGrant g = guests.find("res-t").orElseThrow();
      nl.ireserve.saltoks.SiteClient site = SALTO.site(hotel.site);
      site.accessGroups().removeLock(g.groupId(), hotel.alpha.id());
      site.accessGroups().removeUser(g.groupId(), g.userId());
      site.users().block(g.siteUserId(), true);
      nl.ireserve.saltoks.diagnostics.Report report = doctor.guestPinDoesNotWork(r, guests);
      assertThat(failed(report)).containsExactly("Guest has a seat and may use a PIN",
          "Guest in an access group with a time schedule", "The room's lock in the group");
      assertThat(report.toText()).contains("blocked").contains("Grant again").contains("room changed");
      site.users().block(g.siteUserId(), false);
      hotel.site.suspend("ireserve:res-t", true); // its seat taken away (the subscription shrank)
      nl.ireserve.saltoks.diagnostics.Report suspended = doctor.guestPinDoesNotWork(r, guests);
      assertThat(failed(suspended)).contains("Guest has a seat and may use a PIN");
      assertThat(suspended.toText()).contains("suspended").contains("Free a seat").contains("revoke");
      assertThat(guests.grant(r).status()).as("a grant alone changes nothing").isEqualTo(Result.Status.ALREADY_GRANTED);
      assertThat(guests.revoke("res-t").status()).isEqualTo(Result.Status.REVOKED); // the fix it names
      Result again = guests.grant(r);
      assertThat(again.status()).isEqualTo(Result.Status.GRANTED);
      assertThat(hotel.site.pinOpens(again.pin().value(), hotel.alpha, CLOCK.instant())).isTrue();
      assertThat(failed(doctor.guestPinDoesNotWork(r, guests))).isEmpty();
      CLOCK.advance(Duration.ofDays(1));
      assertThat(failed(doctor.guestPinDoesNotWork(r, guests))).contains("PIN not expired");
    } finally {
      CLOCK.advance(toInside.plusDays(1).negated());
    }
  }

  private static List<String> failed(nl.ireserve.saltoks.diagnostics.Report report) {
    return report.findings().stream().filter(f -> f.status() == nl.ireserve.saltoks.diagnostics.Finding.Status.FAIL)
        .map(nl.ireserve.saltoks.diagnostics.Finding::check).collect(Collectors.toList());
  }

  @Test
  void theTypedOperations_showBothIds_rolesSubscriptionAndBlocking() {
    nl.ireserve.saltoks.SiteClient site = SALTO.site(hotel.site);
    nl.ireserve.saltoks.SiteUser guest = site.users().createGuest("Ms Guest", null);
    assertThat(guest.id()).isNotEqualTo(guest.userId());
    assertThat(guest.roles()).containsExactly("site_guest");
    assertThat(guest.usePin()).isFalse();
    assertThat(site.users().enablePin(guest.id()).usePin()).isTrue();
    assertThat(site.users().block(guest.id(), true).blocked()).isTrue();
    assertThat(site.users().list()).extracting(nl.ireserve.saltoks.SiteUser::id).containsExactly(guest.id());
    assertThat(site.users().roles()).extracting(nl.ireserve.saltoks.Role::code).contains("site_guest");
    assertThat(site.users().subscription().seats()).isEqualTo(100);
    nl.ireserve.saltoks.AccessGroup group = site.accessGroups().create("Spa");
    assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> site.accessGroups().addUser(group.id(), guest.id())))
        .as("a site-user id is not a platform id: 404").isInstanceOf(nl.ireserve.saltoks.exception.SaltoNotFoundException.class);
    site.accessGroups().addUser(group.id(), guest.userId());
    nl.ireserve.saltoks.TimeSchedule stored = site.accessGroups().createSchedule(group.id(),
        nl.ireserve.saltoks.TimeSchedule.stay(java.time.LocalDateTime.of(2027, 1, 1, 14, 0),
            java.time.LocalDateTime.of(2027, 1, 3, 11, 0)));
    assertThat(stored.endTime()).as("SALTO answers the end with seconds").isEqualTo(java.time.LocalTime.of(23, 59, 59));
    site.users().delete(guest.id());
    assertThat(hotel.site.users()).isEmpty();
  }

  /** Every SALTO call of a first grant, in order: a fault there, then the next grant must converge. */
  static final Object[][] STEPS = {
      {FakeRoute.CREATE_GUEST, 0}, {FakeRoute.PATCH_USER, 0}, {FakeRoute.ACCESS_GROUPS, 0}, {FakeRoute.GROUP_LOCKS, 0},
      {FakeRoute.GROUP_LOCKS, 1}, {FakeRoute.TIME_SCHEDULES, 0}, {FakeRoute.TIME_SCHEDULES, 1}, {FakeRoute.GROUP_USERS, 0},
      {FakeRoute.GROUP_USERS, 1}, {FakeRoute.USER_PIN, 0}};

  @Test
  void aFaultAtEveryStep_thenTheNextGrantConverges_withoutOrphansOrDuplicates() throws Exception {
    int n = 0;
    for (Object[] step : STEPS) {
      for (boolean tookEffect : new boolean[] {false, true}) {
        String id = "crash-" + n++;
        Reservation r = stay(id, "room-101", inDays(1, 15), inDays(2, 11));
        SALTO.server().faults().on((FakeRoute) step[0]).skipping((Integer) step[1])
            .next(1, tookEffect ? FakeFault.delay(Duration.ofMillis(2500)) : FakeFault.connectionReset());
        Result broken = guests.grant(r);
        assertThat(broken.status()).as("%s %s", step[0], step[1]).isEqualTo(Result.Status.FAILED);
        assertThat(broken.detail()).contains("grant again");
        // a delayed answer: the fake applied the request before it started waiting, as SALTO would
        SALTO.server().faults().clear();
        Result fixed = guests.grant(r);
        assertThat(fixed.status()).as("%s %s", step[0], step[1]).isEqualTo(Result.Status.GRANTED);
        assertConverged(id, fixed.pin().value(), r);
      }
    }
  }

  @Test
  void aStoreFailureAtEverySave_thenGrantOrRevokeConverges() {
    for (int failAt = 1; failAt <= 5; failAt++) { // the five saves of a grant
      for (boolean thenRevoke : new boolean[] {false, true}) {
        String id = "store-" + failAt + (thenRevoke ? "-revoked" : "");
        Reservation r = stay(id, "room-102", inDays(1, 15), inDays(2, 11));
        FailingStore store = new FailingStore(GuestGrantStore.inMemory(), failAt);
        GuestAccessService flaky = access.guests(store).withPropagationRetry(Duration.ofMillis(20), Duration.ofSeconds(5));
        assertThat(flaky.grant(r).status()).as("save %d fails", failAt).isEqualTo(Result.Status.FAILED);
        if (thenRevoke) {
          assertThat(flaky.revoke(id).status()).isEqualTo(Result.Status.REVOKED);
          assertThat(hotel.site.users()).noneMatch(u -> u.alias().equals("ireserve:" + id));
          assertThat(hotel.site.accessGroups()).doesNotContain("ireserve:" + id);
        } else {
          Result fixed = flaky.grant(r);
          assertThat(fixed.status()).isEqualTo(Result.Status.GRANTED);
          List<FakeUser> mine = hotel.site.users().stream().filter(u -> u.alias().equals("ireserve:" + id))
              .collect(Collectors.toList());
          assertThat(mine).hasSize(1);
          assertThat(hotel.site.pinOpens(fixed.pin().value(), hotel.bravo, r.start())).isTrue();
        }
      }
    }
  }

  @Test
  void aGrantStoreThatIsDown_isAFailedResult_andAMappingOutageDuringAnUpdateKeepsTheGuestsPin() {
    GuestGrantStore down = new FailingStore(GuestGrantStore.inMemory(), 0) {
      @Override
      public Optional<GuestGrant> hold(Site site, GuestGrant fresh, String holder, Instant now, Duration lease) {
        throw new StoreException("injected: the database is down", null);
      }

      @Override
      public Optional<GuestGrant> find(Site site, String reservationId) {
        throw new StoreException("injected: the database is down", null);
      }
    };
    GuestAccessService noDb = access.guests(down);
    Reservation r = stay("res-down", "room-101", inDays(1, 15), inDays(2, 11));
    for (Result res : List.of(noDb.grant(r), noDb.update(r), noDb.revoke("res-down"), noDb.newPin("res-down"))) {
      assertThat(res.status()).isEqualTo(Result.Status.FAILED);
      assertThat(res.detail()).contains("nothing was changed", "grant store could not be used", "try again");
    }
    assertThat(hotel.site.users()).as("nothing created in SALTO").isEmpty();

    // the links' store fails while the reservation is updated: that says nothing about the reservation
    AtomicBoolean linksDown = new AtomicBoolean();
    MappingStore flakyLinks = new MappingStore() {
      private MappingStore real() {
        if (linksDown.get()) {
          throw new StoreException("injected: the links' database is down", null);
        }
        return hotel.mappings;
      }

      @Override
      public Optional<ObjectLockLink> findByObject(String objectId) {
        return real().findByObject(objectId);
      }

      @Override
      public List<ObjectLockLink> findByLock(String lockId) {
        return real().findByLock(lockId);
      }

      @Override
      public List<ObjectLockLink> all() {
        return real().all();
      }

      @Override
      public ObjectLockLink link(ObjectLockLink link) {
        return real().link(link);
      }

      @Override
      public ObjectLockLink relink(ObjectLockLink link) {
        return real().relink(link);
      }

      @Override
      public boolean unlink(String objectId) {
        return real().unlink(objectId);
      }
    };
    GuestAccessService guestsOnFlakyLinks = hotel.service(SALTO, CLOCK).mappings(flakyLinks).build()
        .guests(GuestGrantStore.inMemory()).withPropagationRetry(Duration.ofMillis(20), Duration.ofSeconds(10));
    String pin = guestsOnFlakyLinks.grant(r).pin().value();
    linksDown.set(true);
    Result during = guestsOnFlakyLinks.update(r);
    assertThat(during.status()).isEqualTo(Result.Status.FAILED);
    assertThat(during.reasons()).extracting(DenialReason::code).contains(DenialReason.Code.STORE_UNAVAILABLE);
    assertThat(guestsOnFlakyLinks.find("res-down").orElseThrow().state()).isEqualTo(GuestGrant.State.ACTIVE);
    opensExactlyIn(pin, hotel.alpha, r.start().minus(Duration.ofMinutes(30)), r.end());
    linksDown.set(false);
    assertThat(guestsOnFlakyLinks.update(r).status()).isEqualTo(Result.Status.ALREADY_GRANTED);
  }

  private void assertConverged(String id, String pin, Reservation r) {
    List<FakeUser> mine = hotel.site.users().stream().filter(u -> u.alias().equals("ireserve:" + id))
        .collect(Collectors.toList());
    assertThat(mine).as("one guest for %s", id).hasSize(1);
    assertThat(hotel.site.accessGroups().stream().filter(g -> g.equals("ireserve:" + id))).hasSize(1);
    opensExactlyIn(pin, hotel.alpha, r.start().minus(Duration.ofMinutes(30)), r.end());
    assertThat(guests.find(id).orElseThrow().state()).isEqualTo(GuestGrant.State.ACTIVE);
  }

  @Test
  void aHundredConcurrentGrants_forAHundredReservations_makeAHundredGuests_onPostgres() throws Exception {
    // a client with the default timeouts: this class's short read timeout is for its fault tests
    nl.ireserve.saltoks.SaltoKsClient client = SALTO.server().clientBuilder().build();
    AccessService service = AccessService.builder().site(client.site(SALTO.server().site(hotel.site)))
        .policy(hotel.policy).mappings(hotel.mappings).keys(hotel.keys).recorder(hotel.recorder()).clock(CLOCK).build();
    GuestAccessService shared = service.guests(Stores.of(LocalPostgres.get().newDatabase("guest_grants")).grants())
        .withPropagationRetry(Duration.ofMillis(20), Duration.ofSeconds(10));
    ExecutorService pool = Executors.newFixedThreadPool(32);
    try {
      List<Future<Result>> results = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        Reservation r = stay("many-" + i, i % 2 == 0 ? "room-101" : "room-102", inDays(1, 15), inDays(2, 11));
        results.add(pool.submit(() -> shared.grant(r)));
        if (i % 10 == 0) {
          results.add(pool.submit(() -> shared.grant(r))); // the same reservation twice at once
        }
      }
      AtomicInteger granted = new AtomicInteger();
      List<String> others = new ArrayList<>();
      for (Future<Result> f : results) {
        Result r = f.get(120, TimeUnit.SECONDS);
        if (r.status() == Result.Status.GRANTED) {
          granted.incrementAndGet();
        } else {
          others.add(r.status() + ": " + r.detail());
        }
      }
      assertThat(others).as("the second grant of a reservation finds it granted or in progress")
          .allSatisfy(o -> assertThat(o).containsAnyOf("ALREADY_GRANTED", "another operation for this reservation"));
      assertThat(granted).hasValueGreaterThanOrEqualTo(100);
    } finally {
      pool.shutdownNow();
      client.close();
    }
    Set<String> aliases = hotel.site.users().stream().map(FakeUser::alias).collect(Collectors.toSet());
    assertThat(hotel.site.users()).hasSize(100);
    assertThat(aliases).hasSize(100);
    assertThat(hotel.site.accessGroups()).hasSize(100).doesNotHaveDuplicates();
  }

  /** A grant store whose n-th save fails, as a database that goes away mid-grant. */
  static class FailingStore implements GuestGrantStore {
    private final GuestGrantStore real;
    private final AtomicInteger saves = new AtomicInteger();
    private final int failAt;

    FailingStore(GuestGrantStore real, int failAt) {
      this.real = real;
      this.failAt = failAt;
    }

    @Override
    public Optional<GuestGrant> hold(Site site, GuestGrant fresh, String holder, Instant now, Duration lease) {
      return real.hold(site, fresh, holder, now, lease);
    }

    @Override
    public void save(Site site, GuestGrant grant) {
      if (saves.incrementAndGet() == failAt) {
        throw new StoreException("injected: the database went away", null);
      }
      real.save(site, grant);
    }

    @Override
    public void release(Site site, String reservationId, String holder) {
      real.release(site, reservationId, holder);
    }

    @Override
    public boolean delete(Site site, String reservationId) {
      return real.delete(site, reservationId);
    }

    @Override
    public Optional<GuestGrant> find(Site site, String reservationId) {
      return real.find(site, reservationId);
    }

    @Override
    public List<GuestGrant> endedBefore(Site site, Instant t, int limit) {
      return real.endedBefore(site, t, limit);
    }
  }
}
