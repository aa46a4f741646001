package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import nl.ireserve.saltoks.Iq.IqState;
import nl.ireserve.saltoks.Iq;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.SaltoNotFoundException;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SitesLocksIqsIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  @Test
  void siteFoundByUid_givesUuidNameAndZone() {
    FakeSaltoKsServer fake = SALTO.server();
    fake.addSite("DE4520168385", "Other", ZoneId.of("Europe/Berlin"));
    FakeSite hotel = fake.addSite("NL6254340082", "Hotel Demo", ZoneId.of("Europe/Amsterdam"));
    Site site = SALTO.client().sites().findByUid(" nl6254340082 ").orElseThrow();
    assertThat(site.id()).isEqualTo(hotel.id());
    assertThat(site.name()).isEqualTo("Hotel Demo");
    assertThat(site.zone()).contains(ZoneId.of("Europe/Amsterdam"));
    assertThat(SALTO.client().sites().findByUid("NL0000000000")).isEmpty();
    assertThat(SALTO.client().sites().get(hotel.id()).siteUid()).isEqualTo("NL6254340082");
  }

  @Test
  void listSpreadOverThreePages_isReadWhole() {
    FakeSaltoKsServer fake = SALTO.server().pageSize(2);
    FakeSite site = fake.addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
    FakeIq iq = site.addIq("IQ", "a1b2c3d4e5f6g7h8", "1234");
    for (int i = 1; i <= 5; i++) {
      site.addLock("Lock " + i, iq);
    }
    assertThat(SALTO.site(site).locks().list())
        .extracting(Lock::name)
        .containsExactly("Lock 1", "Lock 2", "Lock 3", "Lock 4", "Lock 5");
    assertThat(fake.requestCount(FakeRoute.LIST_LOCKS)).isEqualTo(3);
  }

  @Test
  void bareArrayList_isRead() {
    FakeSaltoKsServer fake = SALTO.server().sitesAsBareArray(true);
    fake.addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
    fake.addSite("NL6254340083", "Annex", ZoneId.of("UTC"));
    assertThat(SALTO.client().sites().list()).extracting(Site::name).containsExactly("Hotel", "Annex");
  }

  @Test
  void lockAndIq_areReadWithOnlineStateAndOtp() {
    FakeSite site = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
    FakeIq iq = site.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    iq.online(false);
    String alpha = site.addLock("Lock Alpha", iq).online(true).id();
    SaltoKsClient client = SALTO.client();
    Lock lock = client.site(SALTO.server().site(site)).locks().get(alpha);
    assertThat(lock.online()).isTrue();
    assertThat(lock.iq().id()).isEqualTo(iq.id());
    assertThat(lock.iq().online()).isFalse();
    assertThat(lock.iq().otpEnabled()).isTrue();
    Iq read = client.site(SALTO.server().site(site)).iqs().get(iq.id());
    assertThat(read.state()).isEqualTo(IqState.ACTIVE);
    assertThat(read.online()).isFalse();
    assertThat(client.site(SALTO.server().site(site)).iqs().list()).hasSize(1);
  }

  @Test
  void unknownLock_isNotFound_withEnvironmentAdvice() {
    FakeSite site = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
    assertThatThrownBy(() -> SALTO.site(site).locks().get("3fa85f64-5717-4562-b3fc-2c963f66afa6"))
        .isInstanceOf(SaltoNotFoundException.class)
        .hasMessageContaining("acceptance vs production");
  }

  @Test
  void siteUidInAPath_isRefusedBeforeAnyCall() {
    assertThatThrownBy(() -> SALTO.client().site(new Site("fake", SALTO.server().apiUrl(), "NL6254340082",
            "NL6254340082", "Hotel", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("looks like a human site UID")
        .hasMessageContaining("findByUid");
    assertThat(SALTO.server().requests()).isEmpty();
  }
}
