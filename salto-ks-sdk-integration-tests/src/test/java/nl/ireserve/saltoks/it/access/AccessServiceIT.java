package nl.ireserve.saltoks.it.access;

import static nl.ireserve.saltoks.access.DenialReason.Code.IQ_NOT_ACTIVATED;
import static nl.ireserve.saltoks.access.DenialReason.Code.LOCK_OFFLINE;
import static nl.ireserve.saltoks.access.DenialReason.Code.OBJECT_NOT_MAPPED;
import static nl.ireserve.saltoks.access.DenialReason.Code.OTP_REFUSED;
import static nl.ireserve.saltoks.access.DenialReason.Code.PAYMENT_MISSING;
import static nl.ireserve.saltoks.access.DenialReason.Code.STATUS_NOT_ALLOWED;
import static nl.ireserve.saltoks.access.DenialReason.Code.THROTTLED;
import static nl.ireserve.saltoks.access.DenialReason.Code.TOO_EARLY;
import static nl.ireserve.saltoks.access.DenialReason.Code.TOO_LATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.access.AccessEvent;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.OpenOutcome.Status;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.access.ReservationRecorder;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeOpening;
import nl.ireserve.saltoks.testkit.FakeRoute;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccessServiceIT {
  static final FakeClock CLOCK = FakeClock.fixedAt(Hotel.START.minus(Duration.ofMinutes(10)));

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK)
      .clients(b -> b.readTimeout(Duration.ofMillis(1500)).retryPolicy(RetryPolicy.none()));

  Hotel hotel;
  AccessService access;

  @BeforeEach
  void arrange() {
    hotel = new Hotel(SALTO);
    access = hotel.service(SALTO, CLOCK).build();
    SALTO.server().clearHistory();
  }

  /** Nothing reached SALTO, and the audit trail got one DENIED event with the reasons. */
  private void assertNothingSentToSalto() {
    assertThat(SALTO.server().openings()).isEmpty();
    assertThat(SALTO.server().requestCount(FakeRoute.OPEN_LOCK)).isZero();
    assertThat(SALTO.server().receivedOtps()).isEmpty();
    assertThat(hotel.events).last().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Status.DENIED);
      assertThat(e.reasons()).isNotEmpty();
    });
  }

  @Test
  void confirmedReservation_opensLockAlpha_andIsRecordedAndCheckedIn() {
    OpenOutcome o = access.open(Hotel.room101("Confirmed"));
    assertThat(o.status()).isEqualTo(Status.OPENED);
    assertThat(o.lockName()).isEqualTo("Lock Alpha");
    assertThat(SALTO.server().openings()).extracting(FakeOpening::lockName).containsExactly("Lock Alpha");
    assertThat(hotel.recorded).containsExactly(
        "res-1:Reservation changed 01=" + CLOCK.instant(), "res-1:status=23-LOCKOPOPEN");
    assertThat(hotel.events).singleElement().satisfies(e -> {
      assertThat(e.outcome()).isEqualTo(Status.OPENED);
      assertThat(e.lockName()).isEqualTo("Lock Alpha");
      assertThat(e.objectId()).isEqualTo("room-101");
    });
  }

  @Test
  void statusNotAllowed_isDenied_nothingSent() {
    OpenOutcome o = access.open(Hotel.room101("Option"));
    assertThat(o.status()).isEqualTo(Status.DENIED);
    assertThat(o.decision().codes()).containsExactly(STATUS_NOT_ALLOWED);
    assertNothingSentToSalto();
    assertThat(hotel.events).extracting(AccessEvent::outcome).containsExactly(Status.DENIED);
  }

  @Test
  void objectNotMapped_isDenied_nothingSent() {
    Reservation r = Reservation.builder().id("res-9").objectId("room-999").status("Paid").start(Hotel.START).end(Hotel.END).paymentComplete(true).timeZone(Hotel.ZONE).build();
    OpenOutcome o = access.open(r);
    assertThat(o.decision().codes()).containsExactly(OBJECT_NOT_MAPPED);
    assertThat(o.lockId()).isNull();
    assertNothingSentToSalto();
  }

  @Test
  void tooEarly_isDeniedWithOpensAt_nothingSent() {
    Reservation r = Reservation.builder().id("res-2").objectId("room-101").status("Paid").start(Hotel.START.plus(Duration.ofHours(2))).end(Hotel.END.plus(Duration.ofHours(2))).paymentComplete(true).timeZone(Hotel.ZONE).build();
    OpenOutcome o = access.open(r);
    assertThat(o.decision().codes()).containsExactly(TOO_EARLY);
    assertThat(o.decision().reason(TOO_EARLY).orElseThrow().at())
        .isEqualTo(Hotel.START.plus(Duration.ofHours(2)).minus(Duration.ofMinutes(30)));
    assertThat(o.decision().reason(TOO_EARLY).orElseThrow().message()).contains("CET");
    assertNothingSentToSalto();
  }

  @Test
  void tooLate_isDenied_nothingSent() {
    Reservation r = Reservation.builder().id("res-3").objectId("room-101").status("Paid").start(Hotel.START.minus(Duration.ofDays(2))).end(Hotel.START.minus(Duration.ofDays(1))).paymentComplete(true).timeZone(Hotel.ZONE).build();
    assertThat(access.open(r).decision().codes()).containsExactly(TOO_LATE);
    assertNothingSentToSalto();
  }

  @Test
  void paymentMissing_isDenied_nothingSent() {
    Reservation r = Reservation.builder().id("res-4").objectId("room-101").status("Confirmed").start(Hotel.START).end(Hotel.END).timeZone(Hotel.ZONE).build();
    assertThat(access.open(r).decision().codes()).containsExactly(PAYMENT_MISSING);
    assertNothingSentToSalto();
  }

  @Test
  void noIqKey_isDeniedAsIqNotActivated_nothingSent() {
    hotel.keys.delete(hotel.iq.id());
    OpenOutcome o = access.open(Hotel.room101("Paid"));
    assertThat(o.decision().codes()).containsExactly(IQ_NOT_ACTIVATED);
    assertThat(o.reasons().get(0).fix()).contains("manual 1.4");
    assertNothingSentToSalto();
  }

  @Test
  void lockOffline_isDenied_nothingSent() {
    hotel.alpha.online(false);
    assertThat(access.open(Hotel.room101("Paid")).decision().codes()).containsExactly(LOCK_OFFLINE);
    assertNothingSentToSalto();
  }

  @Test
  void everyReason_atOnce() {
    hotel.keys.delete(hotel.iq.id());
    Reservation r = Reservation.builder().id("res-5").objectId("room-101").status("Option").start(Hotel.START.plus(Duration.ofDays(1))).end(Hotel.END.plus(Duration.ofDays(1))).timeZone(Hotel.ZONE).build();
    assertThat(access.open(r).decision().codes())
        .containsExactlyInAnyOrder(STATUS_NOT_ALLOWED, TOO_EARLY, PAYMENT_MISSING, IQ_NOT_ACTIVATED);
    assertNothingSentToSalto();
  }

  @Test
  void recorderFailsAfterOpening_outcomeSaysSo_eventDelivered_retryDoesNotReopen() {
    AccessService failing = hotel.service(SALTO, CLOCK).recorder(new ReservationRecorder() {
      @Override public void recordLastOpen(Reservation r, String field, Instant at) {
        throw new IllegalStateException("i-Reserve database unavailable");
      }
      @Override public void setStatus(Reservation r, String s) { }
    }).build();
    OpenOutcome o = failing.open(Hotel.room101("Paid"));
    assertThat(o.status()).isEqualTo(Status.OPENED_RECORDING_FAILED);
    assertThat(o.opened()).isTrue();
    assertThat(o.detail()).satisfies(d -> assertThat(d).contains("recorder failed"));
    assertThat(hotel.events).extracting(AccessEvent::outcome).containsExactly(Status.OPENED_RECORDING_FAILED);
    assertThat(failing.open(Hotel.room101("Paid")).status()).isEqualTo(Status.ALREADY_OPENED);
    assertThat(SALTO.server().openings()).hasSize(1);
  }

  @Test
  void tappingOpenAgain_withinTheWindow_sendsNothing_statusSetOnce_lastOpenRecordedPerOpening() {
    Reservation r = Hotel.room101("Paid");
    assertThat(access.open(r).status()).isEqualTo(Status.OPENED);
    assertThat(access.open(r).status()).isEqualTo(Status.ALREADY_OPENED);
    assertThat(access.open(r.withStatus("23-LOCKOPOPEN")).status()).isEqualTo(Status.ALREADY_OPENED);
    assertThat(SALTO.server().openings()).hasSize(1);
    CLOCK.advance(Duration.ofSeconds(11));
    assertThat(access.open(r.withStatus("23-LOCKOPOPEN")).status()).isEqualTo(Status.OPENED);
    CLOCK.advance(Duration.ofSeconds(11));
    assertThat(access.open(r).status()).isEqualTo(Status.OPENED); // host still passes the old status
    assertThat(SALTO.server().openings()).hasSize(3);
    assertThat(hotel.recorded.stream().filter(s -> s.contains("status="))).containsExactly("res-1:status=23-LOCKOPOPEN");
    assertThat(hotel.recorded.stream().filter(s -> s.contains("Reservation changed 01"))).hasSize(3);
    assertThat(hotel.events).extracting(AccessEvent::outcome).containsExactly(Status.OPENED,
        Status.ALREADY_OPENED, Status.ALREADY_OPENED, Status.OPENED, Status.OPENED);
  }

  @Test
  void concurrentTaps_sendExactlyOneCommand() throws Exception {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    java.util.List<java.util.concurrent.Future<OpenOutcome>> f = new java.util.ArrayList<>();
    for (int i = 0; i < 8; i++) {
      f.add(pool.submit(() -> access.open(Hotel.room101("Paid"))));
    }
    int opened = 0;
    for (java.util.concurrent.Future<OpenOutcome> x : f) {
      opened += x.get().opened() ? 1 : 0;
    }
    pool.shutdown();
    assertThat(opened).isEqualTo(1);
    assertThat(SALTO.server().openings()).hasSize(1);
  }

  @Test
  void floodOnOneLock_isThrottledLocally() {
    AccessService strict = hotel.service(SALTO, CLOCK).maxOpensPerLockPerMinute(3).build();
    for (int i = 0; i < 3; i++) {
      Reservation r = Reservation.builder().id("res-f" + i).objectId("room-101").status("Paid").start(Hotel.START).end(Hotel.END).paymentComplete(true).timeZone(Hotel.ZONE).build();
      assertThat(strict.open(r).status()).isEqualTo(Status.OPENED);
    }
    OpenOutcome fourth = strict.open(Reservation.builder().id("res-f3").objectId("room-101").status("Paid").start(Hotel.START).end(Hotel.END).paymentComplete(true).timeZone(Hotel.ZONE).build());
    assertThat(fourth.decision().codes()).containsExactly(THROTTLED);
    assertThat(SALTO.server().openings()).hasSize(3);
    CLOCK.advance(Duration.ofSeconds(61));
    assertThat(strict.open(Reservation.builder().id("res-f3").objectId("room-101").status("Paid").start(Hotel.START).end(Hotel.END).paymentComplete(true).timeZone(Hotel.ZONE).build()).opened()).isTrue();
  }

  @Test
  void wrongKey_failsWithOtpRefused_andTheNextTryIsRefusedLocally() {
    hotel.iq.rotateSecret();
    OpenOutcome first = access.open(Hotel.room101("Paid"));
    assertThat(first.status()).isEqualTo(Status.FAILED);
    assertThat(first.decision().codes()).containsExactly(OTP_REFUSED);
    OpenOutcome second = access.open(Hotel.room101("Paid"));
    assertThat(second.status()).isEqualTo(Status.FAILED);
    assertThat(hotel.iq.otpAttempts()).isEqualTo(1);
    assertThat(SALTO.server().openings()).isEmpty();
    assertThat(hotel.recorded).isEmpty();
  }

  @Test
  void noAnswerToTheOpen_isUnknown_neverReSent() {
    access.check(Hotel.room101("Paid")); // warm the lock cache and the token
    SALTO.server().faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.delay(Duration.ofSeconds(3)));
    OpenOutcome o = access.open(Hotel.room101("Paid"));
    assertThat(o.status()).isEqualTo(Status.UNKNOWN);
    assertThat(o.detail()).satisfies(d -> assertThat(d).contains("not sent again"));
    OpenOutcome again = access.open(Hotel.room101("Paid")); // never "already opened": nobody knows that
    assertThat(again.status()).isEqualTo(Status.UNKNOWN);
    assertThat(again.detail()).contains("got no answer, so the door may have opened; nothing was sent again");
    assertThat(SALTO.server().requestCount(FakeRoute.OPEN_LOCK)).isEqualTo(1);
    assertThat(access.journal().forReservation("res-1")).extracting(AccessGuards.Attempt::status)
        .containsExactly(Status.UNKNOWN, Status.UNKNOWN);
    assertThat(access.journal().forReservation("res-1").get(0).sentAt()).isNotNull();
    assertThat(access.journal().forReservation("res-1").get(1).sentAt()).isNull();
    assertThat(hotel.recorded).isEmpty();
  }

  @Test
  void check_decidesWithoutOpening() {
    assertThat(access.check(Hotel.room101("Paid")).granted()).isTrue();
    assertThat(SALTO.server().requestCount(FakeRoute.OPEN_LOCK)).isZero();
    assertThat(SALTO.server().receivedOtps()).isEmpty();
    assertThat(hotel.events).as("a check is not an attempt: no audit event").isEmpty();
  }

  @Test
  void build_refusesAPolicyThatWritesWithoutARecorder_namingTheSetting() {
    AccessPolicy writesLastOpen = AccessPolicy.builder().allowedStatuses("Paid").lastOpenField("Changed 01").build();
    assertThatThrownBy(() -> AccessService.builder().site(hotel.ref).policy(writesLastOpen)
        .mappings(hotel.mappings).keys(hotel.keys).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("recorder is missing").hasMessageContaining("lastOpenField (\"Changed 01\")");
    AccessPolicy checksIn = AccessPolicy.builder().allowedStatuses("Paid", "In").statusAfterOpening("In").build();
    assertThatThrownBy(() -> AccessService.builder().site(hotel.ref).policy(checksIn)
        .mappings(hotel.mappings).keys(hotel.keys).build())
        .hasMessageContaining("statusAfterOpening (\"In\")");
    AccessPolicy writesNothing = AccessPolicy.builder().allowedStatuses("Paid").build();
    assertThat(AccessService.builder().site(hotel.ref).policy(writesNothing)
        .mappings(hotel.mappings).keys(hotel.keys).build().policy()).isEqualTo(writesNothing);
  }

  /** A mapping store whose database is down: every call fails. */
  private static MappingStore failing() {
    return new MappingStore() {
      private StoreException down() {
        return new StoreException("the database is down (connection refused)", null);
      }

      @Override public java.util.Optional<ObjectLockLink> findByObject(String objectId) { throw down(); }
      @Override public java.util.List<ObjectLockLink> findByLock(String lockId) { throw down(); }
      @Override public java.util.List<ObjectLockLink> all() { throw down(); }
      @Override public ObjectLockLink link(ObjectLockLink link) { throw down(); }
      @Override public ObjectLockLink relink(ObjectLockLink link) { throw down(); }
      @Override public boolean unlink(String objectId) { throw down(); }
    };
  }

  @Test
  void storeDown_failsClosed_withAnEventForTheAttempt_andNothingSent() {
    AccessService withDeadStore = hotel.service(SALTO, CLOCK).mappings(failing()).build();
    OpenOutcome o = withDeadStore.open(Hotel.room101("Paid"));
    assertThat(o.status()).isEqualTo(Status.DENIED);
    assertThat(o.decision().codes()).contains(DenialReason.Code.STORE_UNAVAILABLE);
    assertNothingSentToSalto();
    assertThat(withDeadStore.troubleshooter().doorWontOpen(Hotel.room101("Paid")).findings())
        .anySatisfy(f -> assertThat(f.evidence()).contains("the mapping store could not be used"));

    IqKeyStore deadKeys = new IqKeyStore() {
      @Override public java.util.Optional<IqKey> find(String iqId) { throw new StoreException("down", null); }
      @Override public void save(IqKey key) { throw new StoreException("down", null); }
      @Override public void savePending(PendingActivation pending) { throw new StoreException("down", null); }
      @Override public java.util.Optional<PendingActivation> findPending(String iqId) {
        throw new StoreException("down", null);
      }
      @Override public boolean delete(String iqId) { throw new StoreException("down", null); }
      @Override public java.util.List<String> iqIds() { throw new StoreException("down", null); }
    };
    OpenOutcome noKeys = hotel.service(SALTO, CLOCK).keys(deadKeys).build().open(Hotel.room101("Paid"));
    assertThat(noKeys.decision().codes()).contains(DenialReason.Code.STORE_UNAVAILABLE);
    assertNothingSentToSalto();
  }

  @Test
  void aStoreAnsweringForAnotherObject_neverOpensThatObjectsDoor() {
    MappingStore lossy = MappingStore.inMemory();
    // as a store with a lossy character set would: two ids land on one row, the other guest's
    lossy.link(new ObjectLockLink("room-102", "Room 102", hotel.alpha.id(), "Lock Alpha", Instant.EPOCH));
    MappingStore answersForAnother = new MappingStore() {
      @Override public java.util.Optional<ObjectLockLink> findByObject(String objectId) {
        return lossy.findByObject("room-102");
      }
      @Override public java.util.List<ObjectLockLink> findByLock(String lockId) { return lossy.findByLock(lockId); }
      @Override public java.util.List<ObjectLockLink> all() { return lossy.all(); }
      @Override public ObjectLockLink link(ObjectLockLink link) { return lossy.link(link); }
      @Override public ObjectLockLink relink(ObjectLockLink link) { return lossy.relink(link); }
      @Override public boolean unlink(String objectId) { return lossy.unlink(objectId); }
    };
    OpenOutcome o = hotel.service(SALTO, CLOCK).mappings(answersForAnother).build().open(Hotel.room101("Paid"));
    assertThat(o.status()).isEqualTo(Status.DENIED);
    assertThat(o.reasons()).anySatisfy(r -> assertThat(r.message()).contains("link of another object"));
    assertNothingSentToSalto();
  }
}
