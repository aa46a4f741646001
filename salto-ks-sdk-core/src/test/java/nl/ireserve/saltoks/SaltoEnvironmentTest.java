package nl.ireserve.saltoks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SaltoEnvironmentTest {
  @Test
  void acceptanceAndProduction_useTheDocumentedHosts() {
    assertThat(SaltoEnvironment.ACCEPTANCE.identityUrl()).hasToString("https://identity-acc.eu.my-clay.com");
    assertThat(SaltoEnvironment.ACCEPTANCE.apiUrl()).hasToString("https://clp-accept-user.my-clay.com");
    assertThat(SaltoEnvironment.PRODUCTION.identityUrl()).hasToString("https://identity.eu.my-clay.com");
    assertThat(SaltoEnvironment.PRODUCTION.apiUrl()).hasToString("https://connect.my-clay.com");
    assertThat(SaltoEnvironment.named(" Acceptance ")).isSameAs(SaltoEnvironment.ACCEPTANCE);
  }

  @Test
  void plainHttp_isRefusedExceptForLoopback() {
    assertThatThrownBy(() -> SaltoEnvironment.custom("http://proxy.example.com", "https://x.example.com"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("identityUrl uses plain http://");
    assertThatThrownBy(() -> SaltoEnvironment.custom("https://a.example.com", "http://10.0.0.8:8080"))
        .hasMessageContaining("apiUrl uses plain http://");
    assertThat(SaltoEnvironment.custom("http://127.0.0.1:8080/identity/", "http://localhost:8080/api").apiUrl())
        .hasToString("http://localhost:8080/api");
    assertThat(SaltoEnvironment.custom("http://[::1]:9/i", "http://127.0.0.5:9/a").isPlainHttp()).isTrue();
  }

  @Test
  void malformedUrls_areRefusedNamingTheField() {
    assertThatThrownBy(() -> SaltoEnvironment.custom("ftp://x", "https://y")).hasMessageContaining("identityUrl must be");
    assertThatThrownBy(() -> SaltoEnvironment.custom("https://x", "https://y/?a=b")).hasMessageContaining("apiUrl must not have a query");
    assertThatThrownBy(() -> SaltoEnvironment.named("prod")).hasMessageContaining("acceptance\" or \"production");
  }
}
