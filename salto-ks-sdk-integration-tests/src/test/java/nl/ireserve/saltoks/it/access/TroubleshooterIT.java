package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.access.Troubleshooter;
import nl.ireserve.saltoks.diagnostics.Finding;
import nl.ireserve.saltoks.diagnostics.Finding.Status;
import nl.ireserve.saltoks.diagnostics.Report;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TroubleshooterIT {
  static final FakeClock CLOCK = FakeClock.fixedAt(Hotel.START.minus(Duration.ofHours(3)));

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK)
      .clients(b -> b.readTimeout(Duration.ofMillis(1500)).retryPolicy(RetryPolicy.none()));

  Hotel hotel;
  Troubleshooter doctor;

  @BeforeEach
  void arrange() {
    hotel = new Hotel(SALTO);
    doctor = hotel.service(SALTO, CLOCK).build().troubleshooter();
  }

  private static Finding finding(Report r, String checkPrefix) {
    return r.findings().stream().filter(f -> f.check().startsWith(checkPrefix)).findFirst().orElseThrow();
  }

  @Test
  void problem1_doorWontOpen_findsEveryCauseOfABrokenSetup() {
    hotel.iq.online(false);                  // no internet on site
    hotel.keys.delete(hotel.iq.id());        // IQ OTP setup never done here
    Reservation r = Reservation.builder().id("res-7").objectId("room-101").status("Option").start(Hotel.START).end(Hotel.END).timeZone(Hotel.ZONE).build();
    int opensBefore = SALTO.server().requestCount(FakeRoute.OPEN_LOCK);

    Report report = doctor.doorWontOpen(r);
    assertThat(report.title()).isEqualTo(Troubleshooter.DOOR_WONT_OPEN);
    assertThat(finding(report, "1.").status()).isEqualTo(Status.FAIL);
    assertThat(finding(report, "1.").fix()).contains("manual 3.1");
    assertThat(finding(report, "2.").status()).isEqualTo(Status.PASS);
    assertThat(finding(report, "2.").evidence()).isEqualTo("Room 101 → Lock Alpha");
    assertThat(finding(report, "3.").status()).isEqualTo(Status.FAIL);
    assertThat(finding(report, "3.").evidence()).contains("too early").contains("opens at");
    assertThat(finding(report, "4.").status()).isEqualTo(Status.FAIL);
    assertThat(finding(report, "5.").status()).isEqualTo(Status.FAIL);
    assertThat(finding(report, "5.").evidence()).contains("IQ IQ Lobby is offline");
    assertThat(finding(report, "IQ activated").status()).isEqualTo(Status.FAIL);
    assertThat(report.failures()).hasSize(5); // status, window, payment, internet, IQ key
    assertThat(report.toText()).contains("Problem 1: Door won't open").contains("→ ");
    assertThat(SALTO.server().requestCount(FakeRoute.OPEN_LOCK)).isEqualTo(opensBefore);
  }

  @Test
  void problems1And5_showTheLocksLastEntries_rejectionsWithWhatTheyMean() {
    hotel.site.addEntry(hotel.alpha, "lock_opened", null, "tag", CLOCK.instant().minus(Duration.ofHours(2)));
    hotel.site.addEntry(hotel.alpha, "lock_rejected", "no_access", "pin_code", CLOCK.instant().minus(Duration.ofHours(1)));
    hotel.site.addEntry(hotel.alpha, "lock_rejected", "suspended", "pin_code", CLOCK.instant().minusSeconds(600));
    hotel.site.addEntry(hotel.bravo, "lock_rejected", "offline", "tag", CLOCK.instant().minusSeconds(60)); // another door
    Reservation r = Reservation.builder().id("res-9").objectId("room-101").status("Paid").start(Hotel.START)
        .end(Hotel.END).paymentComplete(true).timeZone(Hotel.ZONE).build();

    Finding one = finding(doctor.doorWontOpen(r), "6. The lock's last entries");
    Finding five = finding(doctor.tooEarlyOrLate(r), "The lock's last entries");

    assertThat(one.status()).isEqualTo(Status.WARN);
    assertThat(one.evidence()).contains("last opening").contains("by tag")
        .contains("(no_access): the credential had no access then")
        .contains("(suspended): the user is suspended (a full site suspends new guests: free a seat)")
        .doesNotContain("offline");
    assertThat(one.fix()).contains("rejection");
    assertThat(five.evidence()).isEqualTo(one.evidence());
    assertThat(finding(doctor.doorWontOpen(reservationFor("room-404")), "6.").status()).isEqualTo(Status.SKIPPED);
  }

  private static Reservation reservationFor(String object) {
    return Reservation.builder().id("res-10").objectId(object).status("Paid").start(Hotel.START).end(Hotel.END)
        .paymentComplete(true).timeZone(Hotel.ZONE).build();
  }

  @Test
  void problem1_unmappedObject() {
    Reservation r = Reservation.builder().id("res-8").objectId("room-404").status("Paid").start(Hotel.START).end(Hotel.END).paymentComplete(true).timeZone(Hotel.ZONE).build();
    Report report = doctor.doorWontOpen(r);
    assertThat(finding(report, "2.").status()).isEqualTo(Status.FAIL);
    assertThat(finding(report, "2.").fix()).contains("without mapping, access will not work");
  }

  @Test
  void problem2_noEmailOrSms_namesTheReservationSideAndTheRestIsTheHosts() {
    Report report = doctor.noEmailOrSms(Hotel.room101("Option"));
    assertThat(finding(report, "Reservation confirmed").status()).isEqualTo(Status.FAIL);
    assertThat(finding(report, "Communication").status()).isEqualTo(Status.INFO);
    assertThat(finding(report, "Communication").evidence()).contains("outside the SDK");
  }

  @Test
  void problem3_accessTestError_withoutRights_is403Permissions() {
    SALTO.server().accountHasRights(false);
    Report report = doctor.accessTestError();
    assertThat(report.failures()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo("Sites readable");
      assertThat(f.fix()).contains("403 → insufficient permissions");
    });
  }

  @Test
  void problem3_accessTestError_healthy() {
    assertThat(doctor.accessTestError().failures()).isEmpty();
  }

  @Test
  void problem4_wrongDoor_sharedLock_showsTheLockBesideTheObject() {
    hotel.mapping.relink("room-102", "Room 102", hotel.alpha.id()); // the administrator picked the wrong lock
    Report report = doctor.wrongDoor("room-102");
    assertThat(report.findings().get(0).evidence()).startsWith("Room 102 → Lock Alpha");
    assertThat(report.failures()).singleElement().satisfies(f -> {
      assertThat(f.check()).isEqualTo(MappingService.LOCK_SHARED);
      assertThat(f.evidence()).contains("shares lock Lock Alpha with Room 101");
    });
    assertThat(finding(report, "Solution").fix()).contains("retest");
  }

  @Test
  void problem4_wrongDoor_lockReplacedInSalto() {
    hotel.site.removeLock(hotel.bravo);
    Report report = doctor.wrongDoor("room-102");
    assertThat(report.failures()).extracting(Finding::check).containsExactly(MappingService.LOCK_MISSING);
    assertThat(report.findings().get(0).evidence()).contains("not found in SALTO");
  }

  @Test
  void problem5_tooEarly_timeZoneMismatch_andClockSkew() {
    SALTO.server().serverClockSkew(Duration.ofMinutes(4));
    Reservation r = Reservation.builder().id("res-9").objectId("room-101").status("Paid").start(Hotel.START).end(Hotel.END).paymentComplete(true).timeZone(ZoneId.of("Europe/London")).build();
    Report report = doctor.tooEarlyOrLate(r);
    assertThat(finding(report, "Time before").evidence()).isEqualTo("30 minutes");
    assertThat(finding(report, "Reservation start").evidence())
        .contains("2026-11-25 15:00 GMT").contains("access 2026-11-25 15:30 CET");
    assertThat(finding(report, "Inside the window").status()).isEqualTo(Status.FAIL);
    assertThat(finding(report, "Time zone").status()).isEqualTo(Status.FAIL);
    assertThat(finding(report, "Time zone").fix()).contains("Europe/Amsterdam");
    assertThat(finding(report, "This host's clock").status()).isEqualTo(Status.FAIL);
    assertThat(finding(report, "This host's clock").evidence()).containsPattern("2(39|40|41) s behind");
  }

  @Test
  void problem5_healthy_reservationInsideTheWindow() {
    CLOCK.advance(Duration.ofHours(3));
    try {
      Report report = doctor.tooEarlyOrLate(Hotel.room101("Paid"));
      assertThat(report.failures()).isEmpty();
    } finally {
      CLOCK.advance(Duration.ofHours(-3));
    }
  }

  @Test
  void problem1_namesACriticalBattery_privacyMode_aPendingState_andTheIncidentsOfTheLockAndItsIq() {
    hotel.alpha.battery("critical").privacyMode(true).lockedState("locked_pending");
    hotel.alpha.online(false);
    hotel.alpha.online(true);
    hotel.alpha.incident("operation_not_completed");
    hotel.bravo.incident("lock_reset"); // another lock's: not this door's
    hotel.site.addIncident(hotel.iq, "iq_connection_lost");

    Report report = doctor.doorWontOpen(Hotel.room101("Paid"));

    Finding health = finding(report, "7.");
    assertThat(health.status()).isEqualTo(Status.FAIL);
    assertThat(health.evidence()).contains("critical", "privacy mode", "pending");
    assertThat(health.fix()).contains("battery", "privacy mode");
    Finding incidents = finding(report, "8.");
    assertThat(incidents.status()).isEqualTo(Status.WARN);
    assertThat(incidents.evidence()).contains("operation_not_completed", "lock_connection_lost", "low_battery_warning",
        "iq_connection_lost").doesNotContain("lock_reset").doesNotContain("lock_connection_restored");
  }

  @Test
  void problem1_aHealthyLock_passesItsHealthCheck_andHasNoIncidents() {
    Report report = doctor.doorWontOpen(Hotel.room101("Paid"));

    assertThat(finding(report, "7.").status()).isEqualTo(Status.PASS);
    assertThat(finding(report, "7.").evidence()).contains("battery fresh");
    assertThat(finding(report, "8.").status()).isEqualTo(Status.INFO);
  }
}
