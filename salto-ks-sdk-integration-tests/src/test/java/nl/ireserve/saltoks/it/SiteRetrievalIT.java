package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.SaltoSiteNotFoundException;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SiteRetrievalIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  @Test
  void retrieve_givesUuidNameZoneAndRemembersTheEnvironment() {
    FakeSite hotel = SALTO.server().addSite("NL6254340082", "Hotel Demo", ZoneId.of("Europe/Amsterdam"));
    Site ref = SALTO.client().sites().retrieve("NL6254340082");
    assertThat(ref.id()).isEqualTo(hotel.id());
    assertThat(ref.name()).isEqualTo("Hotel Demo");
    assertThat(ref.zone()).contains(ZoneId.of("Europe/Amsterdam"));
    assertThat(ref.environment()).isEqualTo("fake");
    assertThat(ref.belongsTo(SALTO.client().environment())).isTrue();
    assertThat(SALTO.client().site(ref).locks().list()).isEmpty();
  }

  @Test
  void unknownUid_listsWhatTheAccountSees_andPointsAtUidAndEnvironment() {
    SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
    SALTO.server().addSite("DE4520168385", "Berlin", ZoneId.of("UTC"));
    assertThatThrownBy(() -> SALTO.client().sites().retrieve("NL0000000001"))
        .isInstanceOfSatisfying(SaltoSiteNotFoundException.class,
            e -> assertThat(e.visibleSiteUids()).containsExactly("NL6254340082", "DE4520168385"))
        .hasMessageContaining("NL6254340082, DE4520168385")
        .hasMessageContaining("acceptance vs production");
  }

  @Test
  void noVisibleSite_pointsAtClientCredentialsAndRights() {
    assertThatThrownBy(() -> SALTO.client().sites().retrieve("NL6254340082"))
        .isInstanceOf(SaltoSiteNotFoundException.class)
        .hasMessageContaining("sees no site at all")
        .hasMessageContaining("client id and secret")
        .hasMessageContaining("administrative rights");
  }

  @Test
  void referenceFromAnotherEnvironment_isRefusedLocally() {
    SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
    Site fromFake = SALTO.client().sites().retrieve("NL6254340082");
    Site fromAcceptance = new Site("acceptance",
        SaltoEnvironment.ACCEPTANCE.apiUrl().toString(), "NL6254340082", fromFake.id(), "Hotel", "UTC");
    try (SaltoKsClient production = SaltoKsClient.builder()
        .environment(SaltoEnvironment.PRODUCTION)
        .credentials(SaltoCredentials.of("id", "secret", "svc@example.com", "pw"))
        .build()) {
      assertThatThrownBy(() -> production.site(fromAcceptance))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("this site ID belongs to acceptance")
          .hasMessageContaining("talks to production");
    }
    assertThatThrownBy(() -> SALTO.client().site(fromAcceptance))
        .hasMessageContaining("belongs to acceptance");
  }
}
