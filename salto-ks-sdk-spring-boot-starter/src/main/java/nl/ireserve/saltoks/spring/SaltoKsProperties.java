package nl.ireserve.saltoks.spring;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SDK's settings under {@code saltoks.*}: the environment and credentials (manual 1.1, 1.5, 1.6), the
 * site (1.2–1.3), timeouts and retries, the access policy (section 3), the stores and the IQ key
 * encryption key. {@link #toString()} shows no secret.
 *
 * @param environment {@code acceptance} (to test), {@code production} (live) or {@code custom}
 * @param identityUrl the identity server's URL, for {@code custom} only
 * @param apiUrl the Connect API's URL, for {@code custom} only
 * @param clientId the client id SALTO issued (manual 1.5)
 * @param clientSecret the client secret (manual 1.5)
 * @param username the KS service account's user name (manual 1.6)
 * @param password the KS service account's password (manual 1.6)
 * @param siteUid the site UID, such as {@code NL6254340082} (manual 1.2)
 * @param lazySite read the site on first use instead of at startup (startup then never fails on SALTO)
 * @param connectTimeout how long to wait to connect
 * @param readTimeout how long to wait for an answer
 * @param callTimeout how long a whole call may take, retries included
 * @param retry how reads are retried (commands never are once they may have arrived)
 * @param access the access policy (manual section 3)
 * @param stores where links, IQ keys and the guards live
 * @param iqKeyEncryptionKey the Base64 AES-256 key IQ keys are encrypted with in the database
 * @param healthCache how long the actuator's health answer is reused, so probes never hammer SALTO
 * @param tenants the budgets of many customers in one host (with a {@link SaltoKsCustomers} bean)
 * @param siteLimits how hard the SDK presses on each SALTO site (SALTO rate-limits without publishing a
 *     threshold)
 */
@ConfigurationProperties("saltoks")
public record SaltoKsProperties(
    @DefaultValue("acceptance") String environment,
    @Nullable String identityUrl,
    @Nullable String apiUrl,
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Nullable String username,
    @Nullable String password,
    @Nullable String siteUid,
    @DefaultValue("false") boolean lazySite,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("15s") Duration readTimeout,
    @DefaultValue("30s") Duration callTimeout,
    @DefaultValue Retry retry,
    @DefaultValue Access access,
    @DefaultValue Stores stores,
    @Nullable String iqKeyEncryptionKey,
    @DefaultValue("30s") Duration healthCache,
    @DefaultValue Tenants tenants,
    @DefaultValue SiteLimitsProperties siteLimits) {

  /**
   * The access policy (manual section 3).
   *
   * @param allowedStatuses the reservation statuses that may open (3.1)
   * @param minutesBefore the minutes of access before the start (3.2)
   * @param graceMinutesAfter the minutes of access after the end
   * @param paymentRequired whether a payment must be complete
   * @param lastOpenField the reservation field that records the last open action (3.3)
   * @param statusAfterOpening the status set after opening, the check-in (3.4)
   */
  public record Access(@DefaultValue List<String> allowedStatuses, @DefaultValue("30") int minutesBefore,
      @DefaultValue("0") int graceMinutesAfter, @DefaultValue("false") boolean paymentRequired,
      @Nullable String lastOpenField, @Nullable String statusAfterOpening) {}

  /**
   * How reads are retried: attempts in all (1: none) and the backoff between them (full jitter).
   *
   * @param maxAttempts attempts in all, 1 to 10
   * @param initialBackoff the first backoff
   * @param maxBackoff the longest backoff
   */
  public record Retry(@DefaultValue("3") int maxAttempts, @DefaultValue("200ms") Duration initialBackoff,
      @DefaultValue("5s") Duration maxBackoff) {}

  /**
   * Where the SDK's state lives.
   *
   * @param type {@code auto} (the application's {@code DataSource} when there is one, else memory),
   *     {@code memory} or {@code jdbc}
   * @param migrateSchema whether the SDK applies its SQL migrations ({@code classpath:db/saltoks/migration})
   *     to the data source at start; {@code false} (the default) when the application's Flyway or its DBA owns
   *     the schema, which is then checked at start
   */
  public record Stores(@DefaultValue("auto") String type, @DefaultValue("false") boolean migrateSchema) {}

  /**
   * How hard the SDK presses on each SALTO site ({@code nl.ireserve.saltoks.SiteLimits}): a request rate, a
   * bound in flight and a circuit for bursts of 503.
   *
   * @param requestsPerSecond requests per second to one site, evenly spaced (0: no limit)
   * @param maxInFlight requests in flight to one site at once (0: no bound)
   * @param maxWait how long a request may wait for its turn before it fails unsent
   * @param circuitFailures answers 502/503/504 or timeouts in a row that stop sending to the site (0: never)
   * @param circuitOpenFor how long the SDK stops sending before one probe call
   */
  public record SiteLimitsProperties(@DefaultValue("8") int requestsPerSecond, @DefaultValue("5") int maxInFlight,
      @DefaultValue("10s") Duration maxWait, @DefaultValue("5") int circuitFailures,
      @DefaultValue("30s") Duration circuitOpenFor) {}

  /**
   * Many customers in one host, with a {@link SaltoKsCustomers} bean.
   *
   * @param sharedBudget requests in flight across every customer (1 to 65,536)
   * @param perCustomer requests in flight of one customer, its bulkhead within the budget
   * @param idleAfter a customer unused this long is closed, and set up again on its next use
   */
  public record Tenants(@DefaultValue("256") int sharedBudget, @DefaultValue("8") int perCustomer,
      @DefaultValue("30m") Duration idleAfter) {}

  @Override
  public String toString() {
    return "SaltoKsProperties[environment=" + environment + ", clientId=" + (clientId == null ? "unset" : "****")
        + ", username=" + (username == null ? "unset" : "****") + ", siteUid=" + siteUid + ", access=" + access
        + ", stores=" + stores + "]";
  }
}
