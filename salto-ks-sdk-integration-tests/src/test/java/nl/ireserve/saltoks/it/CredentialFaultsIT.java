package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.exception.SaltoAuthenticationException.Reason;
import nl.ireserve.saltoks.exception.SaltoAuthenticationException;
import nl.ireserve.saltoks.exception.SaltoPermissionException;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CredentialFaultsIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  private static SaltoKsClient clientWith(SaltoCredentials c) {
    return SALTO.server().clientBuilder().credentials(c).build();
  }

  @Test
  void wrongClientSecret_isInvalidClient_withAdviceOnClientCredentials() {
    SaltoCredentials c = SaltoCredentials.of(FakeSaltoKsServer.CLIENT_ID, "wrong-secret-123",
        FakeSaltoKsServer.USERNAME, FakeSaltoKsServer.PASSWORD);
    try (SaltoKsClient client = clientWith(c)) {
      assertThatThrownBy(() -> client.sites().list())
          .isInstanceOfSatisfying(SaltoAuthenticationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_CLIENT))
          .hasMessageContaining("client id or client secret")
          .hasMessageContaining("without spaces")
          .hasMessageContaining("environment")
          .hasMessageNotContaining("wrong-secret-123");
    }
  }

  @Test
  void wrongPassword_isInvalidGrant_withAdviceOnTheServiceAccount() {
    SaltoCredentials c = SaltoCredentials.of(FakeSaltoKsServer.CLIENT_ID, FakeSaltoKsServer.CLIENT_SECRET,
        FakeSaltoKsServer.USERNAME, "not-the-password");
    try (SaltoKsClient client = clientWith(c)) {
      assertThatThrownBy(() -> client.sites().list())
          .isInstanceOfSatisfying(SaltoAuthenticationException.class,
              e -> assertThat(e.reason()).isEqualTo(Reason.INVALID_GRANT))
          .hasMessageContaining("KS user name or password")
          .hasMessageContaining("service account")
          .hasMessageNotContaining("not-the-password");
    }
  }

  @Test
  void passwordFlowNotEnabled_isFlowNotEnabled_pointingAtSalto() {
    SALTO.server().passwordFlowEnabled(false);
    assertThatThrownBy(() -> SALTO.client().sites().list())
        .isInstanceOfSatisfying(SaltoAuthenticationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.FLOW_NOT_ENABLED))
        .hasMessageContaining("password flow")
        .hasMessageContaining("api@my-clay.com");
  }

  @Test
  void accountWithoutRights_isPermission_withSiteAdminAdvice() {
    SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
    SALTO.server().accountHasRights(false);
    assertThatThrownBy(() -> SALTO.client().sites().list())
        .isInstanceOf(SaltoPermissionException.class)
        .hasMessageContaining("administrative rights on the site");
  }
}
