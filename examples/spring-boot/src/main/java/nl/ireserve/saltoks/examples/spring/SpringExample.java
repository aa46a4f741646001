package nl.ireserve.saltoks.examples.spring;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.DenialReason;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.access.ReservationRecorder;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.DemoSite;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A booking service's door endpoint on the SDK's Spring Boot starter: {@code POST
 * /reservations/{id}/open?room=room-101} opens the reservation's door. Without {@code saltoks.api-url} it
 * starts an embedded fake SALTO KS (the demo site: Room 101 → Lock Alpha, Room 102 → Lock Bravo) and
 * configures the starter for it; with real settings it talks to SALTO.
 */
@SpringBootApplication
public class SpringExample {
  private static final Logger LOG = LoggerFactory.getLogger(SpringExample.class);
  static volatile FakeSaltoKsServer fake;

  /**
   * Runs the service.
   *
   * @param args Spring Boot arguments, such as {@code --server.port=8080}
   */
  public static void main(String[] args) {
    run(args);
  }

  static ConfigurableApplicationContext run(String... args) {
    SpringApplication app = new SpringApplication(SpringExample.class);
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("management.endpoints.web.exposure.include", "health,metrics,env,configprops");
    defaults.put("management.endpoint.health.show-details", "always");
    boolean real = List.of(args).stream().anyMatch(a -> a.startsWith("--saltoks.api-url"))
        || System.getenv("SALTOKS_API_URL") != null || System.getProperty("saltoks.api-url") != null
        || List.of(args).stream().anyMatch(a -> a.startsWith("--saltoks.environment=production")
            || a.startsWith("--saltoks.environment=acceptance"));
    if (!real) {
      fake = FakeSaltoKsServer.create().start();
      DemoSite.seed(fake, true);
      defaults.put("saltoks.environment", "custom");
      defaults.put("saltoks.identity-url", fake.identityUrl());
      defaults.put("saltoks.api-url", fake.apiUrl());
      defaults.put("saltoks.client-id", FakeSaltoKsServer.CLIENT_ID);
      defaults.put("saltoks.client-secret", FakeSaltoKsServer.CLIENT_SECRET);
      defaults.put("saltoks.username", FakeSaltoKsServer.USERNAME);
      defaults.put("saltoks.password", FakeSaltoKsServer.PASSWORD);
      defaults.put("saltoks.site-uid", DemoSite.SITE_UID);
      defaults.put("saltoks.access.allowed-statuses", "Confirmed,Paid,23-LOCKOPOPEN");
      defaults.put("saltoks.access.minutes-before", "30");
      defaults.put("saltoks.access.status-after-opening", "23-LOCKOPOPEN");
    }
    app.setDefaultProperties(defaults);
    ConfigurableApplicationContext ctx = app.run(args);
    if (fake != null) {
      FakeSaltoKsServer started = fake;
      ctx.registerShutdownHook();
      ctx.addApplicationListener(e -> {
        if (e instanceof org.springframework.context.event.ContextClosedEvent) {
          started.close();
        }
      });
    }
    return ctx;
  }

  /** On the fake: Room 101 and 102 mapped, the IQ key stored, as the manual's setup would leave them. */
  @Bean
  ApplicationRunner demoSetup(MappingService mapping, IqKeyStore keys, SiteClient site) {
    return args -> {
      if (fake == null) {
        return;
      }
      for (Lock lock : site.locks().list()) {
        if (lock.name().equals("Lock Alpha")) {
          mapping.relink("room-101", "Room 101", lock.id());
        } else if (lock.name().equals("Lock Bravo")) {
          mapping.relink("room-102", "Room 102", lock.id());
        }
      }
      keys.save(fake.site(DemoSite.SITE_UID).iqs().get(0).key());
      LOG.info("Demo ready: curl -X POST 'http://localhost:<port>/reservations/R-1001/open?room=room-101'");
    };
  }

  /** The booking system's side of a check-in: here, a log line. */
  @Bean
  ReservationRecorder recorder() {
    return new ReservationRecorder() {
      @Override
      public void recordLastOpen(Reservation r, String field, Instant at) {
        LOG.info("Reservation {}: {} = {}", r.id(), field, at);
      }

      @Override
      public void setStatus(Reservation r, String status) {
        LOG.info("Reservation {} checked in: status {}", r.id(), status);
      }
    };
  }

  /** The door endpoint. */
  @RestController
  static class Doors {
    private final AccessService access;

    Doors(AccessService access) {
      this.access = access;
    }

    /**
     * Opens a reservation's door now (a stay from 5 minutes ago for 2 hours, paid, in this example).
     *
     * @param id the reservation
     * @param room its object
     * @param status its status
     * @return the outcome
     */
    @PostMapping("/reservations/{id}/open")
    Map<String, Object> open(@PathVariable String id, @RequestParam(defaultValue = "room-101") String room,
        @RequestParam(defaultValue = "Paid") String status) {
      Instant now = Instant.now();
      OpenOutcome o = access.open(Reservation.builder().id(id).objectId(room).status(status)
          .start(now.minus(Duration.ofMinutes(5))).end(now.plus(Duration.ofHours(2))).paymentComplete(true)
          .timeZone(ZoneId.of("Europe/Amsterdam")).build());
      Map<String, Object> body = new HashMap<>();
      body.put("status", o.status().name());
      body.put("lock", o.lockName());
      body.put("reasons", o.reasons().stream().map(DenialReason::message).collect(Collectors.toList()));
      return body;
    }
  }
}
