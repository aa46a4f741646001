package nl.ireserve.saltoks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SaltoCredentialsTest {
  @Test
  void toString_showsNoSecretOrPassword() {
    SaltoCredentials c = SaltoCredentials.of("client-1", "s3cr3t-value", "svc@example.com", "pa55word");
    assertThat(c.toString())
        .contains("client-1", "svc@example.com")
        .doesNotContain("s3cr3t-value")
        .doesNotContain("pa55word");
  }

  @Test
  void secretCopiedWithASpace_isRefusedNamingTheFieldWithoutEchoingIt() {
    assertThatThrownBy(() -> SaltoCredentials.of("client-1", " s3cr3t ", "svc@example.com", "pw"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clientSecret")
        .hasMessageContaining("copied with a space")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void eachFieldNamedWhenMissingOrBlank() {
    assertThatThrownBy(() -> SaltoCredentials.of(null, "s", "u", "p")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientId must not be null");
    assertThatThrownBy(() -> SaltoCredentials.of("c", "  ", "u", "p")).hasMessageContaining("clientSecret is blank");
    assertThatThrownBy(() -> SaltoCredentials.of("c", "s", "", "p")).hasMessageContaining("username is blank");
    assertThatThrownBy(() -> SaltoCredentials.of("c", "s", "u", null)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password must not be null");
    assertThatThrownBy(() -> SaltoCredentials.of("c", "s", "u", "pw\n"))
        .hasMessageContaining("password starts or ends with whitespace");
    assertThatThrownBy(() -> SaltoCredentials.of("c\t", "s", "u", "p")).hasMessageContaining("clientId starts or ends");
  }
}
