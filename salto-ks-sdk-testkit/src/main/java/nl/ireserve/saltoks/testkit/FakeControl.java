package nl.ireserve.saltoks.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Function;
import nl.ireserve.saltoks.testkit.internal.FakeExchange.In;
import nl.ireserve.saltoks.testkit.internal.FakeExchange.Out;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer.Route;
import nl.ireserve.saltoks.testkit.FakeFaults.FakeFault;
import nl.ireserve.saltoks.testkit.FakeSite.FakeIq;
import nl.ireserve.saltoks.testkit.FakeSite.FakeLock;

/**
 * The fake's control endpoints under {@code /_fake/}, so a tester can script it from outside the JVM
 * (curl, another language):
 *
 * <pre>
 * GET  /_fake/state                      sites, locks, IQs, counters
 * GET  /_fake/openings                   the openings recorded
 * GET  /_fake/emails                     the IQ PIN e-mails sent (with the PINs: it is a fake)
 * POST /_fake/sites/{siteUid}/locks      {"name":"Lock Delta","iq":"IQ Lobby"}  add a lock
 * POST /_fake/iqs/{iqId}/rotate-secret   as activating the IQ in the mobile app does
 * POST /_fake/faults                     {"route":"OPEN_LOCK","times":2,"status":503}
 *                                        or {"route":"ANY_API","times":1,"kind":"DELAY","delayMs":20000}
 * POST /_fake/clear-history              forget requests, openings, e-mails; keep the world
 * POST /_fake/reset                      back to the start (the standalone server re-seeds)
 * </pre>
 */
final class FakeControl implements Function<In, Out> {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeSaltoKsServer fake;
  private final Runnable onReset;

  FakeControl(FakeSaltoKsServer fake, Runnable onReset) {
    this.fake = fake;
    this.onReset = onReset;
  }

  @Override
  public Out apply(In in) {
    String path = in.path().substring("/_fake/".length());
    String[] parts = path.split("/");
    try {
      if (in.method().equals("GET") && path.equals("state")) {
        return Out.json(200, state().toString());
      }
      if (in.method().equals("GET") && path.equals("openings")) {
        ArrayNode a = JSON.createArrayNode();
        fake.openings().forEach(o -> a.addObject().put("siteId", o.siteId()).put("lockId", o.lockId())
            .put("lockName", o.lockName()).put("at", o.at().toString()));
        return Out.json(200, a.toString());
      }
      if (in.method().equals("GET") && path.equals("emails")) {
        ArrayNode a = JSON.createArrayNode();
        fake.sentPinEmails().forEach(e -> a.addObject().put("to", e.to()).put("iqId", e.iqId())
            .put("pin", e.pin()).put("at", e.at().toString()));
        return Out.json(200, a.toString());
      }
      if (in.method().equals("POST") && parts.length == 3 && parts[0].equals("sites") && parts[2].equals("locks")) {
        JsonNode b = JSON.readTree(in.body());
        FakeSite site = fake.site(parts[1]);
        String iqRef = b.path("iq").asText("");
        FakeIq iq = site.iqs().stream().filter(i -> i.name().equals(iqRef) || i.id().equals(iqRef)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no IQ " + iqRef + " in site " + parts[1]));
        FakeLock lock = site.addLock(b.path("name").asText("New lock"), iq);
        return Out.json(201, JSON.createObjectNode().put("id", lock.id()).put("name", lock.name()).toString());
      }
      if (in.method().equals("POST") && parts.length == 3 && parts[0].equals("iqs") && parts[2].equals("rotate-secret")) {
        FakeIq iq = fake.sites().stream().flatMap(s -> s.iqs().stream()).filter(i -> i.id().equals(parts[1]))
            .findFirst().orElseThrow(() -> new IllegalArgumentException("no IQ " + parts[1]));
        iq.rotateSecret();
        return Out.empty(204);
      }
      if (in.method().equals("POST") && path.equals("faults")) {
        arm(JSON.readTree(in.body()));
        return Out.empty(204);
      }
      if (in.method().equals("POST") && path.equals("clear-history")) {
        fake.clearHistory();
        return Out.empty(204);
      }
      if (in.method().equals("POST") && path.equals("reset")) {
        fake.reset();
        onReset.run();
        return Out.empty(204);
      }
      return Out.json(404, JSON.createObjectNode().put("error", "unknown control endpoint " + in.method() + " "
          + in.path()).toString());
    } catch (Exception e) {
      return Out.json(400, JSON.createObjectNode().put("error", String.valueOf(e.getMessage())).toString());
    }
  }

  private void arm(JsonNode b) {
    String route = b.path("route").asText("ANY_API").toUpperCase(Locale.ROOT);
    int times = b.path("times").asInt(1);
    String kind = b.path("kind").asText("STATUS").toUpperCase(Locale.ROOT);
    FakeFault fault;
    switch (kind) {
      case "DELAY":
        fault = FakeFault.delay(Duration.ofMillis(b.path("delayMs").asLong(20_000)));
        break;
      case "CONNECTION_RESET":
        fault = FakeFault.connectionReset();
        break;
      case "MALFORMED_JSON":
        fault = FakeFault.malformedJson();
        break;
      case "EMPTY_BODY":
        fault = FakeFault.emptyBody();
        break;
      case "HTML_PAGE":
        fault = FakeFault.htmlPage(b.path("status").asInt(502));
        break;
      case "OUTAGE":
        fault = FakeFault.outage();
        break;
      default:
        int status = b.path("status").asInt(503);
        fault = b.hasNonNull("retryAfter")
            ? (status == 429 ? FakeFault.tooManyRequests(b.get("retryAfter").asText())
                : FakeFault.unavailable(b.get("retryAfter").asText()))
            : FakeFault.status(status);
    }
    FakeFaults.Arming arming = route.equals("ANY_API") ? fake.faults().onApi()
        : route.equals("ANY") ? fake.faults().onEverything() : fake.faults().on(Route.valueOf(route));
    if (times <= 0) {
      arming.always(fault);
    } else {
      arming.next(times, fault);
    }
  }

  private ObjectNode state() {
    ObjectNode root = JSON.createObjectNode();
    root.put("identityUrl", fake.identityUrl());
    root.put("apiUrl", fake.apiUrl());
    root.put("tokenRequests", fake.tokenRequests());
    root.put("openings", fake.openings().size());
    ArrayNode sites = root.putArray("sites");
    for (FakeSite s : fake.sites()) {
      ObjectNode sn = sites.addObject().put("id", s.id()).put("siteUid", s.siteUid()).put("name", s.name())
          .put("timeZone", s.timeZone().getId());
      ArrayNode iqs = sn.putArray("iqs");
      s.iqs().forEach(i -> iqs.addObject().put("id", i.id()).put("name", i.name()).put("activated", i.activated()));
      ArrayNode locks = sn.putArray("locks");
      s.locks().forEach(l -> locks.addObject().put("id", l.id()).put("name", l.name()).put("iq", l.iq().name()));
    }
    return root;
  }
}
