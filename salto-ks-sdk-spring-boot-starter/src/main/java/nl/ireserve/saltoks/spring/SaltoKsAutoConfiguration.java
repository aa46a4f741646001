package nl.ireserve.saltoks.spring;

import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import javax.sql.DataSource;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SharedHttp;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessEvent;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.ReservationRecorder;
import nl.ireserve.saltoks.access.Tenant;
import nl.ireserve.saltoks.access.Tenants;
import nl.ireserve.saltoks.access.Troubleshooter;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.jdbc.JdbcStores;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.spi.Observer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The SDK from {@code saltoks.*}: the client, the site (retrieved once at startup, or lazily), the stores
 * (on the application's {@code DataSource} when there is one, in memory otherwise, with a warning), the
 * access guards, the access service with the application's {@link ReservationRecorder} and every {@code
 * Consumer<AccessEvent>} bean, the troubleshooter and the mapping service. Every bean backs off when the
 * application defines its own. With Micrometer on the class path and a {@code MeterRegistry} bean, the
 * client and the access service report meters ({@link SaltoKsMetrics}).
 */
@AutoConfiguration
@EnableConfigurationProperties(SaltoKsProperties.class)
public class SaltoKsAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(SaltoKsAutoConfiguration.class);

  /**
   * The guards shared by every instance on the application's {@code DataSource}, or in memory.
   *
   * @param p the properties
   * @param dataSource the application's data source, if any
   * @return the guards
   */
  @Bean
  @ConditionalOnMissingBean
  public AccessGuards saltoKsAccessGuards(SaltoKsProperties p, ObjectProvider<DataSource> dataSource) {
    DataSource ds = dataSource(p, dataSource);
    if (ds == null) {
      LOG.warn("SALTO KS stores are in memory: links, IQ keys and the openings journal do not survive a restart,"
          + " and several instances do not share them. Give the application a DataSource (or set"
          + " saltoks.stores.type=jdbc) to keep them in the database.");
      return AccessGuards.inMemory();
    }
    return jdbc(p, ds).guards();
  }

  /**
   * The access policy from {@code saltoks.access.*}.
   *
   * @param p the properties
   * @return the policy
   */
  @Bean
  @ConditionalOnMissingBean
  public AccessPolicy saltoKsAccessPolicy(SaltoKsProperties p) {
    SaltoKsProperties.Access a = p.access();
    AccessPolicy.Builder b = AccessPolicy.builder().allowedStatuses(a.allowedStatuses())
        .minutesBefore(a.minutesBefore()).graceMinutesAfter(a.graceMinutesAfter()).paymentRequired(a.paymentRequired());
    if (a.lastOpenField() != null) {
      b.lastOpenField(a.lastOpenField());
    }
    if (a.statusAfterOpening() != null) {
      b.statusAfterOpening(a.statusAfterOpening());
    }
    return b.build();
  }

  /**
   * One site from {@code saltoks.*}: the beans of a host that serves one customer. Not created when the
   * application defines {@link SaltoKsCustomers} (then {@link ManyCustomers} serves them).
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingBean(SaltoKsCustomers.class)
  public static class OneSite {
    /**
     * The client.
     *
     * @param p the properties
     * @param observer a {@code Observer} bean, if any (metrics)
     * @return the client, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public SaltoKsClient saltoKsClient(SaltoKsProperties p, ObjectProvider<Observer> observer) {
      return client(p, environment(p), SaltoCredentials.of(
          required(p.clientId(), "saltoks.client-id", "the client id SALTO issued (manual 1.5)"),
          required(p.clientSecret(), "saltoks.client-secret", "the client secret (manual 1.5)"),
          required(p.username(), "saltoks.username", "the KS service account's user name (manual 1.6)"),
          required(p.password(), "saltoks.password", "the KS service account's password (manual 1.6)")), observer)
          .build();
    }

    /**
     * The site, retrieved once from {@code saltoks.site-uid}: at startup, failing fast with what to fix, or
     * on first use with {@code saltoks.lazy-site=true}.
     *
     * @param client the client
     * @param p the properties
     * @return the site
     */
    @Bean
    @ConditionalOnMissingBean
    public SiteClient saltoKsSite(SaltoKsClient client, SaltoKsProperties p) {
      String uid = required(p.siteUid(), "saltoks.site-uid", "the site UID, such as NL6254340082 (manual 1.2)");
      try {
        return client.site(client.sites().retrieve(uid));
      } catch (SaltoKsException e) {
        throw new IllegalStateException("SALTO KS site " + uid + " could not be retrieved at startup. "
            + testAccessRequest(client, uid) + " Or set saltoks.lazy-site=true to start without SALTO.", e);
      }
    }

    /**
     * Links, on the application's {@code DataSource} (cached 30 s) or in memory.
     *
     * @param site the site
     * @param p the properties
     * @param dataSource the application's data source, if any
     * @return the store
     */
    @Bean
    @ConditionalOnMissingBean
    public MappingStore saltoKsMappingStore(SiteClient site, SaltoKsProperties p, ObjectProvider<DataSource> dataSource) {
      DataSource ds = dataSource(p, dataSource);
      return ds == null ? MappingStore.inMemory()
          : MappingStore.cached(jdbc(p, ds).mappings(site.site()), Duration.ofSeconds(30));
    }

    /**
     * IQ keys, encrypted on the application's {@code DataSource}, or in memory.
     *
     * @param site the site
     * @param p the properties
     * @param dataSource the application's data source, if any
     * @return the store
     */
    @Bean
    @ConditionalOnMissingBean
    public IqKeyStore saltoKsIqKeyStore(SiteClient site, SaltoKsProperties p, ObjectProvider<DataSource> dataSource) {
      DataSource ds = dataSource(p, dataSource);
      if (ds == null) {
        return IqKeyStore.inMemory();
      }
      return IqKeyStore.cached(jdbc(p, ds).iqKeys(site.site(), encryption(p)), Duration.ofSeconds(30));
    }

    /**
     * The door-open flow.
     *
     * @param site the site
     * @param policy the policy
     * @param mappings the links
     * @param keys the IQ keys
     * @param guards the guards
     * @param recorder the application's recorder, if any (required when the policy writes)
     * @param listeners every {@code Consumer<AccessEvent>} bean
     * @return the service
     */
    @Bean
    @ConditionalOnMissingBean
    public AccessService saltoKsAccessService(SiteClient site, AccessPolicy policy, MappingStore mappings,
        IqKeyStore keys, AccessGuards guards, ObjectProvider<ReservationRecorder> recorder,
        ObjectProvider<Consumer<AccessEvent>> listeners) {
      return access(site, policy, guards, recorder, listeners).mappings(mappings).keys(keys).build();
    }

    /**
     * The troubleshooter (manual section 4).
     *
     * @param access the access service
     * @return the troubleshooter
     */
    @Bean
    @ConditionalOnMissingBean
    public Troubleshooter saltoKsTroubleshooter(AccessService access) {
      return access.troubleshooter();
    }

    /**
     * The mapping service (manual section 2).
     *
     * @param site the site
     * @param mappings the links
     * @return the service
     */
    @Bean
    @ConditionalOnMissingBean
    public MappingService saltoKsMappingService(SiteClient site, MappingStore mappings) {
      return MappingService.create(site, mappings);
    }

    /** The actuator's health of SALTO KS, when Spring Boot's health support is on the class path. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
    static class HealthCheck {
      @Bean
      @ConditionalOnMissingBean(name = "saltoKsHealthIndicator")
      SaltoKsHealthIndicator saltoKsHealthIndicator(SaltoKsClient client, SiteClient site, SaltoKsProperties p) {
        return new SaltoKsHealthIndicator(client, site, p.healthCache(), System::nanoTime);
      }
    }
  }

  /**
   * Many customers, when the application defines {@link SaltoKsCustomers}: one shared HTTP budget and a
   * registry that sets each customer up on first use. Each customer's links and IQ keys are rows of its
   * site in the application's database (a customer set up again after being idle finds them there), so a
   * {@code DataSource} is required.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnBean(SaltoKsCustomers.class)
  public static class ManyCustomers {
    /**
     * The connection pool, threads and budget of requests in flight every customer's client shares
     * ({@code saltoks.tenants.shared-budget}).
     *
     * @param p the properties
     * @return the shared resources, closed with the context (after the registry)
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public SharedHttp saltoKsSharedHttp(SaltoKsProperties p) {
      return SharedHttp.create(p.tenants().sharedBudget());
    }

    /**
     * The customers by the host's key: {@code tenants.get(key).access().open(reservation)}. A customer is
     * set up once on first use (its client within its own bulkhead, {@code saltoks.tenants.per-customer},
     * of the shared budget; its site, retrieved then; its JDBC stores; the shared guards; the policy,
     * recorder and listeners of the application), and closed after {@code saltoks.tenants.idle-after}.
     *
     * @param customers the application's customers
     * @param http the shared HTTP resources
     * @param p the properties
     * @param dataSource the application's data source (required)
     * @param guards the guards
     * @param policy the policy
     * @param recorder the application's recorder, if any
     * @param listeners every {@code Consumer<AccessEvent>} bean
     * @param observer a {@code Observer} bean, if any (metrics)
     * @return the registry, closed with the context
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Tenants saltoKsTenants(SaltoKsCustomers customers, SharedHttp http,
        SaltoKsProperties p, ObjectProvider<DataSource> dataSource, AccessGuards guards, AccessPolicy policy,
        ObjectProvider<ReservationRecorder> recorder, ObjectProvider<Consumer<AccessEvent>> listeners,
        ObjectProvider<Observer> observer) {
      DataSource ds = dataSource(p, dataSource);
      if (ds == null) {
        throw new IllegalStateException("SaltoKsCustomers needs the application's DataSource (and"
            + " saltoks.stores.type auto or jdbc): each customer's links and IQ keys are rows of its site, kept"
            + " when an idle customer is closed");
      }
      int perCustomer = p.tenants().perCustomer();
      if (perCustomer < 1 || perCustomer > Math.min(1024, p.tenants().sharedBudget())) {
        throw new IllegalStateException("saltoks.tenants.per-customer must be 1 to " + Math.min(1024,
            p.tenants().sharedBudget()) + " (at most saltoks.tenants.shared-budget, and 1024), got " + perCustomer);
      }
      KeyEncryption encryption = encryption(p);
      JdbcStores db = jdbc(p, ds);
      return Tenants.builder(key -> {
        SaltoKsCustomers.Customer c = customers.find(key);
        if (c == null) {
          throw new IllegalArgumentException("no SALTO KS customer has the key \"" + key + "\" (SaltoKsCustomers"
              + " found none): check the key, or add the customer to the host's configuration");
        }
        SaltoKsClient client = client(p, c.environment(), c.credentials(), observer).sharedHttp(http)
            .maxConcurrentRequests(perCustomer).build();
        try {
          SiteClient site = client.site(client.sites().retrieve(c.siteUid()));
          return new Tenant(client, site, access(site, policy, guards, recorder, listeners)
              .mappings(MappingStore.cached(db.mappings(site.site()), Duration.ofSeconds(30)))
              .keys(IqKeyStore.cached(db.iqKeys(site.site(), encryption), Duration.ofSeconds(30)))
              .build());
        } catch (RuntimeException e) {
          client.close(); // not kept: the next use sets the customer up again
          throw e;
        }
      }).idleAfter(p.tenants().idleAfter()).build();
    }
  }

  /**
   * Meters from the client and the door flow, when Micrometer is on the class path. The registry is looked
   * up at the first event, not at startup, so the order in which auto-configurations run does not matter;
   * without a {@code MeterRegistry} bean nothing is recorded.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    SaltoKsMetrics saltoKsMetrics(ObjectProvider<io.micrometer.core.instrument.MeterRegistry> registry,
        ObjectProvider<io.micrometer.observation.ObservationRegistry> observations) {
      return new SaltoKsMetrics(registry::getIfAvailable, observations::getIfAvailable);
    }
  }

  /**
   * With {@code saltoks.lazy-site=true}, the site and everything built on it are created on first use, so
   * the application starts while SALTO is unreachable (inject them with {@code @Lazy}, or look them up when
   * needed, to keep startup free of SALTO).
   *
   * @return the post-processor
   */
  @Bean
  static LazySite saltoKsLazySite() {
    return new LazySite();
  }

  /** Marks the SDK's site-dependent beans lazy when {@code saltoks.lazy-site=true}. */
  static final class LazySite implements org.springframework.beans.factory.config.BeanFactoryPostProcessor,
      org.springframework.context.EnvironmentAware {
    private static final String[] SITE_BEANS = {"saltoKsSite", "saltoKsMappingStore", "saltoKsIqKeyStore",
        "saltoKsAccessService", "saltoKsTroubleshooter", "saltoKsMappingService", "saltoKsHealthIndicator"};
    private org.springframework.core.env.@Nullable Environment environment;

    @Override
    public void setEnvironment(org.springframework.core.env.Environment environment) {
      this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(
        org.springframework.beans.factory.config.ConfigurableListableBeanFactory factory) {
      if (environment == null || !Boolean.parseBoolean(environment.getProperty("saltoks.lazy-site", "false"))) {
        return;
      }
      for (String name : SITE_BEANS) {
        if (factory.containsBeanDefinition(name)) {
          factory.getBeanDefinition(name).setLazyInit(true);
        }
      }
    }
  }

  /** A client builder with the timeouts, retries and observer of {@code saltoks.*}. */
  private static SaltoKsClient.Builder client(SaltoKsProperties p, SaltoEnvironment environment,
      SaltoCredentials credentials, ObjectProvider<Observer> observer) {
    SaltoKsClient.Builder b = SaltoKsClient.builder().environment(environment).credentials(credentials)
        .connectTimeout(p.connectTimeout()).readTimeout(p.readTimeout()).callTimeout(p.callTimeout())
        .retryPolicy(RetryPolicy.builder().maxAttempts(p.retry().maxAttempts())
            .initialBackoff(p.retry().initialBackoff()).maxBackoff(p.retry().maxBackoff()).build())
        .siteLimits(new nl.ireserve.saltoks.SiteLimits(p.siteLimits().requestsPerSecond(),
            p.siteLimits().maxInFlight(), p.siteLimits().maxWait(), p.siteLimits().circuitFailures(),
            p.siteLimits().circuitOpenFor()));
    observer.ifAvailable(b::observer);
    return b;
  }

  /** An access service builder with the policy, guards, recorder and listeners; the stores are the caller's. */
  private static AccessService.Builder access(SiteClient site, AccessPolicy policy, AccessGuards guards,
      ObjectProvider<ReservationRecorder> recorder, ObjectProvider<Consumer<AccessEvent>> listeners) {
    AccessService.Builder b = AccessService.builder().site(site).policy(policy).guards(guards);
    recorder.ifAvailable(b::recorder);
    listeners.orderedStream().forEach(b::listener);
    return b;
  }

  private static KeyEncryption encryption(SaltoKsProperties p) {
    return KeyEncryption.fromBase64(required(p.iqKeyEncryptionKey(), "saltoks.iq-key-encryption-key",
        "the Base64 AES-256 key IQ keys are encrypted with (KeyEncryption.generateKey() makes one)"));
  }

  /** What the Test Access Request (manual 1.7) finds wrong, with its fixes: the reason startup stops. */
  private static String testAccessRequest(SaltoKsClient client, String uid) {
    try {
      nl.ireserve.saltoks.diagnostics.Report report = nl.ireserve.saltoks.diagnostics.AccessRequestCheck.builder()
          .client(client).siteUid(uid).build().run();
      if (report.failures().isEmpty()) {
        return "The Test Access Request (manual 1.7) passes now: SALTO was briefly unavailable; restart.";
      }
      StringBuilder out = new StringBuilder("The Test Access Request (manual 1.7) says:");
      for (nl.ireserve.saltoks.diagnostics.Finding f : report.failures()) {
        out.append(" ").append(f.check()).append(": ").append(f.evidence())
            .append(f.fix().isEmpty() ? "." : " → " + f.fix());
      }
      return out.toString();
    } catch (RuntimeException e) {
      return "Run the Test Access Request (manual 1.7) to see what to fix.";
    }
  }

  /**
   * The SDK's PostgreSQL stores on the application's data source; with {@code saltoks.stores.migrate-schema}
   * the SDK applies its SQL migrations (idempotent), else it checks that the host's Flyway or DBA did.
   */
  private static JdbcStores jdbc(SaltoKsProperties p, DataSource ds) {
    return JdbcStores.builder(ds).migrateSchema(p.stores().migrateSchema()).build();
  }

  private static @Nullable DataSource dataSource(SaltoKsProperties p, ObjectProvider<DataSource> dataSource) {
    switch (p.stores().type().toLowerCase(Locale.ROOT)) {
      case "memory":
        return null;
      case "jdbc":
        DataSource ds = dataSource.getIfAvailable();
        if (ds == null) {
          throw new IllegalStateException("saltoks.stores.type=jdbc, but the application has no DataSource bean:"
              + " configure spring.datasource.*, or set saltoks.stores.type=auto");
        }
        return ds;
      case "auto":
        return dataSource.getIfAvailable();
      default:
        throw new IllegalStateException("saltoks.stores.type must be auto, memory or jdbc, got \""
            + p.stores().type() + "\"");
    }
  }

  private static SaltoEnvironment environment(SaltoKsProperties p) {
    switch (p.environment().toLowerCase(Locale.ROOT)) {
      case "acceptance":
        return SaltoEnvironment.ACCEPTANCE;
      case "production":
        return SaltoEnvironment.PRODUCTION;
      case "custom":
        return SaltoEnvironment.custom(
            required(p.identityUrl(), "saltoks.identity-url", "the identity server's URL of the custom environment"),
            required(p.apiUrl(), "saltoks.api-url", "the Connect API's URL of the custom environment"));
      default:
        throw new IllegalStateException("saltoks.environment must be acceptance, production or custom, got \""
            + p.environment() + "\" (manual 1.1)");
    }
  }

  private static String required(@Nullable String value, String property, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(property + " is missing: set it to " + what);
    }
    return value;
  }
}
