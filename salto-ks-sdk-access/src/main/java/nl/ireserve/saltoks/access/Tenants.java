package nl.ireserve.saltoks.access;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;
import nl.ireserve.saltoks.SharedHttp;
import nl.ireserve.saltoks.mapping.internal.Args;

/**
 * The customers of a host that serves many SALTO sites, by the host's tenant key: each customer's
 * {@link Tenant}, set up on first use from the host's configuration, cached, closed when idle for
 * {@link Builder#idleAfter} and when the registry closes.
 *
 * <pre>{@code
 * SharedHttp http = SharedHttp.create(256);
 * Tenants tenants = Tenants.builder(key -> {
 *       CustomerConfig cfg = configs.load(key);             // the host's own configuration source
 *       SaltoKsClient client = SaltoKsClient.builder().credentials(cfg.credentials())
 *           .sharedHttp(http).maxConcurrentRequests(8).build();
 *       SiteClient site = client.site(cfg.site());
 *       return new Tenant(client, site, AccessService.builder().site(site)
 *           .mappings(db.mappings(cfg.site())) ... .build());
 *     }).idleAfter(Duration.ofMinutes(30)).build();
 *
 * OpenOutcome outcome = tenants.get("hotel-amsterdam").access().open(reservation);
 * }</pre>
 *
 * <p>Thread-safe. Concurrent first uses of one key wait for one setup: a customer is set up once,
 * however many requests arrive together, and setting up one customer never holds up another's. A failed
 * setup is not kept: every caller waiting for it gets its exception, and the next {@link #get} tries
 * again. Look a tenant up for each request instead of keeping it: an idle tenant is closed.
 */
public final class Tenants implements AutoCloseable {
  private final TenantRegistry registry;

  private Tenants(TenantRegistry registry) {
    this.registry = registry;
  }

  /**
   * A registry's builder.
   *
   * @param setup the host's configuration source: builds the tenant of a tenant key (its client,
   *     typically on a shared {@link nl.ireserve.saltoks.SharedHttp}, its site, and its
   *     access service with stores obtained for that site); what it throws, {@link #get} throws
   * @return the registry's builder
   */
  public static Builder builder(Function<String, Tenant> setup) {
    return new Builder(Args.notNull("setup", setup));
  }

  /**
   * A customer's tenant: the cached one, or one set up now (once, however many callers ask at once).
   *
   * @param tenantKey the host's key for the customer
   * @return the tenant
   * @throws IllegalStateException when the registry is closed
   * @throws RuntimeException what the setup threw, when it failed
   */
  public Tenant get(String tenantKey) {
    return registry.get(tenantKey);
  }

  /**
   * Forgets a customer and closes its tenant (its configuration changed, say); the next {@link #get}
   * sets it up anew.
   *
   * @param tenantKey the host's key for the customer
   */
  public void evict(String tenantKey) {
    registry.evict(tenantKey);
  }

  /**
   * Closes the tenants idle for longer than {@link Builder#idleAfter}. The registry also does it, a
   * little at a time, on {@link #get}; call this from a host's scheduler to release them on time.
   */
  public void evictIdle() {
    registry.evictIdle();
  }

  /**
   * How many customers are set up now.
   *
   * @return the number of tenants held
   */
  public long size() {
    return registry.size();
  }

  /** Closes every tenant; {@link #get} refuses afterwards. Idempotent. */
  @Override
  public void close() {
    registry.close();
  }

  /** Settings of a {@link Tenants} registry; from {@link Tenants#builder}. */
  public static final class Builder {
    private final Function<String, Tenant> setup;
    private Duration idleAfter = Duration.ofMinutes(30);
    private LongSupplier nanoTime = System::nanoTime;

    private Builder(Function<String, Tenant> setup) {
      this.setup = setup;
    }

    /**
     * How long a tenant stays unused before it is closed (default 30 minutes).
     *
     * @param idleAfter a positive duration
     * @return this builder
     */
    public Builder idleAfter(Duration idleAfter) {
      this.idleAfter = Args.positive("idleAfter", idleAfter);
      return this;
    }

    /**
     * The monotonic clock idleness is measured on, in nanoseconds (default {@code System::nanoTime};
     * tests move a {@code FakeClock}'s).
     *
     * @param nanoTime the clock
     * @return this builder
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Args.notNull("nanoTime", nanoTime);
      return this;
    }

    /**
     * The registry.
     *
     * @return the registry, empty until its first {@link Tenants#get}
     */
    public Tenants build() {
      return new Tenants(new TenantRegistry(setup, idleAfter, nanoTime));
    }
  }
}
