package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;

import nl.ireserve.saltoks.access.Settlement;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.Entries.Confirmation;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.OpenOutcome.Status;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Openings whose answer was lost, settled from SALTO's entries by evidence only: opened when the entries
 * show it (recorded, checked in once), not opened only on a site known to log remote openings once the
 * window has passed, and otherwise left unknown. Nothing here ever re-sends a command.
 */
class SettleFromEntriesIT {
  static final FakeClock CLOCK = FakeClock.fixedAt(Hotel.START.plus(Duration.ofMinutes(10)));

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK)
      .clients(b -> b.readTimeout(Duration.ofMillis(1500)).retryPolicy(RetryPolicy.none())); // generous: CI machines are loaded

  Hotel hotel;
  AccessService access;

  @BeforeEach
  void arrange() {
    hotel = new Hotel(SALTO);
    access = hotel.service(SALTO, CLOCK).duplicateWindow(Duration.ofMinutes(30)).build();
  }

  /** A first opening that the entries confirm: the site is then known to log remote openings. */
  private void learnThatTheSiteLogsRemoteOpenings() {
    Reservation r = reservation("res-learn", "room-102");
    assertThat(access.open(r).status()).isEqualTo(Status.OPENED);
    Settlement s = access.settle(r);
    assertThat(s.confirmation().status()).isEqualTo(Confirmation.Status.CONFIRMED);
    assertThat(s.status()).as("a 200 is confirmed, never changed").isEqualTo(Status.OPENED);
  }

  @Test
  void anUnknownOutcomeThatOpened_isSettledAsOpened_checkedInOnce_nothingResent() {
    learnThatTheSiteLogsRemoteOpenings();
    SALTO.server().faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.delay(Duration.ofSeconds(3))); // takes effect; the answer comes after the read timeout
    Reservation r = reservation("res-1", "room-101");
    assertThat(access.open(r).status()).isEqualTo(Status.UNKNOWN);
    int commands = SALTO.server().requestCount(FakeRoute.OPEN_LOCK);
    assertThat(SALTO.server().openings()).hasSize(2);

    Settlement first = access.settle(r);
    Settlement again = access.settle(r);
    CLOCK.advance(Duration.ofMinutes(5));
    Settlement later = access.settle(r);

    assertThat(first.status()).isEqualTo(Status.OPENED);
    assertThat(first.confirmation().status()).isEqualTo(Confirmation.Status.CONFIRMED);
    assertThat(first.explanation()).startsWith("Settled as opened from the entries");
    assertThat(again.status()).isEqualTo(Status.OPENED);
    assertThat(later.status()).isEqualTo(Status.OPENED);
    assertThat(hotel.recorded).filteredOn(w -> w.startsWith("res-1:status=")).hasSize(1);
    assertThat(SALTO.server().requestCount(FakeRoute.OPEN_LOCK)).as("no command re-sent").isEqualTo(commands);
    assertThat(access.journal().forReservation("res-1")).extracting(a -> a.status()).containsExactly(Status.OPENED);
    assertThat(access.open(r).status()).as("the next tap knows it opened").isEqualTo(Status.ALREADY_OPENED);
  }

  /**
   * Two instances settle one unknown opening at the same moment: this one has read the journal (still
   * unknown) when the other settles it. This one then neither records nor reports it: it says the opening
   * was settled already (the other instance, in its own process, recorded and reported it).
   */
  @Test
  void aSettlementThatAnotherInstanceWins_isNeitherRecordedNorReportedHere() {
    AccessGuards shared = AccessGuards.inMemory(); // the database both instances share
    AccessGuards otherWinsFirst = (AccessGuards) Proxy.newProxyInstance(AccessGuards.class.getClassLoader(),
        new Class<?>[] {AccessGuards.class}, (proxy, method, args) -> {
          if (method.getName().equals("settleUnknown")) { // the other instance's conditional settle lands first
            assertThat(shared.settleUnknown((nl.ireserve.saltoks.Site) args[0], (AccessGuards.Attempt) args[1])).isTrue();
          }
          try {
            return method.invoke(shared, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
    access = hotel.service(SALTO, CLOCK).guards(otherWinsFirst).duplicateWindow(Duration.ofMinutes(30)).build();
    learnThatTheSiteLogsRemoteOpenings();
    SALTO.server().faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.delay(Duration.ofSeconds(3))); // opens; answer lost
    Reservation r = reservation("res-race", "room-101");
    assertThat(access.open(r).status()).isEqualTo(Status.UNKNOWN);

    Settlement here = access.settle(r);

    assertThat(here.explanation()).startsWith("Settled already, by another instance or call");
    assertThat(here.confirmation().status()).isEqualTo(Confirmation.Status.CONFIRMED);
    assertThat(here.status()).isEqualTo(Status.OPENED);
    assertThat(hotel.events).filteredOn(e -> e.reservationId().equals("res-race") && e.outcome() == Status.OPENED)
        .as("not reported here").isEmpty();
    assertThat(hotel.recorded).as("not recorded here").noneMatch(w -> w.startsWith("res-race:"));
    assertThat(access.journal().forReservation("res-race")).extracting(x -> x.status()).containsExactly(Status.OPENED);
    assertThat(access.settle(r).status()).as("a later look").isEqualTo(Status.OPENED);
  }

  @Test
  void anUnknownOutcomeThatDidNotOpen_staysUnknownInTheWindow_thenIsSettledAsNotOpened_andTheGuestMayTryAgain() {
    learnThatTheSiteLogsRemoteOpenings();
    SALTO.server().faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.status(502)); // never took effect
    Reservation r = reservation("res-2", "room-101");
    assertThat(access.open(r).status()).isEqualTo(Status.UNKNOWN);
    int commands = SALTO.server().requestCount(FakeRoute.OPEN_LOCK);

    Settlement early = access.settle(r);
    assertThat(early.confirmation().status()).isEqualTo(Confirmation.Status.LOOKING);
    assertThat(early.status()).as("not seen yet is never a reason").isEqualTo(Status.UNKNOWN);
    assertThat(access.open(r).status()).as("still unknown: nothing sent").isEqualTo(Status.UNKNOWN);

    CLOCK.advance(Duration.ofMinutes(3).plusSeconds(1));
    Settlement settled = access.settle(r);

    assertThat(settled.confirmation().status()).isEqualTo(Confirmation.Status.NOT_SEEN);
    assertThat(settled.status()).isEqualTo(Status.FAILED);
    assertThat(settled.explanation()).contains("the guest may try again");
    assertThat(SALTO.server().requestCount(FakeRoute.OPEN_LOCK)).as("no command re-sent").isEqualTo(commands);
    assertThat(hotel.recorded).noneMatch(w -> w.startsWith("res-2:"));
    assertThat(access.journal().forReservation("res-2").get(0).reasons()).containsExactly(DenialReason.Code.NOT_OPENED);
    assertThat(hotel.events).filteredOn(e -> e.reservationId().equals("res-2") && e.outcome() == Status.FAILED)
        .hasSize(1);

    OpenOutcome retry = access.open(r); // within the 30-minute duplicate window: the released claim lets it go
    assertThat(retry.status()).isEqualTo(Status.OPENED);
    assertThat(hotel.recorded).filteredOn(w -> w.startsWith("res-2:status=")).hasSize(1);
  }

  @Test
  void onASiteThatNeverLogsRemoteOpenings_anUnknownOutcomeStaysUnknown_andNothingIsResent() {
    hotel.site.logsRemoteOpenings(false);
    Reservation opened = reservation("res-3", "room-101");
    assertThat(access.open(opened).status()).isEqualTo(Status.OPENED);
    assertThat(access.settle(opened).status()).isEqualTo(Status.OPENED); // confirmed? no: nothing learned
    SALTO.server().faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.status(502));
    Reservation r = reservation("res-4", "room-102");
    assertThat(access.open(r).status()).isEqualTo(Status.UNKNOWN);
    int commands = SALTO.server().requestCount(FakeRoute.OPEN_LOCK);
    CLOCK.advance(Duration.ofMinutes(4));

    Settlement s = access.settle(r);

    assertThat(s.confirmation().status()).isEqualTo(Confirmation.Status.UNCONFIRMABLE);
    assertThat(s.status()).isEqualTo(Status.UNKNOWN);
    assertThat(s.explanation()).contains("never shown one there").contains("stays unknown");
    assertThat(access.open(r).status()).as("still within the duplicate window: unknown").isEqualTo(Status.UNKNOWN);
    assertThat(SALTO.server().requestCount(FakeRoute.OPEN_LOCK)).isEqualTo(commands);
    assertThat(hotel.recorded).noneMatch(w -> w.startsWith("res-4:"));
  }

  @Test
  void confirm_looksInTheBackground_untilAnEntryEightySecondsLateArrives() throws Exception {
    hotel.site.entryLag(Duration.ofSeconds(80));
    AccessService polling = hotel.service(SALTO, CLOCK)
        .confirmationLooks(Duration.ofMillis(20), Duration.ofMillis(50)).build();
    Reservation r = reservation("res-5", "room-101");
    assertThat(polling.open(r).status()).isEqualTo(Status.OPENED);

    int looksBefore = SALTO.server().requestCount(FakeRoute.LIST_ENTRIES);
    CompletableFuture<Settlement> confirmed = polling.confirm(r);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (SALTO.server().requestCount(FakeRoute.LIST_ENTRIES) < looksBefore + 3) { // three looks: none sees it yet
      assertThat(System.nanoTime()).as("three looks within 10 s").isLessThan(deadline);
      Thread.onSpinWait();
    }
    assertThat(confirmed).isNotDone();
    CLOCK.advance(Duration.ofSeconds(81));

    Settlement s = confirmed.get(30, TimeUnit.SECONDS);
    assertThat(s.confirmation().status()).isEqualTo(Confirmation.Status.CONFIRMED);
    assertThat(s.confirmation().delay()).hasValue(Duration.ZERO);
    assertThat(SALTO.server().requestCount(FakeRoute.LIST_ENTRIES)).isGreaterThan(2);
  }

  /**
   * Room 101 and Room 102 share an entrance lock. Room 101's open gets a 502 (nothing happened: unknown);
   * five seconds later Room 102 opens the same lock by the same service account. The entry of Room 102's
   * opening is no evidence for Room 101's: it stays unknown, nothing is recorded or checked in for it, and
   * the guest's next tap is not told the door opened. (An attack that broke the "by evidence only" promise.)
   */
  @Test
  void anotherReservationsOpeningOfASharedLock_neverSettlesThisOnesUnknownOutcome() {
    learnThatTheSiteLogsRemoteOpenings();
    var entrance = hotel.site.addLock("Entrance", hotel.iq);
    hotel.mapping.link("entrance-101", "Entrance (Room 101)", entrance.id());
    hotel.mapping.link("entrance-102", "Entrance (Room 102)", entrance.id());
    SALTO.server().faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.status(502)); // nothing happened; unknown
    Reservation room101 = reservation("res-101", "entrance-101");
    Reservation room102 = reservation("res-102", "entrance-102");
    assertThat(access.open(room101).status()).isEqualTo(Status.UNKNOWN);
    CLOCK.advance(Duration.ofSeconds(5));
    assertThat(access.open(room102).status()).isEqualTo(Status.OPENED);
    int recordedBefore = hotel.recorded.size();

    Settlement s = access.settle(room101);

    assertThat(s.confirmation().status()).as("the entries do show a remote opening of the lock")
        .isEqualTo(Confirmation.Status.CONFIRMED);
    assertThat(s.status()).as("but it is not this one's").isEqualTo(Status.UNKNOWN);
    assertThat(s.explanation()).contains("res-102").contains("no evidence");
    assertThat(hotel.recorded).as("no last-open, no check-in for Room 101").hasSize(recordedBefore);
    assertThat(access.journal().forReservation("res-101")).extracting(a -> a.status()).containsExactly(Status.UNKNOWN);
    assertThat(access.open(room101).status()).as("the next tap is not told it opened").isEqualTo(Status.UNKNOWN);
    CLOCK.advance(Duration.ofMinutes(5));
    assertThat(access.settle(room101).status()).as("after the window").isEqualTo(Status.UNKNOWN);
  }

  /** Two remote openings of the lock by the service account in the window: ambiguous, never settled. */
  @Test
  void anAmbiguousMatch_neverSettles() {
    learnThatTheSiteLogsRemoteOpenings();
    SALTO.server().faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.delay(Duration.ofSeconds(3))); // opens; answer lost
    Reservation r = reservation("res-amb", "room-101");
    assertThat(access.open(r).status()).isEqualTo(Status.UNKNOWN);
    hotel.site.addEntry(hotel.alpha, "lock_opened", "remote", CLOCK.instant().minusSeconds(1),
        hotel.site.serviceUserId()); // the same account opened it again, from the KS web app
    SALTO.server().faults().clear();

    Settlement s = access.settle(r);

    assertThat(s.status()).isEqualTo(Status.UNKNOWN);
    assertThat(hotel.recorded).noneMatch(w -> w.startsWith("res-amb:"));
  }

  private static Reservation reservation(String id, String object) {
    return Reservation.builder().id(id).objectId(object).status("Paid").start(Hotel.START).end(Hotel.END)
        .paymentComplete(true).timeZone(Hotel.ZONE).build();
  }
}
