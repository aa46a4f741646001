package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.exception.SaltoOtpSuspendedException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * IQ activation on what was measured at a real door: the fake's cloud and lock validate OTPs
 * separately, and after a PIN change with a real delta the lock keeps the e-mailed PIN (as measured).
 * Counts the {@code PATCH …/locking} requests that reach the fake.
 */
class ProvenActivationIT {
  static final FakeClock CLOCK = FakeClock.fixedAt(Instant.parse("2026-11-25T12:00:00Z"));

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK);

  FakeIq iq;
  FakeLock alpha;
  SiteClient site;
  IqSetup setup;

  @BeforeEach
  void arrange() {
    FakeSite hotel = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    iq = hotel.addUnactivatedIq("IQ Lobby");
    alpha = hotel.addLock("Lock Alpha", iq);
    site = SALTO.site(hotel);
    setup = site.iqSetup();
  }

  private String emailedPin() {
    return SALTO.server().sentPinEmails().get(SALTO.server().sentPinEmails().size() - 1).pin();
  }

  private int patches() {
    return SALTO.server().requestCount(FakeRoute.OPEN_LOCK);
  }

  @Test
  void defaultActivation_keepsTheEmailedPin_andOpens() {
    IqKey key = setup.activate(setup.requestPin(iq.id()), emailedPin());
    assertThat(key.pin()).isEqualTo(emailedPin()).isEqualTo(iq.lockPin());
    site.locks().open(alpha.id(), key);
    assertThat(SALTO.server().openings()).hasSize(1);
  }

  @Test
  void newPin_verifyPasses_lockRefuses_andNoFurtherOtpReachesTheLock_untilReactivation() {
    IqKey key = setup.activateWithNewPin(setup.requestPin(iq.id()), emailedPin(), "4711");
    assertThat(setup.isProvenAtLock(key)).isFalse();
    setup.verify(key); // the cloud accepts the new PIN

    assertThatThrownBy(() -> site.locks().open(alpha.id(), key)).isInstanceOf(SaltoOtpInvalidException.class);
    assertThat(patches()).isEqualTo(1);

    // the loop: verify passes in the cloud, but it must not let another wrong OTP reach the lock
    for (int turn = 0; turn < 3; turn++) {
      setup.verify(key);
      assertThatThrownBy(() -> site.locks().open(alpha.id(), key))
          .isInstanceOf(SaltoOtpSuspendedException.class)
          .hasMessageContaining("the lock (its IQ) refused one from this key")
          .hasMessageContaining("non-zero delta")
          .hasMessageContaining("mobile app");
    }
    assertThat(patches()).as("PATCHes that reached the fake").isEqualTo(1);
    assertThat(SALTO.server().openings()).isEmpty();

    // the operator's explicit action lets exactly one more attempt through
    setup.allowRetryAfterLockRefusal(key);
    assertThatThrownBy(() -> site.locks().open(alpha.id(), key)).isInstanceOf(SaltoOtpInvalidException.class);
    assertThatThrownBy(() -> site.locks().open(alpha.id(), key)).isInstanceOf(SaltoOtpSuspendedException.class);
    assertThat(patches()).isEqualTo(2);

    // re-activation keeping the e-mailed PIN (after SALTO reset the account's activation at the IQ)
    iq.resetActivation();
    IqKey proven = setup.activate(setup.requestPin(iq.id()), emailedPin());
    site.locks().open(alpha.id(), proven);
    assertThat(SALTO.server().openings()).hasSize(1);
    assertThat(patches()).isEqualTo(3);
  }

  @Test
  void newPin_opensWhenTheLockFollows_andIsThenProven() {
    SALTO.server().lockFollowsPinChanges(true);
    IqKey key = setup.activateWithNewPin(setup.requestPin(iq.id()), emailedPin(), "4711");
    assertThat(setup.isProvenAtLock(key)).isFalse();
    site.locks().open(alpha.id(), key);
    assertThat(setup.isProvenAtLock(key)).isTrue();
    assertThat(SALTO.server().openings()).hasSize(1);
  }

  @Test
  void aCloudRefusal_isLiftedByAPassingVerify() {
    IqKey key = setup.activate(setup.requestPin(iq.id()), emailedPin());
    IqKey wrong = new IqKey(iq.id(), key.secret(), key.pin().equals("0000") ? "1111" : "0000");
    assertThatThrownBy(() -> setup.verify(wrong)).isInstanceOf(SaltoOtpInvalidException.class);
    assertThatThrownBy(() -> setup.changePin(wrong, "4711")).isInstanceOf(SaltoOtpSuspendedException.class)
        .hasMessageContaining("SALTO KS refused one from this key");
    setup.verify(key); // another key: the IQ's suspension was for the wrong one only
    site.locks().open(alpha.id(), key);
    assertThat(SALTO.server().openings()).hasSize(1);
  }
}
