package nl.ireserve.saltoks.testkit;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Arms faults on the fake server: {@code fake.faults().on(FakeRoute.OPEN_LOCK).next(2,
 * FakeFault.status(503))}. The first armed fault that matches a request is used; faults without a
 * count stay until {@link #clear()}. Thread-safe.
 */
public final class FakeFaults {
  private final FaultPlan plan;

  FakeFaults(FaultPlan plan) {
    this.plan = plan;
  }

  /**
   * Aims at requests to these routes.
   *
   * @param first a route
   * @param more more routes
   * @return the arming step
   */
  public Arming on(FakeRoute first, FakeRoute... more) {
    return new Arming(EnumSet.of(first, more));
  }

  /** Aims at every Connect API request (not the token endpoint). */
  public Arming onApi() {
    Set<FakeRoute> api = EnumSet.allOf(FakeRoute.class);
    api.remove(FakeRoute.TOKEN);
    return new Arming(api);
  }

  /** Aims at every request, the token endpoint included: a whole-environment outage. */
  public Arming onEverything() {
    return new Arming(EnumSet.allOf(FakeRoute.class));
  }

  /** Disarms every fault. */
  public void clear() {
    plan.clear();
  }

  /** The faults armed now, one line each: the routes, the fault, how many more times (or always). */
  public List<String> armed() {
    return plan.describe();
  }

  /** The second step of arming: how often. */
  public final class Arming {
    private final Set<FakeRoute> routes;
    private final int skip;

    private Arming(Set<FakeRoute> routes) {
      this(routes, 0);
    }

    private Arming(Set<FakeRoute> routes, int skip) {
      this.routes = routes;
      this.skip = skip;
    }

    /**
     * Lets the next {@code calls} matching requests through before the fault applies: to hit the second
     * call of a route (a list, then a create).
     *
     * @param calls how many to let through
     * @return the arming
     */
    public Arming skipping(int calls) {
      if (calls < 0) {
        throw new IllegalArgumentException("calls must be at least 0, got " + calls);
      }
      return new Arming(routes, calls);
    }

    /**
     * The next {@code times} matching requests fail with {@code fault}.
     *
     * @param times how many, at least 1
     * @param fault the fault
     */
    public void next(int times, FakeFault fault) {
      if (times < 1) {
        throw new IllegalArgumentException("times must be at least 1, got " + times);
      }
      plan.arm(routes, fault, times, skip);
    }

    /**
     * Every matching request fails with {@code fault} until {@link FakeFaults#clear()}.
     *
     * @param fault the fault
     */
    public void always(FakeFault fault) {
      plan.arm(routes, fault, -1, skip);
    }
  }

}
