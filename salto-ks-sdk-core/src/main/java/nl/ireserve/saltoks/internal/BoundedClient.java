package nl.ireserve.saltoks.internal;

import java.io.IOException;
import java.util.concurrent.Semaphore;

/**
 * Feign's {@link feign.Client} over OkHttp, holding one of the client's request slots while a request
 * is on the wire: this bounds the connections one SDK client opens to SALTO.
 */
final class BoundedClient implements feign.Client {
  private final feign.Client delegate;
  private final Semaphore slots;

  BoundedClient(feign.Client delegate, Semaphore slots) {
    this.delegate = delegate;
    this.slots = slots;
  }

  @Override
  public feign.Response execute(feign.Request request, feign.Request.Options options)
      throws IOException {
    try {
      slots.acquire();
    } catch (InterruptedException e) {
      throw Failures.interrupted(Operation.of(request), "for a free connection", e, 1);
    }
    try {
      return delegate.execute(request, options);
    } finally {
      slots.release();
    }
  }
}
