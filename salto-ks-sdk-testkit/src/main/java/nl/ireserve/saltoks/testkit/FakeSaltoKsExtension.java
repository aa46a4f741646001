package nl.ireserve.saltoks.testkit;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

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
 *   SALTO.site(site).locks().open(lock.id(), iq.key());
 * }
 * }</pre>
 *
 * <p>Test methods may also take a {@link FakeSaltoKsServer} or {@link SaltoKsClient} parameter.
 * Registered on a static field, one server serves the whole class; on an instance field, one per
 * test. The server and each test's client live in JUnit's {@link ExtensionContext.Store} (closed by
 * JUnit with their context), never in fields, so tests may run in parallel: with one server per test
 * (an instance field), parallel tests never share state; a class-wide server is shared and reset
 * before each test, so run such a class's methods one at a time.
 */
public final class FakeSaltoKsExtension
    implements BeforeAllCallback,
        BeforeEachCallback,
        AfterEachCallback,
        ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(FakeSaltoKsExtension.class);

  /** A key in the store, per extension instance (a class may register several). */
  private record Key(FakeSaltoKsExtension extension, String what) {}

  private final FakeClock clock;
  private final UnaryOperator<SaltoKsClient.Builder> clientCustomizer;
  private final boolean failOnUnmatched;
  /** The context of the test running on this thread, for the accessors called from test code. */
  private final ThreadLocal<ExtensionContext> current = new InheritableThreadLocal<>();

  private FakeSaltoKsExtension(
      FakeClock clock, UnaryOperator<SaltoKsClient.Builder> clientCustomizer, boolean failOnUnmatched) {
    this.clock = clock;
    this.clientCustomizer = clientCustomizer;
    this.failOnUnmatched = failOnUnmatched;
  }

  /** An extension whose fake uses a ticking clock. */
  public static FakeSaltoKsExtension create() {
    return create(FakeClock.ticking());
  }

  /**
   * An extension whose fake and clients share this clock.
   *
   * @param clock the clock
   * @return the extension
   */
  public static FakeSaltoKsExtension create(FakeClock clock) {
    return new FakeSaltoKsExtension(Objects.requireNonNull(clock, "clock"), UnaryOperator.identity(), true);
  }

  /**
   * This extension with each test's client built differently (timeouts, retry policy, …).
   *
   * @param customizer receives the preconfigured builder
   * @return a new extension; register the one returned
   */
  public FakeSaltoKsExtension clients(UnaryOperator<SaltoKsClient.Builder> customizer) {
    return new FakeSaltoKsExtension(clock, Objects.requireNonNull(customizer, "customizer"), failOnUnmatched);
  }

  /**
   * This extension with or without failing a test that sent a request to an unknown path. Default:
   * fail.
   *
   * @param fail whether to
   * @return a new extension; register the one returned
   */
  public FakeSaltoKsExtension failOnUnmatchedRequests(boolean fail) {
    return new FakeSaltoKsExtension(clock, clientCustomizer, fail);
  }

  /** The running fake of the current test. */
  public FakeSaltoKsServer server() {
    return server(context());
  }

  /** The current test's client (built on first use, closed after the test). */
  public SaltoKsClient client() {
    return client(context());
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

  private ExtensionContext context() {
    ExtensionContext c = current.get();
    if (c == null) {
      throw new IllegalStateException("the fake starts before each test; use it inside a test");
    }
    return c;
  }

  private FakeSaltoKsServer server(ExtensionContext c) {
    FakeSaltoKsServer s = c.getStore(NAMESPACE).get(new Key(this, "server"), FakeSaltoKsServer.class);
    if (s == null) {
      throw new IllegalStateException("the fake starts before each test; use it inside a test");
    }
    return s;
  }

  private SaltoKsClient client(ExtensionContext c) {
    return c.getStore(NAMESPACE).getOrComputeIfAbsent(new Key(this, "client"),
        k -> clientCustomizer.apply(server(c).clientBuilder()).build(), SaltoKsClient.class);
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    context.getStore(NAMESPACE).put(new Key(this, "server"), FakeSaltoKsServer.create(clock).start());
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    ExtensionContext.Store store = context.getStore(NAMESPACE);
    if (store.get(new Key(this, "server")) == null) { // registered on an instance field: one per test
      store.put(new Key(this, "server"), FakeSaltoKsServer.create(clock).start());
    }
    server(context).reset();
    current.set(context);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    current.remove();
    List<RecordedRequest> unmatched = server(context).unmatchedRequests();
    if (failOnUnmatched && !unmatched.isEmpty()) {
      throw new AssertionError("requests to paths the fake SALTO KS does not know: " + unmatched);
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
      return server(e);
    }
    return type == FakeClock.class ? clock : client(e);
  }
}
