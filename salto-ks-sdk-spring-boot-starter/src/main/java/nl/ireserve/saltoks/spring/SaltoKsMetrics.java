package nl.ireserve.saltoks.spring;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.function.Consumer;
import java.util.function.Supplier;
import nl.ireserve.saltoks.access.AccessEvent;
import nl.ireserve.saltoks.spi.ObservedCall;
import nl.ireserve.saltoks.spi.Observer;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters from the SDK's observation SPI, with low-cardinality tags only (no id, reservation or
 * secret): {@code saltoks.http.requests} (timer: operation, kind, status, outcome), {@code
 * saltoks.token.fetches} (counter: outcome), {@code saltoks.otp.suspensions} (counter), {@code
 * saltoks.site.throttled} (timer: operation; waits at a site's request limits), {@code
 * saltoks.site.circuit.refusals} (counter: operation) and {@code saltoks.open.outcomes} (counter: status,
 * reason). A client observer and an access listener in one bean.
 */
public class SaltoKsMetrics implements Observer, Consumer<AccessEvent> {
  private static final ThreadLocal<java.util.ArrayDeque<Observation>> OPEN = ThreadLocal.withInitial(java.util.ArrayDeque::new);
  private final Supplier<@Nullable MeterRegistry> lookup;
  private volatile @Nullable MeterRegistry registry;
  private final Supplier<@Nullable ObservationRegistry> observations;
  private volatile @Nullable ObservationRegistry observationRegistry;

  /**
   * Meters in a registry.
   *
   * @param registry the registry
   */
  public SaltoKsMetrics(MeterRegistry registry) {
    this(() -> registry, () -> null);
  }

  /**
   * Meters in the registry {@code lookup} finds at the first event (none: nothing is recorded).
   *
   * @param lookup finds the registry
   */
  public SaltoKsMetrics(Supplier<@Nullable MeterRegistry> lookup) {
    this(lookup, () -> null);
  }

  /**
   * Meters, and an observation (a span, with a tracing bridge) named {@code saltoks.call} around every call
   * when {@code observations} finds an {@link ObservationRegistry}: low-cardinality key values {@code
   * operation} and {@code kind}, then {@code status} and {@code outcome}.
   *
   * @param lookup finds the meter registry
   * @param observations finds the observation registry
   */
  public SaltoKsMetrics(Supplier<@Nullable MeterRegistry> lookup, Supplier<@Nullable ObservationRegistry> observations) {
    this.lookup = lookup;
    this.observations = observations;
  }

  @Override
  public void callStarted(String operation, ObservedCall.Kind kind) {
    ObservationRegistry o = observationRegistry;
    if (o == null) {
      o = observations.get();
      observationRegistry = o;
    }
    if (o == null || o.isNoop()) {
      return;
    }
    OPEN.get().push(Observation.createNotStarted("saltoks.call", o).contextualName(operation)
        .lowCardinalityKeyValue("operation", operation)
        .lowCardinalityKeyValue("kind", kind.name().toLowerCase(java.util.Locale.ROOT)).start());
  }

  private void endObservation(ObservedCall call) {
    java.util.ArrayDeque<Observation> open = OPEN.get();
    Observation o = open.poll();
    if (o == null) {
      return;
    }
    o.lowCardinalityKeyValue("status", Integer.toString(call.status()))
        .lowCardinalityKeyValue("outcome", call.succeeded() ? "success" : "failure");
    if (!call.succeeded()) {
      o.highCardinalityKeyValue("failure", String.valueOf(call.failure()));
    }
    o.stop();
  }

  private @Nullable MeterRegistry registry() {
    MeterRegistry r = registry;
    if (r == null) {
      r = lookup.get();
      registry = r;
    }
    return r;
  }

  @Override
  public void call(ObservedCall call) {
    endObservation(call);
    MeterRegistry registry = registry();
    if (registry == null) {
      return;
    }
    String outcome = call.succeeded() ? "success" : "failure";
    Timer.builder("saltoks.http.requests").description("Calls to SALTO KS, retries included")
        .tag("operation", call.operation()).tag("kind", call.kind().name().toLowerCase(java.util.Locale.ROOT))
        .tag("status", Integer.toString(call.status())).tag("outcome", outcome)
        .register(registry).record(call.duration());
    if (call.kind() == ObservedCall.Kind.SIGN_IN) {
      Counter.builder("saltoks.token.fetches").tag("outcome", outcome).register(registry).increment();
    }
  }

  @Override
  public void otpSuspended(String iqId) {
    MeterRegistry registry = registry();
    if (registry == null) {
      return;
    }
    Counter.builder("saltoks.otp.suspensions").description("IQ keys whose OTPs were suspended locally")
        .register(registry).increment();
  }

  @Override
  public void throttled(String operation, java.time.Duration waited) {
    MeterRegistry registry = registry();
    if (registry == null) {
      return;
    }
    Timer.builder("saltoks.site.throttled").description("Waits for a turn at a site's request limits (SiteLimits)")
        .tag("operation", operation).register(registry).record(waited);
  }

  @Override
  public void circuitOpen(String operation, java.time.Instant retryAt) {
    MeterRegistry registry = registry();
    if (registry == null) {
      return;
    }
    Counter.builder("saltoks.site.circuit.refusals")
        .description("Calls refused unsent because their site's circuit was open after 503s or timeouts")
        .tag("operation", operation).register(registry).increment();
  }

  @Override
  public void accept(AccessEvent event) {
    MeterRegistry registry = registry();
    if (registry == null) {
      return;
    }
    String reason = event.reasons().isEmpty() ? "none" : event.reasons().get(0).code().name();
    Counter.builder("saltoks.open.outcomes").description("Door openings by outcome")
        .tag("status", event.outcome().name()).tag("reason", reason).register(registry).increment();
  }
}
