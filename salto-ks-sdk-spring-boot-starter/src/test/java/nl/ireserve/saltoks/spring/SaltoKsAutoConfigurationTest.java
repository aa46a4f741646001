package nl.ireserve.saltoks.spring;

import static org.assertj.core.api.Assertions.assertThat;

import nl.ireserve.saltoks.testkit.DemoSite;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SharedHttp;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.access.ReservationRecorder;
import nl.ireserve.saltoks.access.Tenant;
import nl.ireserve.saltoks.access.Tenants;
import nl.ireserve.saltoks.access.Troubleshooter;
import nl.ireserve.saltoks.it.support.LocalPostgres;
import nl.ireserve.saltoks.jdbc.JdbcStores;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Every auto-configured bean, against the fake: defaults, the application's own beans, failures, PostgreSQL. */
class SaltoKsAutoConfigurationTest {
  static FakeSaltoKsServer fake;

  @BeforeAll
  static void start() {
    fake = FakeSaltoKsServer.create().start();
    DemoSite.seed(fake, true);
  }

  @AfterAll
  static void stop() {
    fake.close();
  }

  private static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(SaltoKsAutoConfiguration.class))
        .withPropertyValues("saltoks.environment=custom", "saltoks.identity-url=" + fake.identityUrl(),
            "saltoks.api-url=" + fake.apiUrl(), "saltoks.client-id=" + FakeSaltoKsServer.CLIENT_ID,
            "saltoks.client-secret=" + FakeSaltoKsServer.CLIENT_SECRET,
            "saltoks.username=" + FakeSaltoKsServer.USERNAME, "saltoks.password=" + FakeSaltoKsServer.PASSWORD,
            "saltoks.site-uid=" + DemoSite.SITE_UID,
            "saltoks.access.allowed-statuses=Paid,23-LOCKOPOPEN", "saltoks.access.minutes-before=30");
  }

  @Test
  void defaults_everyBean_inMemoryStores() {
    runner().run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx).hasSingleBean(SaltoKsClient.class).hasSingleBean(SiteClient.class)
          .hasSingleBean(AccessService.class).hasSingleBean(Troubleshooter.class).hasSingleBean(MappingService.class)
          .hasSingleBean(AccessGuards.class);
      assertThat(ctx.getBean(SiteClient.class).site().siteUid()).isEqualTo(DemoSite.SITE_UID);
      assertThat(ctx.getBean(MappingStore.class).site()).isEmpty(); // in memory
      assertThat(ctx.getBean(AccessService.class).policy().minutesBefore()).isEqualTo(30);
      assertThat(ctx.getBean(SaltoKsProperties.class).retry().maxAttempts()).isEqualTo(3);
      assertThat(ctx.getBean(SaltoKsProperties.class).toString()).doesNotContain(FakeSaltoKsServer.PASSWORD)
          .doesNotContain(FakeSaltoKsServer.CLIENT_SECRET);
    });
  }

  @Test
  void theApplicationsOwnBean_wins() {
    try (SaltoKsClient own = fake.clientBuilder().build()) {
      runner().withBean("mine", SaltoKsClient.class, () -> own)
          .withBean("myStore", MappingStore.class, MappingStore::inMemory)
          .run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(SaltoKsClient.class)).isSameAs(own);
            assertThat(ctx).getBeanNames(MappingStore.class).containsExactly("myStore");
          });
    }
  }

  @Test
  void missingCredentials_failStartup_namingTheProperty() {
    runner().withPropertyValues("saltoks.client-secret=", "saltoks.retry.max-attempts=1").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("saltoks.client-secret is missing");
    });
    runner().withPropertyValues("saltoks.site-uid=NL0000000000").run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).hasStackTraceContaining("could not be retrieved at startup")
          .hasStackTraceContaining("The Test Access Request (manual 1.7) says:")
          .hasStackTraceContaining("NL0000000000")
          .hasStackTraceContaining("saltoks.lazy-site");
    });
  }

  @Test
  void aLazySite_letsTheApplicationStartWithoutSalto_andFailsOnFirstUse() {
    runner().withPropertyValues("saltoks.site-uid=NL0000000000", "saltoks.lazy-site=true").run(ctx -> {
      assertThat(ctx).hasNotFailed();
      assertThat(ctx.getBean(SaltoKsClient.class)).isNotNull();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> ctx.getBean(AccessService.class))
          .hasStackTraceContaining("could not be retrieved");
    });
  }

  @Test
  void aDataSource_givesJdbcStores_onPostgres_andOpensADoor_withMeters() {
    DataSource db = LocalPostgres.get().newDatabase("spring_starter");
    MeterRegistry registry = new SimpleMeterRegistry();
    java.util.List<String> spans = new java.util.concurrent.CopyOnWriteArrayList<>();
    io.micrometer.observation.ObservationRegistry observations = io.micrometer.observation.ObservationRegistry.create();
    observations.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {
      @Override
      public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
        return true;
      }

      @Override
      public void onStop(io.micrometer.observation.Observation.Context context) {
        spans.add(context.getName() + " " + context.getLowCardinalityKeyValue("kind").getValue() + " "
            + context.getLowCardinalityKeyValue("status").getValue() + " " + context.getContextualName());
      }
    });
    ReservationRecorder recorder = new ReservationRecorder() {
      @Override public void recordLastOpen(Reservation r, String field, Instant at) {}

      @Override public void setStatus(Reservation r, String status) {}
    };
    runner().withBean(DataSource.class, () -> db).withBean(MeterRegistry.class, () -> registry)
        .withBean(io.micrometer.observation.ObservationRegistry.class, () -> observations)
        .withBean(ReservationRecorder.class, () -> recorder)
        .withPropertyValues("saltoks.iq-key-encryption-key=" + KeyEncryption.generateKey(),
            "saltoks.stores.migrate-schema=true")
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx.getBean(MappingStore.class).site()).isPresent(); // the JDBC store of the site
          assertThat(ctx.getBean(IqKeyStore.class).site()).isPresent();
          SiteClient site = ctx.getBean(SiteClient.class);
          String lock = site.locks().list().get(0).id();
          ctx.getBean(MappingService.class).link("room-101", "Room 101", lock);
          ctx.getBean(IqKeyStore.class).save(fake.site(DemoSite.SITE_UID).iqs().get(0).key());
          Instant now = Instant.now();
          OpenOutcome o = ctx.getBean(AccessService.class).open(Reservation.builder().id("res-1").objectId("room-101")
              .status("Paid").start(now.minus(Duration.ofMinutes(5))).end(now.plus(Duration.ofHours(2)))
              .paymentComplete(true).timeZone(ZoneId.of("Europe/Amsterdam")).build());
          assertThat(o.status()).isEqualTo(OpenOutcome.Status.OPENED);
          assertThat(registry.get("saltoks.open.outcomes").tag("status", "OPENED").tag("reason", "none").counter()
              .count()).isEqualTo(1.0);
          assertThat(registry.get("saltoks.http.requests").tag("kind", "command").tag("status", "200").timer()
              .count()).isEqualTo(1);
          assertThat(registry.get("saltoks.token.fetches").counter().count()).isGreaterThanOrEqualTo(1.0);
          assertThat(spans).as("an observation (a span) around each call").anySatisfy(span ->
              assertThat(span).startsWith("saltoks.call command 200").contains("remote open"));
          assertThat(spans).allSatisfy(span -> assertThat(span).doesNotContain(lock));
          assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTags().toString())
              .doesNotContain(lock).doesNotContain("res-1").doesNotContain(site.site().id()));
        });
  }

  @Test
  void aDataSourceWithoutTheSdksTables_andNoMigrateSchema_failsAtStart_namingTheMigrations() {
    DataSource db = LocalPostgres.get().newDatabase("spring_no_schema");
    runner().withBean(DataSource.class, () -> db)
        .withPropertyValues("saltoks.iq-key-encryption-key=" + KeyEncryption.generateKey())
        .run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("tables are missing")
              .hasMessageContaining("classpath:db/saltoks/migration").hasMessageContaining("migrateSchema(true)");
        });
  }

  @Test
  void customers_aTenantPerCustomer_onPostgres_eachOpensItsOwnSitesLock_andTheContextClosesThem() {
    DataSource db = LocalPostgres.get().newDatabase("spring_tenants");
    FakeSite sports = fake.addSite("NL7000000077", "Sports centre", ZoneId.of("Europe/Amsterdam"));
    FakeIq sportsIq = sports.addIq("Sports IQ", "a1b2c3d4e5f6g7h8", "1234");
    sports.addLock("Court 1", sportsIq);
    SaltoKsCustomers customers = key -> {
      switch (key) {
        case "hotel":
          return new SaltoKsCustomers.Customer(fake.environment(), fake.credentials(), DemoSite.SITE_UID);
        case "sports":
          return new SaltoKsCustomers.Customer(fake.environment(), fake.credentials(), "NL7000000077");
        default:
          return null;
      }
    };
    String encryptionKey = KeyEncryption.generateKey();
    MeterRegistry registry = new SimpleMeterRegistry();
    AtomicReference<SharedHttp> shared = new AtomicReference<>();
    runner().withBean(DataSource.class, () -> db).withBean(SaltoKsCustomers.class, () -> customers)
        .withBean(MeterRegistry.class, () -> registry)
        .withPropertyValues("saltoks.iq-key-encryption-key=" + encryptionKey, "saltoks.tenants.per-customer=4",
            "saltoks.stores.migrate-schema=true", "saltoks.client-secret=") // the single-site beans, which would need it, are not made
        .run(ctx -> {
          assertThat(ctx).hasNotFailed();
          assertThat(ctx).hasSingleBean(Tenants.class).hasSingleBean(SharedHttp.class)
              .hasSingleBean(AccessGuards.class).hasSingleBean(AccessPolicy.class)
              .doesNotHaveBean(SaltoKsClient.class).doesNotHaveBean(SiteClient.class)
              .doesNotHaveBean(AccessService.class).doesNotHaveBean(MappingStore.class);
          Tenants tenants = ctx.getBean(Tenants.class);
          shared.set(ctx.getBean(SharedHttp.class));
          Instant now = Instant.now();
          for (String key : new String[] {"hotel", "sports"}) {
            Tenant t = tenants.get(key);
            Site site = t.site().site();
            String lock = t.site().locks().list().get(0).id();
            MappingService.create(t.site(), JdbcStores.create(db).mappings(site)).link("room-101", "Room 101", lock);
            JdbcStores.create(db).iqKeys(site, KeyEncryption.fromBase64(encryptionKey))
                .save(fake.site(site.siteUid()).iqs().get(0).key());
            OpenOutcome o = t.access().open(Reservation.builder().id("res-1").objectId("room-101")
                .status("Paid").start(now.minus(Duration.ofMinutes(5))).end(now.plus(Duration.ofHours(2)))
                .paymentComplete(true).timeZone(ZoneId.of("Europe/Amsterdam")).build());
            assertThat(o.status()).as("%s: %s", key, o).isEqualTo(OpenOutcome.Status.OPENED);
            assertThat(fake.openings()).as("%s opened its own site's lock", key)
                .anySatisfy(x -> assertThat(x.siteId() + " " + x.lockId()).isEqualTo(site.id() + " " + lock));
            assertThat(t.access().policy().minutesBefore()).isEqualTo(30);
          }
          assertThat(tenants.size()).isEqualTo(2);
          assertThat(shared.get().clients()).isEqualTo(2);
          assertThat(registry.get("saltoks.open.outcomes").tag("status", "OPENED").counter().count()).isEqualTo(2.0);
          org.assertj.core.api.Assertions.assertThatThrownBy(() -> tenants.get("nobody"))
              .hasMessageContaining("no SALTO KS customer has the key \"nobody\"");
          assertThat(tenants.size()).as("an unknown key is not kept").isEqualTo(2);
        });
    assertThat(shared.get().clients()).as("closing the context closed every customer's client").isZero();

    runner().withBean(DataSource.class, () -> db).withBean(SaltoKsCustomers.class, () -> customers)
        .withPropertyValues("saltoks.iq-key-encryption-key=" + encryptionKey, "saltoks.tenants.shared-budget=16",
            "saltoks.tenants.per-customer=32").run(ctx -> {
          assertThat(ctx).hasFailed();
          assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("saltoks.tenants.per-customer must be 1"
              + " to 16").hasMessageContaining("got 32");
        });
    runner().withBean(SaltoKsCustomers.class, () -> customers).run(ctx -> {
      assertThat(ctx).hasFailed();
      assertThat(ctx.getStartupFailure()).rootCause().hasMessageContaining("SaltoKsCustomers needs the application's"
          + " DataSource");
    });
  }
}
