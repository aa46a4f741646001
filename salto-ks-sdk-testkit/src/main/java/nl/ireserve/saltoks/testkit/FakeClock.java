package nl.ireserve.saltoks.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A clock tests control. Either it ticks with the system clock plus an offset ({@link #ticking()}),
 * or it stands still at an instant ({@link #fixedAt}); {@link #advance} moves it either way, as time
 * passing. {@link #jump} moves only the wall clock, as an NTP correction does: the monotonic {@link
 * #nanoTime} does not follow it. Hand both to a client to test clock jumps: {@code
 * clock(fake).nanoTime(fake::nanoTime)}. Thread-safe; always UTC.
 */
public final class FakeClock extends Clock {
  private final @Nullable Clock base;
  private final AtomicLong offsetMillis;
  private final AtomicLong advancedMillis = new AtomicLong();

  private FakeClock(@Nullable Clock base, long offsetMillis) {
    this.base = base;
    this.offsetMillis = new AtomicLong(offsetMillis);
  }

  /** A clock that ticks with the system clock; {@link #advance} adds to it. */
  public static FakeClock ticking() {
    return new FakeClock(Clock.systemUTC(), 0);
  }

  /**
   * A clock that stands still at {@code instant} until advanced.
   *
   * @param instant the time it shows
   * @return the clock
   */
  public static FakeClock fixedAt(Instant instant) {
    return new FakeClock(null, instant.toEpochMilli());
  }

  /**
   * Moves the clock.
   *
   * @param duration how far (negative moves back)
   */
  public void advance(Duration duration) {
    offsetMillis.addAndGet(duration.toMillis());
    advancedMillis.addAndGet(duration.toMillis());
  }

  /**
   * Sets the wall clock forward or back without time passing, as when NTP corrects a host's clock:
   * {@link #nanoTime} does not move.
   *
   * @param duration how far (negative moves back)
   */
  public void jump(Duration duration) {
    offsetMillis.addAndGet(duration.toMillis());
  }

  /**
   * A monotonic time in nanoseconds: the system's (or zero, for a fixed clock) plus every {@link
   * #advance}, never a {@link #jump}.
   *
   * @return nanoseconds from an arbitrary origin
   */
  public long nanoTime() {
    return (base == null ? 0 : System.nanoTime()) + advancedMillis.get() * 1_000_000L;
  }

  @Override
  public long millis() {
    return base == null ? offsetMillis.get() : base.millis() + offsetMillis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("FakeClock is always UTC");
  }

  @Override
  public String toString() {
    return "FakeClock[" + instant() + (base == null ? ", fixed]" : ", ticking]");
  }
}
