package nl.ireserve.saltoks.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.it.support.LocalPostgres;
import nl.ireserve.saltoks.jdbc.JdbcStores;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Benchmark 6: the door-open path's mapping lookup with 100 000 links: in memory; PostgreSQL behind
 * the Caffeine cache (the deployed shape, every key cached); PostgreSQL uncached, through a HikariCP
 * pool as a host would have (sample mode, p50/p99). Keys are drawn at random from all 100 000.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MappingBenchmarks {
  static final int LINKS = 100_000;
  static final String LOCK = "11111111-1111-4111-8111-111111111111";

  static String randomObject() {
    return "room-" + ThreadLocalRandom.current().nextInt(LINKS);
  }

  /** 100 000 links in memory. */
  @State(Scope.Benchmark)
  public static class Memory {
    MappingStore store;

    @Setup(Level.Trial)
    public void setUp() {
      store = MappingStore.inMemory();
      for (int i = 0; i < LINKS; i++) {
        store.link(new ObjectLockLink("room-" + i, "Room " + i, LOCK, "Lock", Instant.EPOCH));
      }
    }
  }

  /** 100 000 links in PostgreSQL, through a pool. */
  @State(Scope.Benchmark)
  public static class Postgres {
    HikariDataSource pool;
    MappingStore store;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
      HikariConfig cfg = new HikariConfig();
      cfg.setDataSource(LocalPostgres.get().newDatabase("bench_mapping"));
      cfg.setMaximumPoolSize(4);
      pool = new HikariDataSource(cfg);
      Site site = new Site("acceptance", "https://example.test/v1.2", "NL1",
          "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "Hotel", "Europe/Amsterdam");
      store = JdbcStores.builder(pool).migrateSchema(true).build().mappings(site);
      try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
        s.executeUpdate("INSERT INTO saltoks_link (environment, site_id, object_id, object_name, lock_id,"
            + " lock_name, linked_at) SELECT 'acceptance', '" + site.id() + "', 'room-' || g, 'Room ' || g, '" + LOCK + "', 'Lock', 0 FROM generate_series(0, "
            + (LINKS - 1) + ") g");
        s.execute("ANALYZE saltoks_link");
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pool.close();
    }
  }

  /** The PostgreSQL store behind the cache, every key looked up once already. */
  @State(Scope.Benchmark)
  public static class Cached {
    MappingStore store;

    @Setup(Level.Trial)
    public void setUp(Postgres pg) {
      store = MappingStore.cached(pg.store, Duration.ofMinutes(10));
      for (int i = 0; i < LINKS; i++) {
        store.findByObject("room-" + i);
      }
    }
  }

  /** 6: in-memory store. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public Optional<ObjectLockLink> mapping_inMemory(Memory m) {
    return m.store.findByObject(randomObject());
  }

  /** 6: PostgreSQL store behind the cache. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public Optional<ObjectLockLink> mapping_jdbcCached(Cached c) {
    return c.store.findByObject(randomObject());
  }

  /** 6: PostgreSQL store, every lookup a query (p50/p99). */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public Optional<ObjectLockLink> mapping_jdbcUncached(Postgres pg) {
    return pg.store.findByObject(randomObject());
  }

  /** Baseline for the lookups: making the random key alone. */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  public String mapping_keyOnly_baseline() {
    return randomObject();
  }
}
