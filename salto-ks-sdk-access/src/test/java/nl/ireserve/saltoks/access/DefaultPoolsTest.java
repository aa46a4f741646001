package nl.ireserve.saltoks.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The SDK's default pools live exactly as long as a service holds them, and their threads are daemons. */
class DefaultPoolsTest {
  @Test
  void theLastReleaseShutsThePoolsDown_aReleaseTwiceCountsOnce_andANewLeaseGetsNewPools() throws Exception {
    int before = DefaultPools.users();
    DefaultPools.Lease first = DefaultPools.acquire();
    DefaultPools.Lease second = DefaultPools.acquire();
    ExecutorService calls = first.storeCalls();
    ScheduledExecutorService looks = first.scheduler();
    assertThat(second.storeCalls()).as("shared").isSameAs(calls);

    first.release();
    first.release(); // idempotent: the second service still holds them
    assertThat(calls.isShutdown()).isFalse();
    assertThat(DefaultPools.users()).isEqualTo(before + 1);

    second.release();
    if (before == 0) { // no other test of this JVM holds them
      assertThat(calls.isShutdown()).isTrue();
      assertThat(looks.isShutdown()).isTrue();
      DefaultPools.Lease again = DefaultPools.acquire();
      assertThat(again.storeCalls()).isNotSameAs(calls);
      again.release();
    }
    assertThat(DefaultPools.users()).isEqualTo(before);
  }

  @Test
  void theThreadsAreDaemons_withNamesThatSayWhose() throws Exception {
    DefaultPools.Lease lease = DefaultPools.acquire();
    try {
      AtomicReference<Thread> store = new AtomicReference<>();
      AtomicReference<Thread> look = new AtomicReference<>();
      CountDownLatch ran = new CountDownLatch(2);
      lease.storeCalls().execute(() -> {
        store.set(Thread.currentThread());
        ran.countDown();
      });
      lease.scheduler().schedule(() -> {
        look.set(Thread.currentThread());
        ran.countDown();
      }, 1, TimeUnit.MILLISECONDS);
      assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(store.get().isDaemon()).isTrue();
      assertThat(store.get().getName()).startsWith("saltoks-store-");
      assertThat(look.get().isDaemon()).isTrue();
      assertThat(look.get().getName()).startsWith("saltoks-confirm-");
    } finally {
      lease.release();
    }
  }
}
