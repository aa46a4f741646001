package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import nl.ireserve.saltoks.access.Settlement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.OpenOutcome.Status;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Tenant;
import nl.ireserve.saltoks.access.Tenants;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The host owns the threads: executors it supplies carry the SDK's work and are never shut down by it;
 * {@code close()} ends the service's own work (its confirmations still looking) and nothing else, and a
 * closed service refuses to open.
 */
class ServiceLifecycleIT {
  static final FakeClock CLOCK = FakeClock.fixedAt(Hotel.START.plus(Duration.ofMinutes(10)));

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(CLOCK);

  /** A store outside this process, as far as the SDK can tell: its calls run on the store executor. */
  private static MappingStore remote(MappingStore local) {
    return new MappingStore() {
      @Override public Optional<Site> site() {
        return local.site();
      }

      @Override public Optional<ObjectLockLink> findByObject(String objectId) {
        return local.findByObject(objectId);
      }

      @Override public List<ObjectLockLink> findByLock(String lockId) {
        return local.findByLock(lockId);
      }

      @Override public List<ObjectLockLink> all() {
        return local.all();
      }

      @Override public ObjectLockLink link(ObjectLockLink link) {
        return local.link(link);
      }

      @Override public ObjectLockLink relink(ObjectLockLink link) {
        return local.relink(link);
      }

      @Override public boolean unlink(String objectId) {
        return local.unlink(objectId);
      }
    };
  }

  @Test
  void theHostsExecutors_carryTheStoreCallsAndTheLooks_andCloseEndsOnlyTheServicesOwnWork() throws Exception {
    Hotel hotel = new Hotel(SALTO);
    AtomicInteger storeCalls = new AtomicInteger();
    ExecutorService hostPool = Executors.newCachedThreadPool();
    Executor counting = task -> {
      storeCalls.incrementAndGet();
      hostPool.execute(task);
    };
    ScheduledThreadPoolExecutor hostScheduler = new ScheduledThreadPoolExecutor(1);
    try {
      AccessService access = hotel.service(SALTO, CLOCK).mappings(remote(hotel.mappings))
          .storeExecutor(counting).scheduler(hostScheduler)
          .confirmationLooks(Duration.ofMinutes(10), Duration.ofMinutes(10)).build();

      assertThat(access.open(Hotel.room101("Paid")).status()).isEqualTo(Status.OPENED);
      assertThat(storeCalls.get()).as("the link was read on the host's executor").isPositive();
      CompletableFuture<Settlement> looking = access.confirm(Hotel.room101("Paid"));
      assertThat(hostScheduler.getQueue()).as("its first look waits on the host's scheduler").hasSize(1);

      access.close();
      access.close(); // idempotent

      // Java 23+ wraps the cancellation get() reports in a new CancellationException("get") whose cause is ours.
      Throwable ended = catchThrowable(() -> looking.get(5, TimeUnit.SECONDS));
      assertThat(ended).isInstanceOf(CancellationException.class);
      assertThat(ended.getCause() instanceof CancellationException ours ? ours : ended)
          .hasMessageContaining("journal keeps the attempt");
      assertThat(hostScheduler.getQueue()).as("its look was cancelled, not left to run on the host's scheduler")
          .allSatisfy(task -> assertThat(((java.util.concurrent.Future<?>) task).isCancelled()).isTrue());
      assertThat(hostScheduler.isShutdown()).as("the host's scheduler is the host's").isFalse();
      assertThat(hostPool.isShutdown()).isFalse();
      int opensBefore = SALTO.server().openings().size();
      OpenOutcome afterClose = access.open(Hotel.room101("Paid"));
      assertThat(afterClose.status()).isEqualTo(Status.FAILED);
      assertThat(afterClose.detail()).contains("closed").contains("nothing was sent");
      assertThatThrownBy(() -> access.check(Hotel.room101("Paid"))).isInstanceOf(IllegalStateException.class);
      assertThat(SALTO.server().openings()).as("nothing sent after close").hasSize(opensBefore);
    } finally {
      hostPool.shutdownNow();
      hostScheduler.shutdownNow();
    }
  }

  @Test
  void closingATenant_closesItsAccessServiceAndThenItsClient() {
    Hotel hotel = new Hotel(SALTO);
    AccessService access = hotel.service(SALTO, CLOCK).build();
    var client = SALTO.server().clientBuilder().build();
    Tenants tenants = Tenants.builder(key -> new Tenant(client, hotel.ref, access)).build();
    assertThat(tenants.get("hotel").access().check(Hotel.room101("Paid")).granted()).isTrue();

    tenants.close();

    assertThat(access.open(Hotel.room101("Paid")).status()).isEqualTo(Status.FAILED);
    assertThatThrownBy(() -> access.check(Hotel.room101("Paid"))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> client.sites().retrieve("NL6254340082")).hasMessageContaining("closed");
  }
}
