package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.GuestAccessService.Result;
import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.access.GuestGrantStore;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attacks on guest access that an outside suite found to break a promise: the rollback switch revoking
 * staying guests, reservation ids that {@code Reservation} accepts but a guest grant threw on, and windows
 * across the autumn DST change (the repeated hour).
 */
class GuestAttacksIT {
  static final FakeClock CLOCK = FakeClock.ticking();

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK)
      .clients(b -> b.readTimeout(Duration.ofMillis(1500)).retryPolicy(RetryPolicy.none()));

  Hotel hotel;
  AccessService access;
  GuestAccessService guests;

  @BeforeEach
  void arrange() {
    hotel = new Hotel(SALTO);
    access = hotel.service(SALTO, CLOCK).build();
    guests = access.guests(GuestGrantStore.inMemory()).withPropagationRetry(Duration.ofMillis(20), Duration.ofSeconds(10));
  }

  private Reservation stayFromNow(String id, int days) {
    ZonedDateTime start = CLOCK.instant().atZone(Hotel.ZONE).plusDays(1).withHour(15).withMinute(0).withSecond(0)
        .withNano(0);
    return GuestAccessIT.stay(id, "room-101", start, start.plusDays(days));
  }

  @Test
  void theRollbackSwitch_sendsNothing_andAStayingGuestKeepsItsPin() {
    Reservation r = stayFromNow("res-roll", 2);
    String pin = guests.grant(r).pin().value();
    int before = SALTO.server().requests().size();
    access.setIntegrationActive(false);

    Result updated = guests.update(r);
    Result revoked = guests.revoke(r.id());
    Result renewed = guests.newPin(r.id());
    List<Result> swept = guests.sweep();

    assertThat(List.of(updated, revoked, renewed)).extracting(Result::status).containsOnly(Result.Status.FAILED);
    assertThat(updated.reasons()).extracting(DenialReason::code).contains(DenialReason.Code.INTEGRATION_INACTIVE);
    assertThat(revoked.detail()).contains("nothing was sent to SALTO");
    assertThat(SALTO.server().requests().size()).as("nothing reached SALTO while switched off").isEqualTo(before);
    assertThat(swept).isEmpty();
    access.setIntegrationActive(true);
    Instant inside = r.start().plus(Duration.ofHours(2));
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, inside)).as("after switching back on, the PIN still opens").isTrue();
    assertThat(guests.update(r).status()).isEqualTo(Result.Status.ALREADY_GRANTED);
  }

  @Test
  void idsOf192To200Characters_andOnesWithAnEmoji_getAGuest_andAreFoundAgain() {
    for (String id : List.of("r".repeat(192), "x".repeat(200), "res-🏨-1", "res-\uD83D\uDE00")) {
      Reservation r = stayFromNow(id, 1);
      Result granted = guests.grant(r);
      assertThat(granted.status()).as("%d chars", id.length()).isEqualTo(Result.Status.GRANTED);
      assertThat(hotel.site.pinOpens(granted.pin().value(), hotel.alpha, r.start())).isTrue();
      assertThat(guests.grant(r).status()).as("idempotent").isEqualTo(Result.Status.ALREADY_GRANTED);
      assertThat(guests.revoke(id).status()).isEqualTo(Result.Status.REVOKED);
    }
    assertThat(hotel.site.users()).isEmpty();
    assertThat(hotel.site.accessGroups()).isEmpty();
  }

  @Test
  void windowsAcrossTheAutumnChange_neverOpenEarlyOrLate_andAWindowInsideTheRepeatedHourIsRefused() {
    // Europe/Amsterdam, 2027-10-31: 03:00 CEST → 02:00 CET, so 02:00–03:00 happens twice
    ZoneId zone = Hotel.ZONE;
    Instant firstTwoThirty = ZonedDateTime.of(2027, 10, 31, 2, 30, 0, 0, zone).toInstant(); // CEST, 00:30Z
    Instant secondTwoThirty = firstTwoThirty.plus(Duration.ofHours(1)); // CET, 01:30Z
    CLOCK.advance(Duration.between(CLOCK.instant(), firstTwoThirty.minus(Duration.ofDays(3))));
    AccessService plain = hotel.service(SALTO, CLOCK).policy(nl.ireserve.saltoks.access.AccessPolicy.builder()
        .allowedStatuses("Paid").minutesBefore(0).build()).build();
    GuestAccessService g = plain.guests(GuestGrantStore.inMemory()).withPropagationRetry(Duration.ofMillis(20),
        Duration.ofSeconds(10));

    // starts in the second pass of the repeated hour: must not open in the first pass, an hour early
    Reservation late = GuestAccessIT.stay("res-late", "room-101", secondTwoThirty.atZone(zone),
        secondTwoThirty.plus(Duration.ofDays(1)).atZone(zone));
    String pin = g.grant(late).pin().value();
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, firstTwoThirty.plusSeconds(60))).as("an hour early").isFalse();
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, secondTwoThirty.minusSeconds(60))).as("a minute early").isFalse();
    assertThat(hotel.site.pinOpens(pin, hotel.alpha, secondTwoThirty.plus(Duration.ofHours(2)))).isTrue();

    // ends in the first pass: must not open again in the second pass
    Reservation early = GuestAccessIT.stay("res-early", "room-102", firstTwoThirty.minus(Duration.ofDays(1))
        .atZone(zone), firstTwoThirty.atZone(zone));
    String pin2 = g.grant(early).pin().value();
    assertThat(hotel.site.pinOpens(pin2, hotel.bravo, firstTwoThirty.minus(Duration.ofHours(3)))).isTrue();
    assertThat(hotel.site.pinOpens(pin2, hotel.bravo, firstTwoThirty.plusSeconds(60))).as("after the end").isFalse();
    assertThat(hotel.site.pinOpens(pin2, hotel.bravo, secondTwoThirty.minusSeconds(60))).as("in the second pass")
        .isFalse();

    // under an hour, inside the repeated hour: refused, nothing created, no throw
    Reservation inside = GuestAccessIT.stay("res-inside", "room-101", firstTwoThirty.plusSeconds(600).atZone(zone),
        secondTwoThirty.minusSeconds(600).atZone(zone));
    int users = hotel.site.users().size();
    Result refused = g.grant(inside);
    assertThat(refused.status()).isEqualTo(Result.Status.REFUSED);
    assertThat(refused.reasons()).extracting(DenialReason::code).containsExactly(DenialReason.Code.WINDOW_NOT_EXPRESSIBLE);
    assertThat(hotel.site.users()).hasSize(users);
    assertThat(g.find("res-inside")).isEmpty();
    assertThat(SALTO.server().requests()).noneMatch(q -> q.route() == FakeRoute.CREATE_GUEST && q.status() >= 400);
  }
}
