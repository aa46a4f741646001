package nl.ireserve.saltoks.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Whether one client still takes calls, and its requests in flight: {@link #close()} refuses new
 * requests at once, lets the ones in flight finish, and then runs the release of the client's HTTP
 * resources, exactly once. Closing never cuts off a command on the wire (an opening whose answer would be
 * lost). Thread-safe, lock-free.
 *
 * <p>The closed flag and the count are one atomic value (bit 0: closed; the rest: twice the requests in
 * flight), so "closed, and nothing in flight" is seen in one step: with two values, a request leaving as
 * another enters could read "closed" after the other had entered, and release under it.
 */
final class ClientGate {
  private static final int CLOSED = 1;
  private static final int ONE = 2;
  private final AtomicInteger state = new AtomicInteger();
  private final AtomicBoolean released = new AtomicBoolean();
  private final Runnable release;

  ClientGate(Runnable release) {
    this.release = release;
  }

  /**
   * Counts a request in; false once closed (then nothing stays counted).
   *
   * @return whether the request may go
   */
  boolean enter() {
    if ((state.addAndGet(ONE) & CLOSED) != 0) {
      exit();
      return false;
    }
    return true;
  }

  /** Counts a request out; the last one out after {@link #close()} releases. */
  void exit() {
    if (state.addAndGet(-ONE) == CLOSED) {
      releaseOnce();
    }
  }

  /** Whether {@link #close()} was called. */
  boolean isClosed() {
    return (state.get() & CLOSED) != 0;
  }

  /** Refuses new requests; releases now when none is in flight, else when the last one ends. */
  void close() {
    if (state.updateAndGet(s -> s | CLOSED) == CLOSED) {
      releaseOnce();
    }
  }

  private void releaseOnce() {
    if (released.compareAndSet(false, true)) {
      release.run();
    }
  }
}
