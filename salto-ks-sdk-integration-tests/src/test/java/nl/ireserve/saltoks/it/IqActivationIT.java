package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.exception.SaltoIqSetupException.Problem;
import nl.ireserve.saltoks.exception.SaltoIqSetupException;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.exception.SaltoOtpSuspendedException;
import nl.ireserve.saltoks.iq.IqActivationStatus;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeOpening;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.SentPinEmail;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class IqActivationIT {
  static final FakeClock CLOCK = FakeClock.fixedAt(Instant.parse("2026-11-25T12:00:00Z"));

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK);

  FakeSite site;
  FakeIq freshIq;
  FakeLock alpha;

  @BeforeEach
  void arrange() {
    site = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    freshIq = site.addUnactivatedIq("IQ Lobby");
    alpha = site.addLock("Lock Alpha", freshIq);
  }

  private String pinFromEmail() {
    return SALTO.server().sentPinEmails().get(SALTO.server().sentPinEmails().size() - 1).pin();
  }

  @Test
  void fullActivation_fromAFreshIqToAVerifiedKeyThatOpens() {
    IqSetup setup = SALTO.site(site).iqSetup();
    assertThat(setup.status(freshIq.id()).activated()).isFalse();

    PendingActivation pending = setup.requestPin(freshIq.id());
    assertThat(pending.toString()).doesNotContain(freshIq.secret());
    SentPinEmail mail = SALTO.server().sentPinEmails().get(0);
    assertThat(mail.to()).isEqualTo(SALTO.server().credentials().username());
    assertThat(mail.toString()).doesNotContain(mail.pin());

    IqKey key = setup.activate(pending, mail.pin());
    assertThat(key.pin()).isEqualTo(mail.pin()); // the e-mailed PIN is kept: the path proven at a door
    assertThat(freshIq.pin()).isEqualTo(mail.pin());
    assertThat(setup.isProvenAtLock(key)).isTrue();
    IqActivationStatus status = setup.status(freshIq.id());
    assertThat(status.activated()).isTrue();
    assertThat(status.activationDate()).isEqualTo(Instant.parse("2026-11-25T12:00:00Z"));
    assertThat(status.ready()).isTrue();

    setup.verify(key);
    SALTO.site(site).locks().open(alpha.id(), key);
    assertThat(SALTO.server().openings()).extracting(FakeOpening::lockName).containsExactly("Lock Alpha");
  }

  @Test
  void everyPinDigitPair_isReachedByTheDelta() {
    IqSetup setup = SALTO.site(site).iqSetup();
    IqKey key = setup.activateWithNewPin(setup.requestPin(freshIq.id()), pinFromEmail(), "0000");
    for (String next : new String[] {"9999", "1234", "9087", "0000"}) {
      key = setup.changePin(key, next);
      assertThat(freshIq.pin()).isEqualTo(next);
      setup.verify(key);
    }
  }

  @Test
  void secretAlreadyConsumed_saysAlreadyActivatedAndMobileAppRotation() {
    IqSetup setup = SALTO.site(site).iqSetup();
    setup.activate(setup.requestPin(freshIq.id()), pinFromEmail());
    assertThatThrownBy(() -> setup.requestPin(freshIq.id()))
        .isInstanceOfSatisfying(SaltoIqSetupException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.ALREADY_ACTIVATED))
        .hasMessageContaining("already activated")
        .hasMessageContaining("rotates the secret");
  }

  @Test
  void wrongCurrentPin_isReportedAsSuch() {
    IqSetup setup = SALTO.site(site).iqSetup();
    PendingActivation pending = setup.requestPin(freshIq.id());
    String wrong = pinFromEmail().equals("1111") ? "2222" : "1111";
    assertThatThrownBy(() -> setup.activate(pending, wrong))
        .isInstanceOfSatisfying(SaltoIqSetupException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.WRONG_CURRENT_PIN))
        .hasMessageContaining("e-mailed PIN");
    assertThat(freshIq.activated()).isFalse();
  }

  @Test
  void pinNotFourDigits_isRefusedBeforeAnyCall() {
    IqSetup setup = SALTO.site(site).iqSetup();
    PendingActivation pending = setup.requestPin(freshIq.id());
    int before = SALTO.server().requests().size();
    assertThatThrownBy(() -> setup.activateWithNewPin(pending, pinFromEmail(), "471"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("newPin must be exactly 4 digits");
    assertThatThrownBy(() -> setup.activate(pending, "12 4"))
        .hasMessageContaining("emailedPin must be exactly 4 digits");
    assertThat(SALTO.server().requests()).hasSize(before);
  }

  @Test
  void iqOffline_isReportedBeforeTheOtpIsSpent() {
    IqSetup setup = SALTO.site(site).iqSetup();
    PendingActivation pending = setup.requestPin(freshIq.id());
    freshIq.online(false);
    assertThatThrownBy(() -> setup.activate(pending, pinFromEmail()))
        .isInstanceOfSatisfying(SaltoIqSetupException.class,
            e -> assertThat(e.problem()).isEqualTo(Problem.IQ_OFFLINE))
        .hasMessageContaining("offline");
    assertThat(SALTO.server().requestCount(FakeRoute.IQ_CHANGE_PIN)).isZero();
  }

  @Test
  void mobileAppRotation_firstOpenFailsOtpInvalid_nextIsRefusedLocally_fakeSeesNoSecondOtp() {
    FakeIq iq = site.addIq("IQ Annex", "a1b2c3d4e5f6g7h8", "1234");
    FakeLock bravo = site.addLock("Lock Bravo", iq);
    IqKey stored = iq.key();
    SaltoKsClient client = SALTO.client();
    client.site(SALTO.server().site(site)).locks().open(bravo.id(), stored);
    iq.rotateSecret(); // the IQ was activated in the KS mobile app
    int before = iq.otpAttempts();

    assertThatThrownBy(() -> client.site(SALTO.server().site(site)).locks().open(bravo.id(), stored))
        .isInstanceOf(SaltoOtpInvalidException.class);
    assertThatThrownBy(() -> client.site(SALTO.server().site(site)).locks().open(bravo.id(), stored))
        .isInstanceOf(SaltoOtpSuspendedException.class)
        .hasMessageContaining("No one-time password was sent")
        .hasMessageContaining("rotates the secret");
    assertThat(iq.otpAttempts() - before).isEqualTo(1);

    assertThatThrownBy(() -> client.site(SALTO.server().site(site)).iqSetup().verify(stored)).isInstanceOf(SaltoOtpInvalidException.class);
    assertThat(iq.otpAttempts() - before).isEqualTo(2);
    assertThat(SALTO.server().openings()).hasSize(1);
  }

  @Test
  void fiveMinuteSkew_isCorrectedFromTheDateHeader() {
    FakeIq iq = site.addIq("IQ Annex", "a1b2c3d4e5f6g7h8", "1234");
    FakeLock bravo = site.addLock("Lock Bravo", iq);
    SALTO.server().serverClockSkew(Duration.ofMinutes(5)); // this host's clock is 5 minutes behind
    SaltoKsClient client = SALTO.client();
    client.site(SALTO.server().site(site)).locks().open(bravo.id(), iq.key());
    assertThat(SALTO.server().openings()).hasSize(1);
    assertThat(client.clockSkew()).hasValueSatisfying(
        s -> assertThat(s).isBetween(Duration.ofSeconds(299), Duration.ofSeconds(301)));
  }

  @Test
  void fiveMinuteSkew_isCorrectedWhateverTheWarningBound() {
    FakeIq iq = site.addIq("IQ Annex", "a1b2c3d4e5f6g7h8", "1234");
    FakeLock bravo = site.addLock("Lock Bravo", iq);
    SALTO.server().serverClockSkew(Duration.ofMinutes(5));
    // maxClockSkew only bounds warnings now: OTPs follow SALTO's time once it is known to be off by > 2 s
    try (SaltoKsClient tolerant = SALTO.server().clientBuilder().maxClockSkew(Duration.ofMinutes(10)).build()) {
      tolerant.site(SALTO.server().site(site)).locks().open(bravo.id(), iq.key());
    }
    assertThat(SALTO.server().openings()).hasSize(1);
  }
}
