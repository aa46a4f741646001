package nl.ireserve.saltoks.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Stream;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.exception.SaltoOpenOutcomeUnknownException;
import nl.ireserve.saltoks.it.LogCapture;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fault × every operation against the fake, with the default retry policy (a sleeper that
 * records instead of sleeping) and a 1 s read timeout, after a warm-up (a cold JVM's first request can
 * take longer than that). Each cell checks the invariants; the whole
 * matrix is written to {@code target/reliability/fault-matrix.md} and must equal the committed
 * {@code docs/reliability.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultMatrixIT {
  private static final String SECRET = "Q9x8W7v6U5t4S3r2";
  private static final String PIN = "8317";

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  /** An operation of the matrix. */
  enum Op {
    TOKEN("sign in (token)", FakeRoute.TOKEN),
    LIST_SITES("list sites", FakeRoute.LIST_SITES),
    GET_LOCK("get lock", FakeRoute.GET_LOCK),
    OPEN_LOCK("open lock", FakeRoute.OPEN_LOCK),
    PIN_CHANGE("PIN change", FakeRoute.IQ_CHANGE_PIN);

    final String title;
    final FakeRoute route;

    Op(String title, FakeRoute route) {
      this.title = title;
      this.route = route;
    }
  }

  /** A fault of the matrix. */
  record Fault(String title, Supplier<FakeFault> fault, Target target) {
    @Override
    public String toString() {
      return title;
    }
  }

  enum Target { OP_ONCE, OP_ALWAYS, EVERYTHING_ALWAYS, TOKEN_ALWAYS }

  static final List<Fault> FAULTS = List.of(
      new Fault("HTTP 500 once", () -> FakeFault.status(500), Target.OP_ONCE),
      new Fault("HTTP 502 once", () -> FakeFault.status(502), Target.OP_ONCE),
      new Fault("HTTP 503 once", () -> FakeFault.status(503), Target.OP_ONCE),
      new Fault("HTTP 504 once", () -> FakeFault.status(504), Target.OP_ONCE),
      new Fault("429, Retry-After: 1 (seconds)", () -> FakeFault.tooManyRequests("1"), Target.OP_ONCE),
      new Fault("503, Retry-After: HTTP date +2 s", () -> FakeFault.unavailable(DateTimeFormatter.RFC_1123_DATE_TIME
          .format(SALTO.clock().instant().plusSeconds(2).atOffset(ZoneOffset.UTC))), Target.OP_ONCE),
      new Fault("answer after 2.5 s (read timeout 1 s)", () -> FakeFault.delay(Duration.ofMillis(2500)), Target.OP_ONCE),
      new Fault("connection reset", FakeFault::connectionReset, Target.OP_ONCE),
      new Fault("malformed JSON (200)", FakeFault::malformedJson, Target.OP_ONCE),
      new Fault("empty body (200)", FakeFault::emptyBody, Target.OP_ONCE),
      new Fault("HTML error page from a proxy (502)", () -> FakeFault.htmlPage(502), Target.OP_ONCE),
      new Fault("HTTP 500 every time", () -> FakeFault.status(500), Target.OP_ALWAYS),
      new Fault("environment outage (404 on every path)", FakeFault::outage, Target.EVERYTHING_ALWAYS),
      new Fault("identity server down (500), token cached", () -> FakeFault.status(500), Target.TOKEN_ALWAYS));

  static final Map<String, String> CELLS = new ConcurrentHashMap<>();
  static final AtomicInteger DUPLICATE_OPENINGS = new AtomicInteger();
  static final AtomicInteger SECRETS_LEAKED = new AtomicInteger();
  static final AtomicInteger RESENT_AFTER_UNKNOWN = new AtomicInteger();

  @org.junit.jupiter.api.BeforeAll
  static void warmUp() {
    try (FakeSaltoKsServer fake = FakeSaltoKsServer.create().start()) {
      fake.addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
      try (SaltoKsClient client = fake.newClient()) {
        for (int i = 0; i < 20; i++) {
          client.sites().list();
        }
      }
    }
  }

  static Stream<Arguments> cells() {
    List<Arguments> out = new ArrayList<>();
    for (Fault f : FAULTS) {
      for (Op op : Op.values()) {
        out.add(Arguments.of(f, op));
      }
    }
    return out.stream();
  }

  @Order(1)
  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("cells")
  void cell(Fault fault, Op op) {
    FakeSaltoKsServer fake = SALTO.server();
    FakeSite site = fake.addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    FakeIq iq = site.addIq("IQ Lobby", SECRET, PIN);
    FakeLock lock = site.addLock("Lock Alpha", iq);
    List<Duration> sleeps = new CopyOnWriteArrayList<>();
    List<String> messages = new ArrayList<>();
    String outcome;
    int attempts;
    try (LogCapture logs = new LogCapture();
        SaltoKsClient client = fake.clientBuilder()
            .readTimeout(Duration.ofSeconds(1))
            .retryPolicy(RetryPolicy.builder().sleeper(sleeps::add).build())
            .build()) {
      if (op != Op.TOKEN || fault.target() == Target.TOKEN_ALWAYS) {
        client.authenticate(); // the token is cached before the fault
      }
      arm(fake, fault, op);
      int before = fake.requestCount(op.route);
      java.time.Instant sentAt = fake.clock().instant();
      boolean unknown = false;
      try {
        run(op, client, site, lock, iq);
        attempts = fake.requestCount(op.route) - before;
        outcome = attempts <= 1 ? "ok" : "ok after retry";
      } catch (SaltoKsException e) {
        attempts = fake.requestCount(op.route) - before;
        for (Throwable t = e; t != null; t = t.getCause()) {
          messages.add(String.valueOf(t));
        }
        assertThat(e.getMessage()).as("an actionable message").isNotBlank().hasSizeGreaterThan(40);
        unknown = e instanceof SaltoOpenOutcomeUnknownException;
        outcome = unknown ? "OUTCOME UNKNOWN, not re-sent"
            : e.getClass().getSimpleName().replace("Salto", "").replace("Exception", "");
        if (e instanceof SaltoOpenOutcomeUnknownException && attempts != 1) {
          RESENT_AFTER_UNKNOWN.incrementAndGet();
        }
      }
      fake.faults().clear();
      if (unknown && op == Op.OPEN_LOCK) {
        outcome += "; " + settledFromEntries(fake, client, site, lock, sentAt);
      }
      if (fake.openings().size() > 1) {
        DUPLICATE_OPENINGS.incrementAndGet();
      }
      Map<String, List<String>> secrets = new LinkedHashMap<>();
      secrets.put("client secret", List.of(FakeSaltoKsServer.CLIENT_SECRET));
      secrets.put("password", List.of(FakeSaltoKsServer.PASSWORD));
      secrets.put("token", fake.issuedTokens());
      secrets.put("IQ secret", List.of(SECRET));
      secrets.put("PIN", List.of(PIN, "4711"));
      secrets.put("OTP", fake.receivedOtps());
      List<String> leaks = new ArrayList<>(LogCapture.leaks(logs.text(), secrets));
      leaks.addAll(LogCapture.leaks(String.join("\n", messages), secrets));
      SECRETS_LEAKED.addAndGet(leaks.size());
      assertThat(leaks).as("secrets in logs or messages").isEmpty();
    }
    String cell = outcome + " (" + attempts + (attempts == 1 ? " attempt" : " attempts") + ")";
    if (op == Op.OPEN_LOCK) {
      cell += "; door opened " + fake.openings().size() + "×";
    }
    CELLS.put(fault.title() + "|" + op.name(), cell);
    assertThat(fake.openings()).as("never a duplicate opening").hasSizeLessThanOrEqualTo(1);
  }

  /**
   * What the site's entries settle an unknown outcome as, once the confirmation window has passed (this
   * fake logs remote openings, as the spec expects): never a command, only a read.
   */
  private static String settledFromEntries(FakeSaltoKsServer fake, SaltoKsClient client, FakeSite site,
      FakeLock lock, java.time.Instant sentAt) {
    int commands = fake.requestCount(FakeRoute.OPEN_LOCK);
    fake.clock().advance(Duration.ofSeconds(121));
    nl.ireserve.saltoks.Entries.Confirmation c = client.site(fake.site(site)).entries()
        .lookForOpening(lock.id(), sentAt, sentAt.plusSeconds(120), true);
    assertThat(fake.requestCount(FakeRoute.OPEN_LOCK)).as("settling sends nothing").isEqualTo(commands);
    assertThat(c.status()).as("the entries agree with the door").isEqualTo(fake.openings().isEmpty()
        ? nl.ireserve.saltoks.Entries.Confirmation.Status.NOT_SEEN
        : nl.ireserve.saltoks.Entries.Confirmation.Status.CONFIRMED);
    return c.status() == nl.ireserve.saltoks.Entries.Confirmation.Status.CONFIRMED
        ? "settled from entries: opened" : "settled from entries: not opened";
  }

  private static void arm(FakeSaltoKsServer fake, Fault fault, Op op) {
    FakeFault f = fault.fault().get();
    switch (fault.target()) {
      case OP_ONCE:
        fake.faults().on(op.route).next(1, f);
        break;
      case OP_ALWAYS:
        fake.faults().on(op.route).always(f);
        break;
      case EVERYTHING_ALWAYS:
        fake.faults().onEverything().always(f);
        break;
      default:
        fake.faults().on(FakeRoute.TOKEN).always(f);
    }
  }

  private static void run(Op op, SaltoKsClient client, FakeSite site, FakeLock lock, FakeIq iq) {
    switch (op) {
      case TOKEN:
        client.authenticate();
        break;
      case LIST_SITES:
        assertThat(client.sites().list()).hasSize(1);
        break;
      case GET_LOCK:
        assertThat(client.site(SALTO.server().site(site)).locks().get(lock.id()).name()).isEqualTo("Lock Alpha");
        break;
      case OPEN_LOCK:
        client.site(SALTO.server().site(site)).locks().open(lock.id(), iq.key());
        break;
      default:
        client.site(SALTO.server().site(site)).iqSetup().changePin(iq.key(), "4711");
    }
  }

  @Order(2)
  @Test
  void theMatrix_isWhatDocsReliabilityMdSays() throws Exception {
    assertThat(CELLS).as("every cell ran").hasSize(FAULTS.size() * Op.values().length);
    StringBuilder md = new StringBuilder("| fault \\ operation |");
    for (Op op : Op.values()) {
      md.append(' ').append(op.title).append(" |");
    }
    md.append("\n|---|").append("---|".repeat(Op.values().length)).append('\n');
    for (Fault f : FAULTS) {
      md.append("| ").append(f.title()).append(" |");
      for (Op op : Op.values()) {
        md.append(' ').append(CELLS.get(f.title() + "|" + op.name())).append(" |");
      }
      md.append('\n');
    }
    md.append("\nCells: ").append(FAULTS.size()).append(" faults × ").append(Op.values().length)
        .append(" operations = ").append(CELLS.size()).append(". Openings duplicated: ")
        .append(DUPLICATE_OPENINGS.get()).append(". Commands re-sent after an unknown outcome: ")
        .append(RESENT_AFTER_UNKNOWN.get()).append(". Secrets leaked into logs or messages: ")
        .append(SECRETS_LEAKED.get()).append(".\n");
    assertThat(DUPLICATE_OPENINGS).hasValue(0);
    assertThat(RESENT_AFTER_UNKNOWN).hasValue(0);
    assertThat(SECRETS_LEAKED).hasValue(0);
    String committed = DocSection.sync("fault-matrix", md.toString());
    assertThat(committed)
        .as("docs/reliability.md must carry the measured matrix (target/reliability/fault-matrix.md);"
            + " rerun with -Dsaltoks.updateDocs=true to update it")
        .isEqualTo(md.toString());
  }
}
