package nl.ireserve.saltoks.testkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import nl.ireserve.saltoks.testkit.FakeExchange.In;
import nl.ireserve.saltoks.testkit.FakeExchange.Out;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WireMock extension that turns every request into a call on the {@link FakeRouter}, after
 * applying an armed {@link FakeFault}. One catch-all stub routes everything here.
 */
final class FakeTransformer implements ResponseDefinitionTransformerV2 {
  public static final String NAME = "salto-ks-fake";
  private static final Logger LOG = LoggerFactory.getLogger("nl.ireserve.saltoks.testkit.FakeSaltoKsServer");

  private final FakeState state;
  private final FakeRouter router;
  private final FaultPlan faults;
  private volatile boolean logRequests;
  private volatile java.util.function.Function<In, Out> control =
      in -> Out.json(404, "{\"error\":\"no control endpoints\"}");

  public FakeTransformer(FakeState state, FaultPlan faults) {
    this.state = state;
    this.router = new FakeRouter(state);
    this.faults = faults;
  }

  /** Sets the handler of the {@code /_fake/} control endpoints. */
  public void control(java.util.function.Function<In, Out> handler) {
    this.control = handler;
  }

  /** Logs each request at INFO (for the standalone server) instead of DEBUG. */
  public void logRequests(boolean on) {
    this.logRequests = on;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return true;
  }

  @Override
  public ResponseDefinition transform(ServeEvent event) {
    LoggedRequest r = event.getRequest();
    URI uri = URI.create(r.getUrl());
    String path = uri.getRawPath();
    String method = r.getMethod().getName();
    FakeRoute route = FakeRouter.route(method, path);
    FakeFault fault = faults.take(route);
    int status;
    ResponseDefinitionBuilder response;
    if (fault != null && fault.kind() != FakeFault.Kind.DELAY) {
      status = fault.status();
      response = faulted(fault);
    } else {
      In in =
          new In(method, path, query(r), r::getHeader, r.getBodyAsString(), base(r));
      Out out = route == FakeRoute.CONTROL ? control.apply(in) : router.handle(in, route);
      status = out.status();
      response = aResponse().withStatus(out.status()).withBody(out.body());
      out.headers().forEach(response::withHeader);
      if (fault != null) {
        response.withFixedDelay((int) fault.delay().toMillis());
      }
    }
    state.record(new RecordedRequest(method, path, route, status, state.now(),
        route == FakeRoute.TOKEN ? null : RequestShapes.outline(r.getBodyAsString()), System.nanoTime()));
    if (logRequests) {
      LOG.info("{} {} -> {}{}", method, path, status == 0 ? "connection reset" : status,
          fault == null ? "" : " (fault: " + fault + ")");
    } else {
      LOG.debug("{} {} -> {}{}", method, path, status, fault == null ? "" : " (fault: " + fault + ")");
    }
    return response.build();
  }

  private static ResponseDefinitionBuilder faulted(FakeFault fault) {
    switch (fault.kind()) {
      case CONNECTION_RESET:
        return aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER);
      case MALFORMED_JSON:
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"items\": [ {\"id\": ");
      case EMPTY_BODY:
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json");
      case HTML_PAGE:
        return aResponse().withStatus(fault.status()).withHeader("Content-Type", "text/html")
            .withBody("<html><head><title>" + fault.status() + " Bad Gateway</title></head>"
                + "<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response."
                + "</p></body></html>");
      case OUTAGE:
        return aResponse().withStatus(404);
      default:
        ResponseDefinitionBuilder b = aResponse().withStatus(fault.status())
            .withHeader("Content-Type", "application/json")
            .withBody("{\"ErrorCode\":\"2201\",\"Message\":\"Injected fault\"}");
        if (fault.retryAfter() != null) {
          b.withHeader("Retry-After", fault.retryAfter());
        }
        return b;
    }
  }

  private static Map<String, String> query(LoggedRequest r) {
    Map<String, String> q = new HashMap<>();
    Map<String, QueryParameter> params = r.getQueryParams();
    if (params != null) {
      params.forEach((k, v) -> q.put(k, v.firstValue()));
    }
    return q;
  }

  private static String base(LoggedRequest r) {
    return r.getScheme() + "://" + r.getHost() + ":" + r.getPort();
  }
}
