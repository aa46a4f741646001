package nl.ireserve.saltoks.access;

import static nl.ireserve.saltoks.access.DenialReason.Code.PAYMENT_MISSING;
import static nl.ireserve.saltoks.access.DenialReason.Code.STATUS_NOT_ALLOWED;
import static nl.ireserve.saltoks.access.DenialReason.Code.TOO_EARLY;
import static nl.ireserve.saltoks.access.DenialReason.Code.TOO_LATE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import nl.ireserve.saltoks.diagnostics.Finding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {
  static final Instant START = Instant.parse("2026-12-01T14:00:00Z");
  static final Instant END = Instant.parse("2026-12-01T16:00:00Z");
  static final ZoneId AMSTERDAM = ZoneId.of("Europe/Amsterdam");

  static Reservation res(String status, boolean paid) {
    return Reservation.builder().id("r-1").objectId("room-101").status(status).start(START).end(END).paymentComplete(paid).timeZone(AMSTERDAM).build();
  }

  static AccessPolicy.Builder base() {
    return AccessPolicy.builder().allowedStatuses("Confirmed", "Paid");
  }

  @Test
  void grantedInsideTheWindow_inAnAllowedStatus() {
    AccessDecision d = base().minutesBefore(30).build().evaluate(res("Confirmed", false), START.plusSeconds(60));
    assertThat(d.granted()).isTrue();
    assertThat(d.reasons()).isEmpty();
    assertThat(d.opensAt()).isEqualTo(START.minus(Duration.ofMinutes(30)));
  }

  @Test
  void manualExample_1440Minutes_isADayOfAccessInAdvance() {
    AccessPolicy p = base().minutesBefore(1440).build();
    assertThat(p.evaluate(res("Paid", true), START.minus(Duration.ofHours(24))).granted()).isTrue();
    assertThat(p.evaluate(res("Paid", true), START.minus(Duration.ofHours(24)).minusSeconds(1)).codes())
        .containsExactly(TOO_EARLY);
    assertThat(p.lint().findings()).extracting(Finding::check).doesNotContain(AccessPolicy.EARLY_ACCESS);
  }

  @ParameterizedTest(name = "{0}: {1} minutes before")
  @CsvSource({"hotel, 30", "hotel, 60", "sports facility, 15"})
  void manualExamples_hotelAndSports_boundariesToTheSecond(String kind, int minutes) {
    AccessPolicy p = base().minutesBefore(minutes).build();
    Instant opens = START.minus(Duration.ofMinutes(minutes));
    assertThat(p.evaluate(res("Paid", true), opens).granted()).as("exactly start − before").isTrue();
    AccessDecision early = p.evaluate(res("Paid", true), opens.minusSeconds(1), AMSTERDAM);
    assertThat(early.codes()).containsExactly(TOO_EARLY);
    assertThat(early.reason(TOO_EARLY).orElseThrow().at()).isEqualTo(opens);
    assertThat(early.reason(TOO_EARLY).orElseThrow().message()).contains("opens at 2026-12-01 ").contains("CET");
  }

  @Test
  void end_isExclusive_andGraceExtendsIt() {
    AccessPolicy p = base().build();
    assertThat(p.evaluate(res("Paid", true), END.minusSeconds(1)).granted()).isTrue();
    assertThat(p.evaluate(res("Paid", true), END).codes()).containsExactly(TOO_LATE);
    AccessPolicy grace = base().graceMinutesAfter(15).build();
    assertThat(grace.evaluate(res("Paid", true), END.plus(Duration.ofMinutes(15)).minusSeconds(1)).granted()).isTrue();
    assertThat(grace.evaluate(res("Paid", true), END.plus(Duration.ofMinutes(15))).codes()).containsExactly(TOO_LATE);
  }

  @Test
  void statusNotAllowed_namesTheStatusAndTheAllowedOnes() {
    AccessDecision d = base().build().evaluate(res("Option", true), START);
    assertThat(d.codes()).containsExactly(STATUS_NOT_ALLOWED);
    assertThat(d.reasons().get(0).message()).contains("\"Option\"").contains("Confirmed, Paid");
    assertThat(d.reasons().get(0).fix()).contains("manual 3.1");
  }

  @Test
  void paymentRequired_deniesUnpaid() {
    AccessPolicy p = base().paymentRequired(true).build();
    assertThat(p.evaluate(res("Confirmed", false), START).codes()).containsExactly(PAYMENT_MISSING);
    assertThat(p.evaluate(res("Confirmed", true), START).granted()).isTrue();
  }

  @Test
  void everyReasonThatApplies_isListed_notOnlyTheFirst() {
    AccessPolicy p = base().paymentRequired(true).minutesBefore(15).build();
    AccessDecision d = p.evaluate(res("Cancelled", false), START.minus(Duration.ofHours(2)));
    assertThat(d.codes()).containsExactly(STATUS_NOT_ALLOWED, TOO_EARLY, PAYMENT_MISSING);
    assertThat(d.granted()).isFalse();
  }

  @Test
  void lint_noStatus_earlyAccess_lockedOutAfterCheckIn_paymentAdvice() {
    assertThat(AccessPolicy.builder().paymentRequired(true).build().lint().findings())
        .extracting(Finding::check).containsExactly(AccessPolicy.NO_STATUS_ALLOWED);
    AccessPolicy risky = base().minutesBefore(2880).statusAfterOpening("23-LOCKOPOPEN").build();
    assertThat(risky.lint().findings()).extracting(Finding::check).containsExactly(
        AccessPolicy.EARLY_ACCESS, AccessPolicy.STATUS_AFTER_OPENING_LOCKS_OUT,
        AccessPolicy.PAYMENT_NOT_REQUIRED);
    assertThat(risky.lint().findings()).allMatch(f -> f.status() == Finding.Status.WARN);
    assertThat(risky.lint().findings().get(1).evidence()).contains("locked out").contains("23-LOCKOPOPEN");
    AccessPolicy good = AccessPolicy.builder().allowedStatuses("Paid", "23-LOCKOPOPEN").minutesBefore(30)
        .paymentRequired(true).statusAfterOpening("23-LOCKOPOPEN").lastOpenField("Reservation changed 01").build();
    assertThat(good.lint().isClean()).isTrue();
    assertThat(good.lint().findings()).isEmpty();
  }

  @Test
  void negativeOrAbsurdValues_areRejectedAtBuildTime() {
    assertThatThrownBy(() -> AccessPolicy.builder().minutesBefore(-1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minutesBefore must not be negative");
    assertThatThrownBy(() -> AccessPolicy.builder().minutesBefore(AccessPolicy.MAX_MINUTES + 1))
        .hasMessageContaining("more than a year");
    assertThatThrownBy(() -> AccessPolicy.builder().graceMinutesAfter(-5)).hasMessageContaining("graceMinutesAfter");
    assertThatThrownBy(() -> AccessPolicy.builder().allowedStatuses("Paid", " ")).hasMessageContaining("status is blank");
    assertThatThrownBy(() -> AccessPolicy.builder().lastOpenField("")).hasMessageContaining("lastOpenField");
    assertThatThrownBy(() -> Reservation.builder().id("r").objectId("o").status("Paid").start(END).end(START).paymentComplete(true).build())
        .hasMessageContaining("end").hasMessageContaining("must be after start");
  }

  @Test
  void evaluate_isPure_sameInputSameDecision() {
    AccessPolicy p = base().minutesBefore(30).build();
    Instant t = START.minusSeconds(5);
    assertThat(p.evaluate(res("Paid", true), t)).isEqualTo(p.evaluate(res("Paid", true), t));
  }
}
