package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.exception.SaltoTimeoutException;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TimeoutIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  @Test
  void serverSlowerThanTheReadTimeout_failsWithinTheBound_withNetworkAdvice() {
    SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
    try (SaltoKsClient client = SALTO.server().clientBuilder()
        .readTimeout(Duration.ofMillis(1000)) // generous: CI machines are loaded
        .retryPolicy(RetryPolicy.none())
        .build()) {
      client.sites().list(); // warm: token and connection
      SALTO.server().faults().on(FakeRoute.LIST_SITES).next(1, FakeFault.delay(Duration.ofSeconds(5)));
      long t0 = System.nanoTime();
      assertThatThrownBy(() -> client.sites().list())
          .isInstanceOf(SaltoTimeoutException.class)
          .hasMessageContaining("network and firewall");
      long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
      assertThat(elapsedMs).as("the read timeout, not the server's 5 s").isBetween(900L, 4_000L);
    }
  }
}
