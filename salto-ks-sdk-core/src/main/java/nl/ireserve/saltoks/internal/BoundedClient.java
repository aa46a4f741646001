package nl.ireserve.saltoks.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.exception.SaltoTransportException;
import org.jspecify.annotations.Nullable;

/**
 * Feign's {@link feign.Client} over OkHttp, holding one of the client's request slots (its bulkhead)
 * and, with shared HTTP resources, one of the host's shared budget while a request is on the wire. The
 * client's own slot is taken first: when one customer's SALTO hangs, only that customer's callers
 * queue, and they never hold more of the shared budget than their own slots. A caller that gets no
 * slot within the connect timeout (waiting for a slot is waiting to connect) fails with a retryable
 * transport exception; nothing was sent. A closed client's {@link ClientGate} refuses the request the
 * same way.
 */
final class BoundedClient implements feign.Client {
  private final feign.Client delegate;
  private final Semaphore slots;
  private final @Nullable Semaphore budget;
  private final long waitNanos;
  private final ClientGate gate;
  private final SiteGates.ForClient sites;

  BoundedClient(feign.Client delegate, Semaphore slots, @Nullable Semaphore budget, Duration maxWait, ClientGate gate,
      SiteGates.ForClient sites) {
    this.delegate = delegate;
    this.slots = slots;
    this.budget = budget;
    this.waitNanos = maxWait.toNanos();
    this.gate = gate;
    this.sites = sites;
  }

  @Override
  public feign.Response execute(feign.Request request, feign.Request.Options options)
      throws IOException {
    if (!gate.enter()) {
      throw new SaltoTransportException(Operation.of(request).name() + " was not sent: this SaltoKsClient is"
          + " closed. Nothing was sent; use a client that is open (a closed one stays closed).", null, 0);
    }
    try {
      return bounded(request, options);
    } finally {
      gate.exit();
    }
  }

  /**
   * The site's gate first (its circuit, rate and bound in flight: a throttled site's waiters hold none of
   * the client's slots), then the client's slot, then the shared budget.
   */
  private feign.Response bounded(feign.Request request, feign.Request.Options options) throws IOException {
    SiteGates.Gate.Pass pass = sites.enter(request.url(), Operation.of(request));
    boolean sent = false;
    try {
      long deadline = System.nanoTime() + waitNanos;
      take(slots, deadline, request, "this client's request slots (its bulkhead) are all in use");
      try {
        if (budget != null) {
          take(budget, deadline, request, "the host's shared budget of requests in flight is used up");
        }
        try {
          sent = true;
          feign.Response response = delegate.execute(request, options);
          Observed.attempt(response.status());
          if (pass != null) {
            pass.answered(response.status());
          }
          return response;
        } catch (IOException | RuntimeException e) {
          Observed.attempt(0);
          if (pass != null) {
            pass.failed();
          }
          throw e;
        } finally {
          if (budget != null) {
            budget.release();
          }
        }
      } finally {
        slots.release();
      }
    } finally {
      if (pass != null && !sent) {
        pass.abandoned();
      }
    }
  }

  private static void take(Semaphore s, long deadline, feign.Request request, String busy) {
    try {
      if (!s.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new SaltoTransportException(Operation.of(request).name() + " was not sent: " + busy
            + " (SALTO slow or unreachable for these calls?). Nothing was sent; try again later.", null, 0);
      }
    } catch (InterruptedException e) {
      throw Failures.interrupted(Operation.of(request), "for a free connection", e, 1);
    }
  }
}
