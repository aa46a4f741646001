package nl.ireserve.saltoks.testkit;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The faults armed for coming requests, first match wins. Thread-safe. */
final class FaultPlan {
  private static final class Armed {
    final Set<FakeRoute> target;
    final FakeFault fault;
    int remaining; // < 0: always
    int skip; // matching requests to let through first

    Armed(Set<FakeRoute> target, FakeFault fault, int remaining, int skip) {
      this.target = target;
      this.fault = fault;
      this.remaining = remaining;
      this.skip = skip;
    }
  }

  private final List<Armed> armed = new ArrayList<>();

  /** Arms a fault for the next {@code times} matching requests ({@code times < 0}: all of them). */
  public synchronized void arm(Set<FakeRoute> target, FakeFault fault, int times) {
    arm(target, fault, times, 0);
  }

  /** Like {@link #arm(Set, FakeFault, int)}, after letting {@code skip} matching requests through. */
  public synchronized void arm(Set<FakeRoute> target, FakeFault fault, int times, int skip) {
    armed.add(new Armed(Set.copyOf(target), fault, times, skip));
  }

  /** The faults armed now, one line each: the routes, the fault, how many more times (or always). */
  public synchronized List<String> describe() {
    List<String> out = new ArrayList<>();
    for (Armed a : armed) {
      out.add(new java.util.TreeSet<>(a.target) + " " + a.fault + " "
          + (a.remaining < 0 ? "always" : a.remaining + " more"));
    }
    return out;
  }

  /** Takes the fault for a request to this route, if one is armed. */
  public synchronized @Nullable FakeFault take(FakeRoute route) {
    Iterator<Armed> it = armed.iterator();
    while (it.hasNext()) {
      Armed a = it.next();
      if (a.target.contains(route)) {
        if (a.skip > 0) {
          a.skip--;
          return null;
        }
        if (a.remaining > 0 && --a.remaining == 0) {
          it.remove();
        }
        return a.fault;
      }
    }
    return null;
  }

  /** Disarms every fault. */
  public synchronized void clear() {
    armed.clear();
  }
}
