package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.diagnostics.Finding;
import nl.ireserve.saltoks.diagnostics.Report;
import nl.ireserve.saltoks.exception.SaltoIqSetupException;
import nl.ireserve.saltoks.exception.SaltoOtpBlockedException;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.exception.SaltoOtpSuspendedException;
import nl.ireserve.saltoks.exception.SaltoPermissionException;
import nl.ireserve.saltoks.exception.SaltoPinNotSetException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The traps measured on a real acceptance site (salto-ks-api.md §4.4), against the fake that models
 * them: {@code pin_not_changed}, both meanings of 403 2203, a 20-minute {@code otp_blocked} with no
 * OTP sent during it, a host whose clock runs ahead of an IQ that only accepts OTPs from the past,
 * and the troubleshooter naming "the lock refuses OTPs that the cloud accepts".
 */
class MeasuredTrapsIT {
  static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
  static final FakeClock CLOCK = FakeClock.fixedAt(START);

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK);

  FakeSite hotel;
  SiteClient site;
  IqSetup setup;

  @BeforeEach
  void arrange() {
    hotel = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    site = SALTO.site(hotel);
    setup = site.iqSetup();
  }

  @AfterEach
  void resetClock() {
    CLOCK.advance(Duration.between(CLOCK.instant(), START));
  }

  private String emailedPin() {
    return SALTO.server().sentPinEmails().get(SALTO.server().sentPinEmails().size() - 1).pin();
  }

  @Test
  void pinNeverSet_isItsOwnError_andDoesNotSuspendTheKey() {
    FakeIq iq = hotel.addUnactivatedIq("IQ Lobby");
    FakeLock alpha = hotel.addLock("Lock Alpha", iq);
    PendingActivation pending = setup.requestPin(iq.id()); // activation stops after GET PIN
    IqKey key = new IqKey(iq.id(), pending.secret(), emailedPin());
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> site.locks().open(alpha.id(), key))
          .isInstanceOf(SaltoPinNotSetException.class)
          .hasMessageContaining("pin_not_changed")
          .hasMessageContaining("Set the PIN first");
    }
    assertThat(SALTO.server().requestCount(FakeRoute.OPEN_LOCK)).isEqualTo(2); // not suspended: not an OTP fault
    site.locks().open(alpha.id(), setup.activate(pending, emailedPin()));
    assertThat(SALTO.server().openings()).hasSize(1);
  }

  @Test
  void forbidden2203_alreadyActivated_isToldApartFromMissingRights() {
    FakeIq iq = hotel.addUnactivatedIq("IQ Lobby");
    setup.activate(setup.requestPin(iq.id()), emailedPin());
    assertThatThrownBy(() -> setup.requestPin(iq.id()))
        .isInstanceOfSatisfying(SaltoIqSetupException.class,
            e -> assertThat(e.problem()).isEqualTo(SaltoIqSetupException.Problem.ALREADY_ACTIVATED));

    FakeIq other = hotel.addUnactivatedIq("IQ Annex");
    SALTO.server().accountHasRights(false);
    assertThatThrownBy(() -> setup.requestPin(other.id()))
        .isInstanceOf(SaltoPermissionException.class)
        .isNotInstanceOf(SaltoIqSetupException.class)
        .hasMessageContaining("rights");
  }

  @Test
  void otpBlocked_noOtpIsSentForTwentyFiveMinutes_thenTheGoodKeyOpens() {
    SALTO.server().otpFailuresBeforeBlock(1);
    FakeIq iq = hotel.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    FakeLock alpha = hotel.addLock("Lock Alpha", iq);
    IqKey good = iq.key();
    assertThatThrownBy(() -> site.locks().open(alpha.id(), new IqKey(iq.id(), good.secret(), "9999")))
        .isInstanceOf(SaltoOtpInvalidException.class);
    assertThatThrownBy(() -> site.locks().open(alpha.id(), new IqKey(iq.id(), good.secret(), "8888")))
        .isInstanceOf(SaltoOtpBlockedException.class); // the call after the failures: blocked
    int patches = SALTO.server().requestCount(FakeRoute.OPEN_LOCK);

    for (int minute = 0; minute <= 24; minute += 4) {
      CLOCK.advance(Duration.between(CLOCK.instant(), START.plus(Duration.ofMinutes(minute))));
      assertThatThrownBy(() -> site.locks().open(alpha.id(), good))
          .isInstanceOf(SaltoOtpSuspendedException.class).hasMessageContaining("otp_blocked");
    }
    assertThat(SALTO.server().requestCount(FakeRoute.OPEN_LOCK)).as("no OTP during the block").isEqualTo(patches);

    CLOCK.advance(Duration.between(CLOCK.instant(), START.plus(Duration.ofMinutes(25)).plusSeconds(1)));
    site.locks().open(alpha.id(), good);
    assertThat(SALTO.server().openings()).hasSize(1);
  }

  @Test
  void hostFortySecondsFast_againstAnIqThatOnlyLooksBack_stillOpens() {
    SALTO.server().serverClockSkew(Duration.ofSeconds(-40)); // SALTO's clock is 40 s behind this host
    SALTO.server().otpWindow(Duration.ofMinutes(3), Duration.ZERO);
    FakeIq iq = hotel.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    FakeLock alpha = hotel.addLock("Lock Alpha", iq);
    site.locks().open(alpha.id(), iq.key()); // the OTP is stamped with SALTO's time, not 40 s ahead
    assertThat(SALTO.server().openings()).hasSize(1);
    assertThat(SALTO.client().clockSkew()).hasValueSatisfying(
        s -> assertThat(s).isBetween(Duration.ofSeconds(-41), Duration.ofSeconds(-39)));
  }

  @Test
  void troubleshooter_namesTheLockRefusingWhatTheCloudAccepts() {
    FakeIq iq = hotel.addUnactivatedIq("IQ Lobby");
    FakeLock alpha = hotel.addLock("Lock Alpha", iq);
    IqKey key = setup.activateWithNewPin(setup.requestPin(iq.id()), emailedPin(), "4711");
    MappingStore links = MappingStore.inMemory();
    links.link(new ObjectLockLink("room-101", "Room 101", alpha.id(), "Lock Alpha", Instant.EPOCH));
    IqKeyStore keys = IqKeyStore.inMemory();
    keys.save(key);
    AccessService access = AccessService.builder().site(site).mappings(links).keys(keys).clock(CLOCK)
        .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(30).build()).build();
    Reservation r = Reservation.builder().id("r-1").objectId("room-101").status("Paid")
        .start(CLOCK.instant().minusSeconds(60)).end(CLOCK.instant().plusSeconds(3600)).build();
    assertThat(access.open(r).opened()).isFalse(); // the lock refuses the new PIN
    setup.verify(key);                           // the cloud accepts it

    Report report = access.troubleshooter().doorWontOpen(r);
    assertThat(report.findings("Lock accepts the IQ key")).singleElement().satisfies(f -> {
      assertThat(f.status()).isEqualTo(Finding.Status.FAIL);
      assertThat(f.evidence()).contains("the lock refuses OTPs that the cloud accepts")
          .contains("changed with a delta").contains("mobile app");
      assertThat(f.fix()).contains("keeping the e-mailed PIN").contains("Never log the service account");
    });
    assertThat(SALTO.server().requestCount(FakeRoute.OPEN_LOCK)).isEqualTo(1);
  }
}
