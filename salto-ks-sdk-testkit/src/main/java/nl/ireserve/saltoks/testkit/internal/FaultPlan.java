package nl.ireserve.saltoks.testkit.internal;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.testkit.FakeFaults.FakeFault;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer.Route;

/** The faults armed for coming requests, first match wins. Thread-safe. */
public final class FaultPlan {
  private static final class Armed {
    final Predicate<Route> target;
    final FakeFault fault;
    int remaining; // < 0: always

    Armed(Predicate<Route> target, FakeFault fault, int remaining) {
      this.target = target;
      this.fault = fault;
      this.remaining = remaining;
    }
  }

  private final List<Armed> armed = new ArrayList<>();

  /** Arms a fault for the next {@code times} matching requests ({@code times < 0}: all of them). */
  public synchronized void arm(Predicate<Route> target, FakeFault fault, int times) {
    armed.add(new Armed(target, fault, times));
  }

  /** Takes the fault for a request to this route, if one is armed. */
  public synchronized @Nullable FakeFault take(Route route) {
    Iterator<Armed> it = armed.iterator();
    while (it.hasNext()) {
      Armed a = it.next();
      if (a.target.test(route)) {
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
