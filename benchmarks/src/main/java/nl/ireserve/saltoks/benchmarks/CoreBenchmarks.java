package nl.ireserve.saltoks.benchmarks;

import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.access.AccessDecision;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/** Benchmarks 3, 4 and 5: cached token access, policy evaluation, OTP generation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class CoreBenchmarks {
  FakeSaltoKsServer fake;
  SaltoKsClient client;
  AccessPolicy policy;
  Reservation reservation;
  Instant now;
  IqKey key;

  @Setup(Level.Trial)
  public void setUp() {
    fake = FakeSaltoKsServer.create().start();
    client = fake.newClient();
    client.authenticate(); // the token is cached from here on
    policy = AccessPolicy.builder().allowedStatuses("Confirmed", "Paid", "23-LOCKOPOPEN").minutesBefore(30)
        .paymentRequired(true).lastOpenField("Reservation changed 01").statusAfterOpening("23-LOCKOPOPEN").build();
    now = Instant.parse("2026-12-01T14:10:00Z");
    reservation = Reservation.builder().id("r-1").objectId("room-101").status("Paid").start(Instant.parse("2026-12-01T14:00:00Z")).end(Instant.parse("2026-12-02T11:00:00Z")).paymentComplete(true).timeZone(ZoneId.of("Europe/Amsterdam")).build();
    key = new IqKey("3fa85f64-5717-4562-b3fc-2c963f66afa6", "a1b2c3d4e5f6g7h8", "1234");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    client.close();
    fake.close();
  }

  /** 3: the cached token, one thread. */
  @Benchmark
  public void token_cached_1thread() {
    client.authenticate();
  }

  /** 3: the cached token, 8 threads contending. */
  @Benchmark
  @Threads(8)
  public void token_cached_8threads() {
    client.authenticate();
  }

  /** 4: one policy decision (granted: the common case at the door). */
  @Benchmark
  public AccessDecision policy_evaluate() {
    return policy.evaluate(reservation, now);
  }

  /** 5: one OTP. */
  @Benchmark
  public String otp_generate() {
    return key.otpAt(now);
  }
}
