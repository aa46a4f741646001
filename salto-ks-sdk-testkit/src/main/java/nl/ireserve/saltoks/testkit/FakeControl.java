package nl.ireserve.saltoks.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import nl.ireserve.saltoks.testkit.FakeExchange.In;
import nl.ireserve.saltoks.testkit.FakeExchange.Out;
import org.jspecify.annotations.Nullable;

/**
 * The fake's control endpoints under {@code /_fake/}, so a tester can script it from outside the JVM
 * (curl, another language):
 *
 * <pre>
 * GET    /_fake/state                    sites, locks, IQs (ids, online flags), counters
 * GET    /_fake/id?site=UID|iq=name|lock=name   an id, as plain text (names or ids everywhere)
 * GET    /_fake/iqs/{iq}/otp[?format=text]      the OTP the fake expects now (testing only)
 * GET    /_fake/openings                 the openings recorded
 * GET    /_fake/emails                   the IQ PIN e-mails sent (with the PINs: it is a fake)
 * POST   /_fake/sites/{site}/locks       {"name":"Lock Delta","iq":"IQ Lobby"}  add a lock
 * POST   /_fake/iqs/{iq}/rotate-secret   as activating the IQ in the mobile app does
 * POST   /_fake/faults                   {"route":"OPEN_LOCK","times":2,"status":503}
 *                                        or {"route":"ANY_API","times":1,"kind":"DELAY","delayMs":20000}
 * GET    /_fake/faults                   the faults armed now
 * DELETE /_fake/faults                   disarm them all
 * POST   /_fake/clear-history            forget requests, openings, e-mails; keep the world
 * POST   /_fake/reset                    back to the start (the standalone server re-seeds); prints the state
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
      Out out = in.method().equals("GET") ? read(in, path, parts) : change(in, path, parts);
      if (out != null) {
        return out;
      }
      return Out.json(404, JSON.createObjectNode().put("error", "unknown control endpoint " + in.method() + " "
          + in.path()).toString());
    } catch (Exception e) {
      return Out.json(400, JSON.createObjectNode().put("error", String.valueOf(e.getMessage())).toString());
    }
  }

  /** The GET endpoints: what the fake holds and did; null for an unknown one. */
  private @Nullable Out read(In in, String path, String[] parts) {
    if (path.equals("state")) {
      return Out.json(200, state().toString());
    }
    if (path.equals("openings")) {
      ArrayNode a = JSON.createArrayNode();
      fake.openings().forEach(o -> a.addObject().put("siteId", o.siteId()).put("lockId", o.lockId())
          .put("lockName", o.lockName()).put("at", o.at().toString()));
      return Out.json(200, a.toString());
    }
    if (path.equals("id")) {
      return text(id(in));
    }
    if (parts.length == 3 && parts[0].equals("iqs") && parts[2].equals("otp")) {
      FakeIq iq = iq(parts[1]);
      String otp = fake.expectedOtp(iq);
      return "text".equals(in.query().get("format")) ? text(otp)
          : Out.json(200, JSON.createObjectNode().put("iqId", iq.id()).put("otp", otp).toString());
    }
    if (path.equals("faults")) {
      ArrayNode a = JSON.createArrayNode();
      fake.faults().armed().forEach(a::add);
      return Out.json(200, a.toString());
    }
    if (path.equals("emails")) {
      ArrayNode a = JSON.createArrayNode();
      fake.sentPinEmails().forEach(e -> a.addObject().put("to", e.to()).put("iqId", e.iqId())
          .put("pin", e.pin()).put("at", e.at().toString()));
      return Out.json(200, a.toString());
    }
    return null;
  }

  /** The POST and DELETE endpoints: arrangement, faults, history; null for an unknown one. */
  private @Nullable Out change(In in, String path, String[] parts) throws Exception {
    if (in.method().equals("DELETE") && path.equals("faults")) {
      fake.faults().clear();
      return Out.empty(204);
    }
    if (in.method().equals("POST") && parts.length == 3 && parts[0].equals("sites") && parts[2].equals("locks")) {
      JsonNode b = JSON.readTree(in.body());
      FakeSite site = site(parts[1]);
      FakeIq iq = iq(b.path("iq").asText(""));
      FakeLock lock = site.addLock(b.path("name").asText("New lock"), iq);
      return Out.json(201, JSON.createObjectNode().put("id", lock.id()).put("name", lock.name()).toString());
    }
    if (in.method().equals("POST") && parts.length == 3 && parts[0].equals("iqs") && parts[2].equals("rotate-secret")) {
      iq(parts[1]).rotateSecret();
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
      return Out.json(200, state().toString()); // new ids: the reset world, as /_fake/state shows it
    }
    return null;
  }


  /** A site by its UID or its id. */
  private FakeSite site(String ref) {
    return fake.sites().stream().filter(s -> s.siteUid().equals(ref) || s.id().equals(ref)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no site with UID or id " + ref));
  }

  /** An IQ of any site by its name or its id. */
  private FakeIq iq(String ref) {
    return fake.sites().stream().flatMap(s -> s.iqs().stream())
        .filter(i -> i.name().equals(ref) || i.id().equals(ref)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no IQ with name or id " + ref));
  }

  /** {@code /_fake/id?site=UID}, {@code ?iq=name}, {@code ?lock=name}: the id, as plain text. */
  private String id(In in) {
    Map<String, String> q = in.query();
    if (q.containsKey("site")) {
      return site(q.get("site")).id();
    }
    if (q.containsKey("iq")) {
      return iq(q.get("iq")).id();
    }
    String ref = q.getOrDefault("lock", "");
    return fake.sites().stream().flatMap(s -> s.locks().stream())
        .filter(l -> l.name().equals(ref) || l.id().equals(ref)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("give site=, iq= or lock= (a name or an id)")).id();
  }

  private static Out text(String body) {
    Out out = new Out(200, new java.util.LinkedHashMap<>(), body);
    return out.withHeader("Content-Type", "text/plain; charset=utf-8");
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
        : route.equals("ANY") ? fake.faults().onEverything() : fake.faults().on(FakeRoute.valueOf(route));
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
      s.iqs().forEach(i -> iqs.addObject().put("id", i.id()).put("name", i.name()).put("activated", i.activated())
          .put("online", i.isOnline()));
      ArrayNode locks = sn.putArray("locks");
      s.locks().forEach(l -> locks.addObject().put("id", l.id()).put("name", l.name()).put("iq", l.iq().name())
          .put("online", l.isOnline()));
    }
    return root;
  }
}
