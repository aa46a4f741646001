package nl.ireserve.saltoks.spring;

import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.access.Tenants;
import org.jspecify.annotations.Nullable;

/**
 * Where a booking platform keeps its customers' SALTO KS settings. Define a bean of this type and the
 * starter serves many customers instead of one: an {@code Tenants} bean sets each customer
 * up on first use (its own client within one shared HTTP budget, its site, its JDBC stores scoped by site,
 * the shared guards, the policy and listeners from {@code saltoks.*}), and the single-site beans ({@code
 * SaltoKsClient}, {@code SiteClient}, {@code AccessService}, …) are not created. Called on the thread of a
 * customer's first use, once per customer however many requests arrive together; must be thread-safe.
 */
@FunctionalInterface
public interface SaltoKsCustomers {

  /**
   * A customer's settings, read from the host's own configuration source.
   *
   * @param tenantKey the host's key for the customer, as given to {@code tenants.get(key)}
   * @return its settings, or null when there is no such customer
   */
  @Nullable Customer find(String tenantKey);

  /**
   * One customer's SALTO KS: the environment, the client and service account (manual 1.5, 1.6) and the
   * site UID (1.2). {@link #toString()} shows no secret.
   *
   * @param environment acceptance, production, or a custom one
   * @param credentials the client and the service account
   * @param siteUid the site UID, such as {@code NL6254340082}
   */
  record Customer(SaltoEnvironment environment, SaltoCredentials credentials, String siteUid) {
    /** Validates the fields. */
    public Customer {
      if (environment == null || credentials == null) {
        throw new IllegalArgumentException("a customer needs its environment and credentials; got "
            + (environment == null ? "no environment" : "no credentials"));
      }
      if (siteUid == null || siteUid.isBlank()) {
        throw new IllegalArgumentException("a customer needs its site UID, such as NL6254340082 (manual 1.2)");
      }
    }
  }
}
