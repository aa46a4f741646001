package nl.ireserve.saltoks.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeClock;
import org.junit.jupiter.api.Test;

class CachingStoresIT {
  private static final String ALPHA = "11111111-1111-4111-8111-111111111111";
  private static final String BRAVO = "22222222-2222-4222-8222-222222222222";
  private static final String IQ = "aaaaaaaa-1111-4111-8111-111111111111";

  /** Counts lookups that reach the real store. */
  static final class Counting extends java.lang.Object {
    final AtomicInteger lookups = new AtomicInteger();
    final MappingStore real = MappingStore.inMemory();
    final MappingStore store = new MappingStore() {
      @Override public Optional<ObjectLockLink> findByObject(String id) { lookups.incrementAndGet(); return real.findByObject(id); }
      @Override public List<ObjectLockLink> findByLock(String id) { return real.findByLock(id); }
      @Override public List<ObjectLockLink> all() { return real.all(); }
      @Override public ObjectLockLink link(ObjectLockLink l) { return real.link(l); }
      @Override public ObjectLockLink relink(ObjectLockLink l) { return real.relink(l); }
      @Override public boolean unlink(String id) { return real.unlink(id); }
    };
  }

  private static ObjectLockLink link(String lock) {
    return new ObjectLockLink("room-101", "Room 101", lock, "Lock", Instant.EPOCH);
  }

  @Test
  void repeatedLookups_hitTheStoreOnce_andAWriteHereInvalidatesAtOnce() {
    Counting c = new Counting();
    MappingStore cached = MappingStore.cached(c.store, Duration.ofSeconds(30));
    cached.link(link(ALPHA));
    for (int i = 0; i < 100; i++) {
      assertThat(cached.findByObject("room-101").orElseThrow().lockId()).isEqualTo(ALPHA);
    }
    assertThat(c.lookups).hasValue(1);
    cached.relink(link(BRAVO));
    assertThat(cached.findByObject("room-101").orElseThrow().lockId()).isEqualTo(BRAVO);
    cached.unlink("room-101");
    assertThat(cached.findByObject("room-101")).isEmpty();
    assertThat(c.lookups).hasValue(3);
  }

  @Test
  void changeByAnotherInstance_showsAfterTheTtl() {
    FakeClock clock = FakeClock.fixedAt(Instant.parse("2026-11-25T12:00:00Z"));
    Counting c = new Counting();
    MappingStore thisHost = MappingStore.cached(c.store, Duration.ofSeconds(30), clock);
    c.real.link(link(ALPHA));
    assertThat(thisHost.findByObject("room-101").orElseThrow().lockId()).isEqualTo(ALPHA);
    c.real.relink(link(BRAVO)); // another host instance writes to the shared database
    clock.advance(Duration.ofSeconds(29));
    assertThat(thisHost.findByObject("room-101").orElseThrow().lockId()).isEqualTo(ALPHA);
    clock.advance(Duration.ofSeconds(2));
    assertThat(thisHost.findByObject("room-101").orElseThrow().lockId()).isEqualTo(BRAVO);
  }

  @Test
  void unmappedObject_isCachedToo_untilLinkedHere() {
    Counting c = new Counting();
    MappingStore cached = MappingStore.cached(c.store, Duration.ofSeconds(30));
    assertThat(cached.findByObject("room-101")).isEmpty();
    assertThat(cached.findByObject("room-101")).isEmpty();
    assertThat(c.lookups).hasValue(1);
    cached.link(link(ALPHA));
    assertThat(cached.findByObject("room-101")).isPresent();
  }

  @Test
  void iqKeys_areCachedAndInvalidatedOnSave() {
    IqKeyStore cached = IqKeyStore.cached(IqKeyStore.inMemory(), Duration.ofSeconds(30));
    cached.save(new IqKey(IQ, "a1b2c3d4e5f6g7h8", "1234"));
    assertThat(cached.find(IQ).orElseThrow().pin()).isEqualTo("1234");
    cached.save(new IqKey(IQ, "a1b2c3d4e5f6g7h8", "4711"));
    assertThat(cached.find(IQ).orElseThrow().pin()).isEqualTo("4711");
    assertThat(cached.delete(IQ)).isTrue();
    assertThat(cached.find(IQ)).isEmpty();
  }
}
