package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.GuestAccessService.Result;
import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.access.GuestGrantStore;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.RecordedRequest;
import nl.ireserve.saltoks.testkit.FakeRoute;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Guest access against a fake as strict as SALTO's OpenAPI document (salto-ks-api.md §10): request bodies
 * without nulls or unknown fields, member lists in the documented shape, a room change that takes the old
 * door away, lists that lag behind writes, a lock without a keypad, and a PIN that expires at the stay's end
 * (not at midnight) across both DST changes.
 */
class GuestFidelityIT {
  static final FakeClock CLOCK = FakeClock.ticking();

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK)
      .clients(b -> b.readTimeout(Duration.ofMillis(1500)).retryPolicy(RetryPolicy.none()));

  Hotel hotel;
  AccessService access;
  GuestAccessService guests;

  /**
   * The documented request schemas, field by field (read from the document by hand, not from the fake):
   * what a body may name.
   */
  static final Map<FakeRoute, Set<String>> DOCUMENTED = Map.of(
      FakeRoute.CREATE_GUEST, Set.of("alias", "expires_at"),
      FakeRoute.PATCH_USER, Set.of("first_name", "last_name", "email", "role_ids", "alias", "tag_id",
          "toggle_easy_office_mode", "toggle_manual_office_mode", "blocked", "override_privacy_mode", "use_pin"),
      FakeRoute.USER_PIN, Set.of("expiry_date"),
      FakeRoute.ACCESS_GROUPS, Set.of("customer_reference"),
      FakeRoute.GROUP_LOCKS, Set.of("lock_id"),
      FakeRoute.GROUP_USERS, Set.of("user_id"),
      FakeRoute.TIME_SCHEDULES, Set.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
          "start_time", "end_time", "start_date", "end_date"),
      FakeRoute.OPEN_LOCK, Set.of("locked_state", "otp"));

  @BeforeEach
  void arrange() {
    hotel = new Hotel(SALTO);
    access = hotel.service(SALTO, CLOCK).build();
    guests = access.guests(GuestGrantStore.inMemory()).withPropagationRetry(Duration.ofMillis(20), Duration.ofSeconds(10));
  }

  private ZonedDateTime inDays(int days, int hour) {
    return CLOCK.instant().atZone(Hotel.ZONE).plusDays(days).withHour(hour).withMinute(0).withSecond(0).withNano(0);
  }

  @Test
  void everyWriteOfAGuestsLife_carriesOnlyDocumentedFields_andNoNull() {
    Reservation r = GuestAccessIT.stay("res-w", "room-101", inDays(2, 15), inDays(4, 11));
    assertThat(guests.grant(r).status()).isEqualTo(Result.Status.GRANTED);
    assertThat(guests.update(GuestAccessIT.stay("res-w", "room-102", inDays(3, 15), inDays(6, 11))).status())
        .isEqualTo(Result.Status.UPDATED);
    assertThat(guests.newPin("res-w").status()).isEqualTo(Result.Status.GRANTED);
    assertThat(guests.revoke("res-w").status()).isEqualTo(Result.Status.REVOKED);
    String someone = hotel.ref.users().createGuest("ireserve:x", null).id();
    hotel.ref.users().block(someone, true);
    hotel.ref.users().enablePin(someone);
    Reservation now = Reservation.builder().id("res-now").objectId("room-101").status("Paid")
        .start(CLOCK.instant().minus(Duration.ofHours(1))).end(CLOCK.instant().plus(Duration.ofHours(5)))
        .paymentComplete(true).timeZone(Hotel.ZONE).build();
    assertThat(access.open(now).status()).isEqualTo(nl.ireserve.saltoks.access.OpenOutcome.Status.OPENED);

    List<RecordedRequest> writes = SALTO.server().requests().stream()
        .filter(q -> q.bodyOutline() != null).collect(Collectors.toList());
    assertThat(writes).extracting(RecordedRequest::route)
        .contains(FakeRoute.CREATE_GUEST, FakeRoute.PATCH_USER, FakeRoute.USER_PIN, FakeRoute.ACCESS_GROUPS, FakeRoute.GROUP_LOCKS,
            FakeRoute.GROUP_USERS, FakeRoute.TIME_SCHEDULES, FakeRoute.OPEN_LOCK);
    for (RecordedRequest w : writes) {
      assertThat(w.status()).as("%s %s %s", w.method(), w.route(), w.bodyOutline()).isBetween(200, 299);
      assertThat(w.bodyOutline()).as("%s %s", w.method(), w.route()).doesNotContain(":null");
      Set<String> named = fields(w.bodyOutline());
      assertThat(DOCUMENTED.get(w.route())).as("documented fields of %s %s", w.method(), w.route()).isNotNull();
      assertThat(named).as("%s %s names only documented fields", w.method(), w.route())
          .isSubsetOf(DOCUMENTED.get(w.route()));
    }
    assertThat(writes.stream().filter(w -> w.route() == FakeRoute.PATCH_USER).map(RecordedRequest::bodyOutline))
        .as("block sends blocked alone; enabling a PIN sends use_pin alone")
        .contains("{\"blocked\":boolean}", "{\"use_pin\":boolean}");
    assertThat(writes.stream().filter(w -> w.route() == FakeRoute.TIME_SCHEDULES).map(RecordedRequest::bodyOutline))
        .allSatisfy(o -> assertThat(fields(o)).doesNotContain("id"));
  }

  private static Set<String> fields(String outline) {
    return java.util.regex.Pattern.compile("\"([a-z_]+)\":").matcher(outline).results().map(m -> m.group(1))
        .collect(Collectors.toSet());
  }

  @Test
  void aRoomChange_opensOnlyTheNewRoomsLock_andTheGroupHoldsOneLock() {
    Reservation r = GuestAccessIT.stay("res-move", "room-101", inDays(2, 15), inDays(4, 11));
    String pin = guests.grant(r).pin().value();
    Reservation moved = GuestAccessIT.stay("res-move", "room-102", inDays(2, 15), inDays(4, 11));

    Result updated = guests.update(moved);

    assertThat(updated.status()).isEqualTo(Result.Status.UPDATED);
    Instant inside = r.start().plus(Duration.ofHours(1));
    assertThat(hotel.site.pinOpens(pin, hotel.bravo, inside)).as("the new room's door, at its keypad").isTrue();
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, inside)).as("the old room's door").isFalse();
    String group = guests.find("res-move").orElseThrow().groupId();
    assertThat(hotel.ref.accessGroups().locks(group)).containsExactly(hotel.bravo.id());
  }

  @Test
  void withListsThatLagBehindWrites_aRoomChangeStillTakesTheOldDoor_andRevokeDeletesByRecordedId() {
    hotel.site.listLag(Duration.ofHours(1)); // nothing written in the last hour shows in a list
    Reservation r = GuestAccessIT.stay("res-lag", "room-101", inDays(2, 15), inDays(4, 11));
    String pin = guests.grant(r).pin().value();

    Result moved = guests.update(GuestAccessIT.stay("res-lag", "room-102", inDays(2, 15), inDays(4, 11)));

    assertThat(moved.status()).isEqualTo(Result.Status.UPDATED);
    Instant inside = r.start().plus(Duration.ofHours(1));
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, inside)).as("the old door, though the list hid it").isFalse();
    assertThat(hotel.site.pinOpens(pin, hotel.bravo, inside)).isTrue();
    assertThat(hotel.site.accessGroups()).as("no second group").hasSize(1);
    int deletesBefore = SALTO.server().requestCount(FakeRoute.DELETE_USER);

    Result revoked = guests.revoke("res-lag");

    assertThat(revoked.status()).isEqualTo(Result.Status.REVOKED);
    assertThat(SALTO.server().requestCount(FakeRoute.DELETE_USER) - deletesBefore).as("a DELETE was sent").isEqualTo(1);
    assertThat(hotel.site.users()).as("the guest is gone, its seat free").isEmpty();
    assertThat(hotel.site.accessGroups()).as("the group is gone").isEmpty();
    assertThat(hotel.site.pinOpens(pin, hotel.bravo, inside)).isFalse();
  }

  @Test
  void aLockWithoutAKeypad_isRefusedWithTheFix_andNothingIsCreated() {
    hotel.alpha.type("escutcheon");

    Result result = guests.grant(GuestAccessIT.stay("res-nokey", "room-101", inDays(2, 15), inDays(4, 11)));

    assertThat(result.status()).isEqualTo(Result.Status.REFUSED);
    assertThat(result.reasons()).extracting(DenialReason::code).containsExactly(DenialReason.Code.LOCK_HAS_NO_KEYPAD);
    assertThat(result.reasons().get(0).message()).contains("Lock Alpha", "no PIN keypad", "escutcheon");
    assertThat(result.reasons().get(0).fix()).contains("keypad");
    assertThat(hotel.site.users()).isEmpty();
    assertThat(hotel.site.accessGroups()).isEmpty();
    assertThat(guests.find("res-nokey")).isEmpty();
  }

  @Test
  void thePinWorksUntilTheStaysEnd_notUntilMidnight_acrossBothDstChanges_inTwoZones() {
    // Europe/Amsterdam: back on 2027-10-31 03:00 → 02:00, forward on 2027-03-28; America/New_York: back on
    // 2027-11-07, forward on 2027-03-14. Each stay ends at 11:00 local on the day after the change.
    for (ZonedDateTime[] stay : new ZonedDateTime[][] {
        {ZonedDateTime.of(2027, 10, 30, 15, 0, 0, 0, Hotel.ZONE), ZonedDateTime.of(2027, 11, 1, 11, 0, 0, 0, Hotel.ZONE)},
        {ZonedDateTime.of(2027, 3, 27, 15, 0, 0, 0, Hotel.ZONE), ZonedDateTime.of(2027, 3, 29, 11, 0, 0, 0, Hotel.ZONE)}}) {
      CLOCK.advance(Duration.between(CLOCK.instant(), stay[0].minusDays(3).toInstant()));
      String id = "res-" + stay[0].toLocalDate();
      Result granted = guests.grant(GuestAccessIT.stay(id, "room-101", stay[0], stay[1]));
      assertThat(granted.status()).as(id).isEqualTo(Result.Status.GRANTED);
      String pin = granted.pin().value();
      Instant end = stay[1].toInstant();
      assertThat(hotel.site.pinOpens(pin, hotel.alpha, end.minus(Duration.ofMinutes(1))))
          .as("%s: the last minute of the stay", id).isTrue();
      assertThat(hotel.site.pinOpens(pin, hotel.alpha, end)).as("%s: when it ends", id).isFalse();
      assertThat(hotel.site.pinOpens(pin, hotel.alpha, stay[0].minusMinutes(31).toInstant()))
          .as("%s: before the window", id).isFalse();
    }
  }

  @Test
  void thePinExpiryIsTheStaysEnd_inNewYorkToo() {
    var site = SALTO.server().addSite("US0000000001", "Hotel New York", java.time.ZoneId.of("America/New_York"));
    var iq = site.addIq("IQ NY", "Q9x8W7v6U5t4S3r2", "0420");
    var door = site.addLock("Lock NY", iq);
    var ref = SALTO.client().site(SALTO.client().sites().retrieve("US0000000001"));
    var links = nl.ireserve.saltoks.mapping.MappingStore.inMemory();
    nl.ireserve.saltoks.mapping.MappingService.create(ref, links).link("suite-1", "Suite 1", door.id());
    var keys = nl.ireserve.saltoks.mapping.IqKeyStore.inMemory();
    keys.save(iq.key());
    AccessService ny = AccessService.builder().site(ref).policy(hotel.policy).mappings(links).keys(keys)
        .recorder(hotel.recorder()).clock(CLOCK).build();
    GuestAccessService nyGuests = ny.guests(GuestGrantStore.inMemory())
        .withPropagationRetry(Duration.ofMillis(20), Duration.ofSeconds(10));
    java.time.ZoneId zone = java.time.ZoneId.of("America/New_York");
    for (ZonedDateTime[] stay : new ZonedDateTime[][] {
        {ZonedDateTime.of(2027, 11, 6, 15, 0, 0, 0, zone), ZonedDateTime.of(2027, 11, 8, 11, 0, 0, 0, zone)},
        {ZonedDateTime.of(2027, 3, 13, 15, 0, 0, 0, zone), ZonedDateTime.of(2027, 3, 15, 11, 0, 0, 0, zone)}}) {
      CLOCK.advance(Duration.between(CLOCK.instant(), stay[0].minusDays(3).toInstant()));
      String id = "ny-" + stay[0].toLocalDate();
      Reservation r = Reservation.builder().id(id).objectId("suite-1").status("Paid").start(stay[0].toInstant())
          .end(stay[1].toInstant()).paymentComplete(true).timeZone(zone).build();
      String pin = nyGuests.grant(r).pin().value();
      assertThat(site.pinOpens(pin, door, stay[1].toInstant().minus(Duration.ofMinutes(1)))).as(id).isTrue();
      assertThat(site.pinOpens(pin, door, stay[1].toInstant())).as(id).isFalse();
    }
  }
}
