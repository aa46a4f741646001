package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.diagnostics.AccessRequestCheck;
import nl.ireserve.saltoks.diagnostics.Finding;
import nl.ireserve.saltoks.diagnostics.Report;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccessRequestCheckIT {
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

  private AccessRequestCheck.Builder test() {
    return AccessRequestCheck.builder()
        .environment(fake.environment())
        .clientId(FakeSaltoKsServer.CLIENT_ID)
        .clientSecret(FakeSaltoKsServer.CLIENT_SECRET)
        .username(FakeSaltoKsServer.USERNAME)
        .password(FakeSaltoKsServer.PASSWORD)
        .siteUid("NL6254340082")
        .clientOptions(b -> b.readTimeout(Duration.ofMillis(1500)).retryPolicy(RetryPolicy.none()));
  }

  @Test
  void healthySetup_passesEveryCheck() {
    Report report = test().build().run();
    assertThat(report.passed()).isTrue();
    assertThat(report.findings()).extracting(r -> r.status()).containsOnly(Finding.Status.PASS);
    assertThat(report.findings()).extracting(r -> r.check()).containsExactly(AccessRequestCheck.CREDENTIALS, AccessRequestCheck.ENVIRONMENT_REACHABLE,
        AccessRequestCheck.TOKEN, AccessRequestCheck.SITES_READABLE, AccessRequestCheck.SITE_ID, AccessRequestCheck.REMOTE_ACCESS, AccessRequestCheck.IQ_ACTIVATED,
        AccessRequestCheck.LOCKS_VISIBLE, AccessRequestCheck.CLOCK);
    assertThat(report.finding(AccessRequestCheck.SITE_ID).evidence()).contains("NL6254340082 →");
    assertThat(report.toText()).contains("[PASS]").doesNotContain(FakeSaltoKsServer.CLIENT_SECRET);
  }

  @Test
  void wrongClientSecret_is401_clientCredentials() {
    Report report = test().clientSecret("not-the-secret").build().run();
    assertThat(report.finding(AccessRequestCheck.ENVIRONMENT_REACHABLE).status()).isEqualTo(Finding.Status.PASS);
    assertThat(report.finding(AccessRequestCheck.TOKEN).status()).isEqualTo(Finding.Status.FAIL);
    assertThat(report.finding(AccessRequestCheck.TOKEN).fix()).contains("401 → incorrect client ID/secret");
    assertThat(report.finding(AccessRequestCheck.SITES_READABLE).status()).isEqualTo(Finding.Status.SKIPPED);
    assertThat(report.finding(AccessRequestCheck.CLOCK).evidence()).contains("skipped: \"Sign-in (access token)\" failed");
    assertThat(report.toText()).doesNotContain("not-the-secret");
  }

  @Test
  void accountWithoutRights_is403_permissions() {
    fake.accountHasRights(false);
    Report report = test().build().run();
    assertThat(report.finding(AccessRequestCheck.TOKEN).status()).isEqualTo(Finding.Status.PASS);
    assertThat(report.firstFailure()).hasValueSatisfying(f -> {
      assertThat(f.check()).isEqualTo(AccessRequestCheck.SITES_READABLE);
      assertThat(f.fix()).contains("403 → insufficient permissions").contains("administrative rights");
    });
  }

  @Test
  void timeout_isNetworkOrFirewall() {
    fake.faults().on(FakeRoute.TOKEN).always(FakeFault.delay(Duration.ofSeconds(3)));
    Report report = test().build().run();
    assertThat(report.firstFailure()).hasValueSatisfying(f -> {
      assertThat(f.check()).isEqualTo(AccessRequestCheck.ENVIRONMENT_REACHABLE);
      assertThat(f.fix()).contains("Timeout → network/firewall problem");
    });
    fake.faults().clear();
  }

  @Test
  void unknownSiteUid_listsVisibleSites_andPointsAtEnvironment() {
    Report report = test().siteUid("NL0000000001").build().run();
    assertThat(report.firstFailure()).hasValueSatisfying(f -> {
      assertThat(f.check()).isEqualTo(AccessRequestCheck.SITE_ID);
      assertThat(f.evidence()).contains("NL6254340082");
      assertThat(f.fix()).contains("acceptance vs production");
    });
    assertThat(report.finding(AccessRequestCheck.LOCKS_VISIBLE).status()).isEqualTo(Finding.Status.SKIPPED);
  }

  @Test
  void secretCopiedWithASpace_isReportedWithoutAnyRequest() {
    Report report = test().clientSecret(FakeSaltoKsServer.CLIENT_SECRET + " ").build().run();
    assertThat(report.firstFailure()).hasValueSatisfying(f -> {
      assertThat(f.check()).isEqualTo(AccessRequestCheck.CREDENTIALS);
      assertThat(f.evidence()).contains("client secret starts or ends with a space");
    });
    assertThat(fake.requests()).isEmpty();
  }

  @Test
  void iqNotActivated_andOfflineLock_areReportedButDoNotBlock() {
    FakeSite site = fake.site("NL6254340082");
    site.iqs().get(0).online(false);
    site.locks().get(0).online(false);
    Report report = test().build().run();
    assertThat(report.finding(AccessRequestCheck.IQ_ACTIVATED).status()).isEqualTo(Finding.Status.FAIL);
    assertThat(report.finding(AccessRequestCheck.IQ_ACTIVATED).fix()).contains("manual 1.4");
    assertThat(report.finding(AccessRequestCheck.LOCKS_VISIBLE).status()).isEqualTo(Finding.Status.WARN);
    assertThat(report.finding(AccessRequestCheck.CLOCK).status()).isEqualTo(Finding.Status.PASS);
  }

  @Test
  void clockSkew_isWarnedWithTheSkew() {
    fake.serverClockSkew(Duration.ofMinutes(5));
    Report report = test().build().run();
    assertThat(report.passed()).isTrue();
    assertThat(report.finding(AccessRequestCheck.CLOCK).status()).isEqualTo(Finding.Status.WARN);
    assertThat(report.finding(AccessRequestCheck.CLOCK).evidence()).containsPattern("(299|300|301) s behind"); // Date has whole seconds
  }

  @Test
  void serviceAccountWithoutRemoteAccess_isReportedWithTheFix() {
    fake.site("NL6254340082").remoteAccess(false);
    Report report = test().build().run();
    assertThat(report.finding(AccessRequestCheck.REMOTE_ACCESS).status()).isEqualTo(Finding.Status.FAIL);
    assertThat(report.finding(AccessRequestCheck.REMOTE_ACCESS).evidence()).contains("remote_access: false");
    assertThat(report.finding(AccessRequestCheck.REMOTE_ACCESS).fix()).contains("custom role");
    assertThat(report.finding(AccessRequestCheck.LOCKS_VISIBLE).status()).isEqualTo(Finding.Status.PASS);
  }
}
