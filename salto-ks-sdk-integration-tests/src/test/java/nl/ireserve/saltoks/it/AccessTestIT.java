package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.diagnostics.AccessCheck;
import nl.ireserve.saltoks.diagnostics.AccessReport;
import nl.ireserve.saltoks.diagnostics.AccessTest;
import nl.ireserve.saltoks.diagnostics.CheckStatus;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import nl.ireserve.saltoks.testkit.Route;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccessTestIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  FakeSaltoKsServer fake;

  @BeforeEach
  void healthySite() {
    fake = SALTO.server();
    FakeSite site = fake.addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    FakeIq iq = site.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    site.addLock("Lock Alpha", iq);
  }

  private AccessTest.Builder test() {
    return AccessTest.builder()
        .environment(fake.environment())
        .clientId(FakeSaltoKsServer.CLIENT_ID)
        .clientSecret(FakeSaltoKsServer.CLIENT_SECRET)
        .username(FakeSaltoKsServer.USERNAME)
        .password(FakeSaltoKsServer.PASSWORD)
        .siteUid("NL6254340082")
        .clientOptions(b -> b.readTimeout(Duration.ofMillis(400)).retryPolicy(RetryPolicy.none()));
  }

  @Test
  void healthySetup_passesEveryCheck() {
    AccessReport report = test().build().run();
    assertThat(report.passed()).isTrue();
    assertThat(report.results()).extracting(r -> r.status()).containsOnly(CheckStatus.PASS);
    assertThat(report.results()).extracting(r -> r.check()).containsExactly(AccessCheck.values());
    assertThat(report.result(AccessCheck.SITE_ID).evidence()).contains("NL6254340082 →");
    assertThat(report.toText()).contains("[PASS]").doesNotContain(FakeSaltoKsServer.CLIENT_SECRET);
  }

  @Test
  void wrongClientSecret_is401_clientCredentials() {
    AccessReport report = test().clientSecret("not-the-secret").build().run();
    assertThat(report.result(AccessCheck.ENVIRONMENT_REACHABLE).status()).isEqualTo(CheckStatus.PASS);
    assertThat(report.result(AccessCheck.TOKEN).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(report.result(AccessCheck.TOKEN).fix()).contains("401 → incorrect client ID/secret");
    assertThat(report.result(AccessCheck.SITES_READABLE).status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(report.result(AccessCheck.CLOCK).evidence()).contains("skipped: \"Sign-in (access token)\" failed");
    assertThat(report.toText()).doesNotContain("not-the-secret");
  }

  @Test
  void accountWithoutRights_is403_permissions() {
    fake.accountHasRights(false);
    AccessReport report = test().build().run();
    assertThat(report.result(AccessCheck.TOKEN).status()).isEqualTo(CheckStatus.PASS);
    assertThat(report.firstFailure()).hasValueSatisfying(f -> {
      assertThat(f.check()).isEqualTo(AccessCheck.SITES_READABLE);
      assertThat(f.fix()).contains("403 → insufficient permissions").contains("administrative rights");
    });
  }

  @Test
  void timeout_isNetworkOrFirewall() {
    fake.faults().on(Route.TOKEN).always(FakeFault.delay(Duration.ofSeconds(2)));
    AccessReport report = test().build().run();
    assertThat(report.firstFailure()).hasValueSatisfying(f -> {
      assertThat(f.check()).isEqualTo(AccessCheck.ENVIRONMENT_REACHABLE);
      assertThat(f.fix()).contains("Timeout → network/firewall problem");
    });
    fake.faults().clear();
  }

  @Test
  void unknownSiteUid_listsVisibleSites_andPointsAtEnvironment() {
    AccessReport report = test().siteUid("NL0000000001").build().run();
    assertThat(report.firstFailure()).hasValueSatisfying(f -> {
      assertThat(f.check()).isEqualTo(AccessCheck.SITE_ID);
      assertThat(f.evidence()).contains("NL6254340082");
      assertThat(f.fix()).contains("acceptance vs production");
    });
    assertThat(report.result(AccessCheck.LOCKS_VISIBLE).status()).isEqualTo(CheckStatus.SKIPPED);
  }

  @Test
  void secretCopiedWithASpace_isReportedWithoutAnyRequest() {
    AccessReport report = test().clientSecret(FakeSaltoKsServer.CLIENT_SECRET + " ").build().run();
    assertThat(report.firstFailure()).hasValueSatisfying(f -> {
      assertThat(f.check()).isEqualTo(AccessCheck.CREDENTIALS);
      assertThat(f.evidence()).contains("client secret starts or ends with a space");
    });
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void iqNotActivated_andOfflineLock_areReportedButDoNotBlock() {
    FakeSite site = fake.site("NL6254340082");
    site.iqs().get(0).online(false);
    site.locks().get(0).online(false);
    AccessReport report = test().build().run();
    assertThat(report.result(AccessCheck.IQ_ACTIVATED).status()).isEqualTo(CheckStatus.FAIL);
    assertThat(report.result(AccessCheck.IQ_ACTIVATED).fix()).contains("manual 1.4");
    assertThat(report.result(AccessCheck.LOCKS_VISIBLE).status()).isEqualTo(CheckStatus.WARN);
    assertThat(report.result(AccessCheck.CLOCK).status()).isEqualTo(CheckStatus.PASS);
  }

  @Test
  void clockSkew_isWarnedWithTheSkew() {
    fake.serverClockSkew(Duration.ofMinutes(5));
    AccessReport report = test().build().run();
    assertThat(report.passed()).isTrue();
    assertThat(report.result(AccessCheck.CLOCK).status()).isEqualTo(CheckStatus.WARN);
    assertThat(report.result(AccessCheck.CLOCK).evidence()).containsPattern("(299|300|301) s behind"); // Date has whole seconds
  }
}
