package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.access.Finding;
import nl.ireserve.saltoks.access.Finding.Verdict;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.access.Troubleshooter;
import nl.ireserve.saltoks.access.TroubleshootingReport;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.Route;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TroubleshooterIT {
  static final FakeClock CLOCK = FakeClock.fixedAt(Hotel.START.minus(Duration.ofHours(3)));

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK)
      .clients(b -> b.readTimeout(Duration.ofMillis(500)).retryPolicy(RetryPolicy.none()));

  Hotel hotel;
  Troubleshooter doctor;

  @BeforeEach
  void arrange() {
    hotel = new Hotel(SALTO);
    doctor = Troubleshooter.create(hotel.ref, hotel.policy, hotel.mappings, hotel.keys, CLOCK);
  }

  private static Finding finding(TroubleshootingReport r, String checkPrefix) {
    return r.findings().stream().filter(f -> f.check().startsWith(checkPrefix)).findFirst().orElseThrow();
  }

  @Test
  void problem1_doorWontOpen_findsEveryCauseOfABrokenSetup() {
    hotel.iq.online(false);                  // no internet on site
    hotel.keys.delete(hotel.iq.id());        // IQ OTP setup never done here
    Reservation r = new Reservation("res-7", "room-101", "Option", Hotel.START, Hotel.END, false, Hotel.ZONE);
    int opensBefore = SALTO.server().requestCount(Route.OPEN_LOCK);

    TroubleshootingReport report = doctor.doorWontOpen(r);
    assertThat(report.problem()).isEqualTo(TroubleshootingReport.Problem.DOOR_WONT_OPEN);
    assertThat(finding(report, "1.").verdict()).isEqualTo(Verdict.PROBLEM);
    assertThat(finding(report, "1.").fix()).contains("manual 3.1");
    assertThat(finding(report, "2.").verdict()).isEqualTo(Verdict.OK);
    assertThat(finding(report, "2.").result()).isEqualTo("Room 101 → Lock Alpha");
    assertThat(finding(report, "3.").verdict()).isEqualTo(Verdict.PROBLEM);
    assertThat(finding(report, "3.").result()).contains("too early").contains("opens at");
    assertThat(finding(report, "4.").verdict()).isEqualTo(Verdict.PROBLEM);
    assertThat(finding(report, "5.").verdict()).isEqualTo(Verdict.PROBLEM);
    assertThat(finding(report, "5.").result()).contains("IQ IQ Lobby offline");
    assertThat(finding(report, "IQ activated").verdict()).isEqualTo(Verdict.PROBLEM);
    assertThat(report.problems()).hasSize(5); // status, window, payment, internet, IQ key
    assertThat(report.toText()).contains("Problem 1: Door won't open").contains("→ ");
    assertThat(SALTO.server().requestCount(Route.OPEN_LOCK)).isEqualTo(opensBefore);
  }

  @Test
  void problem1_unmappedObject() {
    Reservation r = new Reservation("res-8", "room-404", "Paid", Hotel.START, Hotel.END, true, Hotel.ZONE);
    TroubleshootingReport report = doctor.doorWontOpen(r);
    assertThat(finding(report, "2.").verdict()).isEqualTo(Verdict.PROBLEM);
    assertThat(finding(report, "2.").fix()).contains("without mapping, access will not work");
  }

  @Test
  void problem2_noEmailOrSms_namesTheReservationSideAndTheRestIsTheHosts() {
    TroubleshootingReport report = doctor.noEmailOrSms(Hotel.room101("Option"));
    assertThat(finding(report, "Reservation confirmed").verdict()).isEqualTo(Verdict.PROBLEM);
    assertThat(finding(report, "Communication").verdict()).isEqualTo(Verdict.INFO);
    assertThat(finding(report, "Communication").result()).contains("outside the SDK");
  }

  @Test
  void problem3_accessTestError_withoutRights_is403Permissions() {
    SALTO.server().accountHasRights(false);
    TroubleshootingReport report = doctor.accessTestError();
    assertThat(report.problems()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("Sites readable");
      assertThat(f.fix()).contains("403 → insufficient permissions");
    });
  }

  @Test
  void problem3_accessTestError_healthy() {
    assertThat(doctor.accessTestError().problems()).isEmpty();
  }

  @Test
  void problem4_wrongDoor_sharedLock_showsTheLockBesideTheObject() {
    hotel.mapping.relink("room-102", "Room 102", hotel.alpha.id()); // the administrator picked the wrong lock
    TroubleshootingReport report = doctor.wrongDoor("room-102");
    assertThat(report.findings().get(0).result()).startsWith("Room 102 → Lock Alpha");
    assertThat(report.problems()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("LOCK_SHARED");
      assertThat(f.result()).contains("shares lock Lock Alpha with Room 101");
    });
    assertThat(finding(report, "Solution").fix()).contains("retest");
  }

  @Test
  void problem4_wrongDoor_lockReplacedInSalto() {
    hotel.site.removeLock(hotel.bravo);
    TroubleshootingReport report = doctor.wrongDoor("room-102");
    assertThat(report.problems()).extracting(Finding::check).containsExactly("LOCK_MISSING");
    assertThat(report.findings().get(0).result()).contains("not found in SALTO");
  }

  @Test
  void problem5_tooEarly_timeZoneMismatch_andClockSkew() {
    SALTO.server().serverClockSkew(Duration.ofMinutes(4));
    Reservation r = new Reservation("res-9", "room-101", "Paid", Hotel.START, Hotel.END, true,
        ZoneId.of("Europe/London"));
    TroubleshootingReport report = doctor.tooEarlyOrLate(r);
    assertThat(finding(report, "Time before").result()).isEqualTo("30 minutes");
    assertThat(finding(report, "Reservation start").result())
        .contains("2026-11-25 15:00 GMT").contains("access 2026-11-25 15:30 CET");
    assertThat(finding(report, "Inside the window").verdict()).isEqualTo(Verdict.PROBLEM);
    assertThat(finding(report, "Time zone").verdict()).isEqualTo(Verdict.PROBLEM);
    assertThat(finding(report, "Time zone").fix()).contains("Europe/Amsterdam");
    assertThat(finding(report, "This host's clock").verdict()).isEqualTo(Verdict.PROBLEM);
    assertThat(finding(report, "This host's clock").result()).containsPattern("2(39|40|41) s behind");
  }

  @Test
  void problem5_healthy_reservationInsideTheWindow() {
    CLOCK.advance(Duration.ofHours(3));
    try {
      TroubleshootingReport report = doctor.tooEarlyOrLate(Hotel.room101("Paid"));
      assertThat(report.problems()).isEmpty();
    } finally {
      CLOCK.advance(Duration.ofHours(-3));
    }
  }
}
