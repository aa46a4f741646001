package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A whole scenario, failures included, at TRACE: no secret reaches a log line or an exception. */
class LogHygieneIT {
  private static final String IQ_SECRET = "Q9x8W7v6U5t4S3r2";
  private static final String PIN = "8317";
  private static final String WRONG_PIN = "6029";

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  @Test
  void wholeScenarioAtTrace_leaksNoSecretTokenPinOrOtp() {
    FakeSaltoKsServer fake = SALTO.server();
    List<String> messages = new ArrayList<>();
    try (LogCapture logs = new LogCapture()) {
      FakeSite site = fake.addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
      FakeIq iq = site.addIq("IQ Lobby", IQ_SECRET, PIN);
      FakeLock alpha = site.addLock("Lock Alpha", iq);
      String wrongSecret = FakeSaltoKsServer.CLIENT_SECRET + "-x";
      try (SaltoKsClient bad = fake.clientBuilder().credentials(SaltoCredentials.of(
          FakeSaltoKsServer.CLIENT_ID, wrongSecret, FakeSaltoKsServer.USERNAME, FakeSaltoKsServer.PASSWORD)).build()) {
        collect(messages, () -> bad.sites().list());
        messages.add(bad.toString());
      }
      try (SaltoKsClient client = fake.clientBuilder()
          .readTimeout(Duration.ofMillis(1500)) // generous: CI machines are loaded
          .retryPolicy(RetryPolicy.builder().initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(2)).build())
          .build()) {
        client.sites().findByUid("NL6254340082").orElseThrow();
        client.site(SALTO.server().site(site)).locks().open(alpha.id(), iq.key());
        IqKey wrong = new IqKey(iq.id(), IQ_SECRET, WRONG_PIN);
        collect(messages, () -> client.site(SALTO.server().site(site)).locks().open(alpha.id(), wrong));
        collect(messages, () -> client.site(SALTO.server().site(site)).locks().open(alpha.id(), wrong));
        fake.revokeTokens();
        client.site(SALTO.server().site(site)).locks().list();
        fake.faults().on(FakeRoute.LIST_LOCKS).next(1, FakeFault.status(503));
        client.site(SALTO.server().site(site)).locks().list();
        fake.faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.delay(Duration.ofSeconds(3)));
        collect(messages, () -> client.site(SALTO.server().site(site)).locks().open(alpha.id(), iq.key()));
        fake.faults().on(FakeRoute.GET_LOCK).next(1, FakeFault.htmlPage(502));
        fake.faults().on(FakeRoute.GET_LOCK).next(3, FakeFault.status(500));
        collect(messages, () -> client.site(SALTO.server().site(site)).locks().get(alpha.id()));
        collect(messages, () -> client.site(SALTO.server().site(site)).locks().get(alpha.id()));
        messages.add(iq.key().toString());
        messages.add(fake.credentials().toString());
      }
      String logged = logs.text();
      Map<String, List<String>> secrets = new LinkedHashMap<>();
      secrets.put("client secret", List.of(FakeSaltoKsServer.CLIENT_SECRET, wrongSecret));
      secrets.put("password", List.of(FakeSaltoKsServer.PASSWORD));
      secrets.put("bearer token", fake.issuedTokens());
      secrets.put("IQ secret", List.of(IQ_SECRET));
      secrets.put("PIN", List.of(PIN, WRONG_PIN));
      secrets.put("OTP", fake.receivedOtps());

      assertThat(logs.events()).as("the scenario logged at TRACE").isGreaterThan(20);
      assertThat(fake.issuedTokens()).isNotEmpty();
      assertThat(fake.receivedOtps()).hasSizeGreaterThanOrEqualTo(3);
      assertThat(messages).hasSizeGreaterThanOrEqualTo(7);
      assertThat(LogCapture.leaks(logged, secrets)).as("secrets in the log").isEmpty();
      assertThat(LogCapture.leaks(String.join("\n", messages), secrets))
          .as("secrets in exception messages and toString()").isEmpty();
    }
  }

  /** Runs a call expected to fail and keeps the whole exception chain's messages and toStrings. */
  private static void collect(List<String> out, Runnable call) {
    try {
      call.run();
      throw new AssertionError("expected a failure");
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        out.add(String.valueOf(t));
      }
    }
  }
}
