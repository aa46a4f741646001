package nl.ireserve.saltoks.testkit;

import java.util.List;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer.RecordedRequest;

/**
 * JUnit 5 extension that runs a {@link FakeSaltoKsServer} on a free port, resets it before each
 * test, hands each test a ready {@link SaltoKsClient} (closed after the test), and fails a test that
 * sent a request to a path the fake does not know.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();
 *
 * @Test
 * void opensTheDoor() {
 *   FakeSite site = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
 *   ...
 *   SALTO.client().locks(site.id()).open(lock.id(), iq.key());
 * }
 * }</pre>
 *
 * <p>Test methods may also take a {@link FakeSaltoKsServer} or {@link SaltoKsClient} parameter.
 * Registered on a static field, one server serves the whole class; on an instance field, one per
 * test.
 */
public final class FakeSaltoKsExtension
    implements BeforeAllCallback,
        AfterAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private final FakeClock clock;
  private UnaryOperator<SaltoKsClient.Builder> clientCustomizer = UnaryOperator.identity();
  private boolean failOnUnmatched = true;
  private @Nullable FakeSaltoKsServer server;
  private @Nullable SaltoKsClient client;
  private boolean classScoped;

  private FakeSaltoKsExtension(FakeClock clock) {
    this.clock = clock;
  }

  /** An extension whose fake uses a ticking clock. */
  public static FakeSaltoKsExtension create() {
    return new FakeSaltoKsExtension(FakeClock.ticking());
  }

  /**
   * An extension whose fake and clients share this clock.
   *
   * @param clock the clock
   * @return the extension
   */
  public static FakeSaltoKsExtension create(FakeClock clock) {
    return new FakeSaltoKsExtension(clock);
  }

  /**
   * Adjusts how each test's client is built (timeouts, retry policy, …).
   *
   * @param customizer receives the preconfigured builder
   * @return this extension
   */
  public FakeSaltoKsExtension clients(UnaryOperator<SaltoKsClient.Builder> customizer) {
    this.clientCustomizer = customizer;
    return this;
  }

  /**
   * Whether a request to an unknown path fails the test. Default true.
   *
   * @param fail whether to
   * @return this extension
   */
  public FakeSaltoKsExtension failOnUnmatchedRequests(boolean fail) {
    this.failOnUnmatched = fail;
    return this;
  }

  /** The running fake. */
  public FakeSaltoKsServer server() {
    if (server == null) {
      throw new IllegalStateException("the fake starts before each test; use it inside a test");
    }
    return server;
  }

  /** The current test's client (built on first use). */
  public synchronized SaltoKsClient client() {
    if (client == null) {
      client = clientCustomizer.apply(server().clientBuilder()).build();
    }
    return client;
  }

  /**
   * The current test's client for a fake site: {@code client().site(server().site(site))}.
   *
   * @param site a site of the fake
   * @return its site client
   */
  public SiteClient site(FakeSite site) {
    return client().site(server().site(site));
  }

  /** The shared clock. */
  public FakeClock clock() {
    return clock;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    classScoped = true;
    server = FakeSaltoKsServer.create(clock).start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (server == null) {
      server = FakeSaltoKsServer.create(clock).start();
    }
    server.reset();
  }

  @Override
  public synchronized void afterEach(ExtensionContext context) {
    if (client != null) {
      client.close();
      client = null;
    }
    FakeSaltoKsServer s = server;
    List<RecordedRequest> unmatched = s == null ? List.of() : s.unmatchedRequests();
    if (!classScoped && s != null) {
      s.close();
      server = null;
    }
    if (failOnUnmatched && !unmatched.isEmpty()) {
      throw new AssertionError("requests to paths the fake SALTO KS does not know: " + unmatched);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    Class<?> type = p.getParameter().getType();
    return type == FakeSaltoKsServer.class || type == SaltoKsClient.class || type == FakeClock.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    Class<?> type = p.getParameter().getType();
    if (type == FakeSaltoKsServer.class) {
      return server();
    }
    return type == FakeClock.class ? clock : client();
  }
}
