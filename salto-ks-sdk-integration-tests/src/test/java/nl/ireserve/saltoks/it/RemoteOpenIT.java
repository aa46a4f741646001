package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import nl.ireserve.saltoks.Locks;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.exception.SaltoOtpSuspendedException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeOpening;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RemoteOpenIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  FakeSite site;
  FakeIq iq;
  FakeLock alpha;

  @BeforeEach
  void arrange() {
    site = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    iq = site.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    alpha = site.addLock("Lock Alpha", iq);
    site.addLock("Lock Bravo", iq);
  }

  @Test
  void openWithTheRightOtp_isRecordedByTheFake() {
    SALTO.site(site).locks().open(alpha.id(), iq.key());
    assertThat(SALTO.server().openings())
        .singleElement()
        .satisfies(o -> {
          assertThat(o.lockId()).isEqualTo(alpha.id());
          assertThat(o.lockName()).isEqualTo("Lock Alpha");
        });
  }

  @Test
  void openWithAWrongPin_givesOtpInvalid_andOpensNothing() {
    IqKey wrong = new IqKey(iq.id(), "a1b2c3d4e5f6g7h8", "9999");
    assertThatThrownBy(() -> SALTO.site(site).locks().open(alpha.id(), wrong))
        .isInstanceOf(SaltoOtpInvalidException.class)
        .hasMessageContaining("secret was rotated")
        .hasMessageContaining("PIN")
        .hasMessageContaining("clock");
    assertThat(SALTO.server().openings()).isEmpty();
  }

  @Test
  void afterOtpInvalid_theSameKeyIsRefusedLocally_andAFixedKeyWorks() {
    Locks locks = SALTO.site(site).locks();
    IqKey wrong = new IqKey(iq.id(), "a1b2c3d4e5f6g7h8", "9999");
    assertThatThrownBy(() -> locks.open(alpha.id(), wrong)).isInstanceOf(SaltoOtpInvalidException.class);
    assertThatThrownBy(() -> locks.open(alpha.id(), wrong)).isInstanceOf(SaltoOtpSuspendedException.class);
    assertThat(iq.otpAttempts()).isEqualTo(1);
    locks.open(alpha.id(), iq.key());
    assertThat(SALTO.server().openings()).extracting(FakeOpening::lockName).containsExactly("Lock Alpha");
  }

  @Test
  void apiVersion11_isUsedForEveryConnectCall() {
    try (SaltoKsClient v11 = SALTO.server().clientBuilder().apiVersion(SaltoKsClient.ApiVersion.V1_1).build()) {
      v11.site(SALTO.server().site(site)).locks().open(alpha.id(), iq.key());
      assertThat(v11.site(SALTO.server().site(site)).locks().get(alpha.id()).name()).isEqualTo("Lock Alpha");
    }
    assertThat(SALTO.server().openings()).hasSize(1);
    assertThat(SALTO.server().requests()).filteredOn(r -> r.path().startsWith("/api/"))
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.path()).startsWith("/api/v1.1/"));
  }
}
