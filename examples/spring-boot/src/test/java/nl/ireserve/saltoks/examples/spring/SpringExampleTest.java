package nl.ireserve.saltoks.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import nl.ireserve.saltoks.testkit.FakeRoute;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The Spring example over real HTTP: a door opens, the meters count it, the actuator shows no secret. */
class SpringExampleTest {
  private static HttpResponse<String> send(HttpRequest r) throws Exception {
    return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void opensRoom101OverHttp_countsItInMicrometer_andTheActuatorShowsNoSecret() throws Exception {
    try (ConfigurableApplicationContext ctx = SpringExample.run("--server.port=0")) {
      String base = "http://127.0.0.1:" + ctx.getEnvironment().getProperty("local.server.port");

      HttpResponse<String> opened = send(HttpRequest.newBuilder(URI.create(base + "/reservations/R-1001/open?room=room-101"))
          .POST(HttpRequest.BodyPublishers.noBody()).build());
      HttpResponse<String> denied = send(HttpRequest.newBuilder(URI.create(base + "/reservations/R-1002/open?room=room-102&status=Option"))
          .POST(HttpRequest.BodyPublishers.noBody()).build());

      assertThat(opened.statusCode()).isEqualTo(200);
      assertThat(opened.body()).contains("\"status\":\"OPENED\"").contains("Lock Alpha");
      assertThat(denied.body()).contains("\"status\":\"DENIED\"");
      assertThat(SpringExample.fake.openings()).hasSize(1);
      MeterRegistry registry = ctx.getBean(MeterRegistry.class);
      assertThat(registry.get("saltoks.open.outcomes").tag("status", "OPENED").counter().count()).isEqualTo(1.0);
      assertThat(registry.get("saltoks.open.outcomes").tag("status", "DENIED").tag("reason", "STATUS_NOT_ALLOWED")
          .counter().count()).isEqualTo(1.0);
      assertThat(registry.get("saltoks.http.requests").tag("kind", "command").tag("status", "200").timer().count())
          .isEqualTo(1);
      assertThat(registry.find("saltoks.http.requests").timers()).allSatisfy(t ->
          assertThat(t.getId().getTag("operation")).doesNotContain(SpringExample.fake.site("NL6254340082").id()));

      int iqReads = SpringExample.fake.requestCount(nl.ireserve.saltoks.testkit.FakeRoute.LIST_IQS);
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> health = send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).GET().build());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").contains("iqsOnline").contains("1/1");
      }
      assertThat(SpringExample.fake.requestCount(nl.ireserve.saltoks.testkit.FakeRoute.LIST_IQS) - iqReads)
          .as("five probes, one read: the health is cached").isLessThanOrEqualTo(1);

      for (String endpoint : new String[] {"/actuator/env", "/actuator/configprops"}) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(base + endpoint)).GET().build());
        assertThat(r.statusCode()).as(endpoint).isEqualTo(200);
        assertThat(r.body()).as(endpoint).contains("saltoks")
            .doesNotContain(FakeSaltoKsServer.CLIENT_SECRET).doesNotContain(FakeSaltoKsServer.PASSWORD);
      }
    }
  }
}
