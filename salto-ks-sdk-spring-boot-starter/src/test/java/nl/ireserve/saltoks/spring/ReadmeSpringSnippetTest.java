package nl.ireserve.saltoks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;

/**
 * The README's "Many customers" Spring snippet, verbatim (ReadmeSnippetsIT finds it here), compiled and
 * run: the lookup maps a known key to its customer and an unknown one to null.
 */
class ReadmeSpringSnippetTest {
  /** A host's table of customers. */
  interface CustomerRepository {
    Optional<Row> find(String key);
  }

  record Row(String clientId, String clientSecret, String username, String password, String siteUid) {}

  static class HostConfiguration {
    @Bean
    SaltoKsCustomers customers(CustomerRepository repo) {                 // the host's own configuration source
      return key -> repo.find(key).map(c -> new SaltoKsCustomers.Customer(SaltoEnvironment.PRODUCTION,
          SaltoCredentials.of(c.clientId(), c.clientSecret(), c.username(), c.password()), c.siteUid())).orElse(null);
    }
    // then: tenants.get(customerKey).access().open(reservation)
  }

  @Test
  void theSnippetsLookup_findsAKnownCustomer_andNoOther() {
    CustomerRepository repo = key -> key.equals("hotel-amsterdam")
        ? Optional.of(new Row("client", "s3cr3t-value", "svc@example.com", "pw-value", "NL6254340082")) : Optional.empty();
    SaltoKsCustomers customers = new HostConfiguration().customers(repo);
    SaltoKsCustomers.Customer c = customers.find("hotel-amsterdam");
    assertThat(c.siteUid()).isEqualTo("NL6254340082");
    assertThat(c.environment()).isEqualTo(SaltoEnvironment.PRODUCTION);
    assertThat(c.toString()).doesNotContain("s3cr3t-value").doesNotContain("pw-value");
    assertThat(customers.find("elsewhere")).isNull();
  }
}
