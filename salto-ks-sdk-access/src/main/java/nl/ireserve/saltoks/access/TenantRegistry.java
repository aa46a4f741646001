package nl.ireserve.saltoks.access;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.RemovalCause;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.LongSupplier;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The logic behind {@link Tenants}: customers set up once on first use, outside any lock of
 * the cache, kept until idle, closed on eviction. A failed setup is not kept.
 */
final class TenantRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TenantRegistry.class);

  private final Function<String, Tenant> setup;
  private final AsyncCache<String, Tenant> cache;
  private volatile boolean closed;

  TenantRegistry(Function<String, Tenant> setup, Duration idleAfter, LongSupplier nanoTime) {
    this.setup = setup;
    this.cache = Caffeine.newBuilder()
        .expireAfterAccess(idleAfter)
        .ticker(nanoTime::getAsLong)
        .executor(Runnable::run) // closing an evicted tenant happens on the caller: no thread of ours
        .removalListener((String key, @Nullable Tenant t, RemovalCause cause) -> closeQuietly(t))
        .buildAsync();
  }

  Tenant get(String tenantKey) {
    Args.text("tenantKey", tenantKey, 200);
    for (int tries = 1; ; tries++) {
      ensureOpen();
      CompletableFuture<Tenant> mine = new CompletableFuture<>();
      CompletableFuture<Tenant> theirs = cache.asMap().putIfAbsent(tenantKey, mine);
      if (theirs == null) {
        setUp(tenantKey, mine); // on this thread, outside any lock of the cache
        theirs = mine;
      }
      Tenant t = await(theirs);
      if (cache.asMap().get(tenantKey) == theirs) {
        return t;
      }
      // evicted while it was set up: it is closed (or being closed), so never handed out; set up anew
      closeQuietly(t);
      if (tries >= 10) {
        throw new IllegalStateException("tenant " + Args.echo(tenantKey) + " was evicted each time it was set up"
            + " (10 times); stop evicting it while it is in use");
      }
    }
  }

  private void setUp(String tenantKey, CompletableFuture<Tenant> mine) {
    try {
      Tenant t = setup.apply(tenantKey);
      if (t == null) {
        throw new IllegalStateException("the setup returned no tenant for a key; return a Tenant or throw");
      }
      mine.complete(t);
      if (closed) {
        cache.asMap().remove(tenantKey, mine); // closed while it was set up: close it, don't hand it out
        closeQuietly(t);
      }
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      cache.asMap().remove(tenantKey, mine); // not kept: the next get tries again
    }
  }

  private Tenant await(CompletableFuture<Tenant> f) {
    try {
      Tenant t = f.get();
      ensureOpen();
      return t;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a tenant's setup", e);
    } catch (ExecutionException | CompletionException | CancellationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      if (cause instanceof Error) {
        throw (Error) cause;
      }
      throw new IllegalStateException("a tenant's setup failed", cause);
    }
  }

  void evict(String tenantKey) {
    Args.text("tenantKey", tenantKey, 200);
    cache.synchronous().invalidate(tenantKey);
  }

  void evictIdle() {
    cache.synchronous().cleanUp();
  }

  long size() {
    cache.synchronous().cleanUp();
    return cache.synchronous().estimatedSize();
  }

  @Override
  public void close() {
    closed = true;
    cache.synchronous().invalidateAll();
    cache.synchronous().cleanUp();
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("this Tenants registry is closed; build a new one");
    }
  }

  private static void closeQuietly(@Nullable Tenant t) {
    if (t == null) {
      return;
    }
    try {
      t.close();
    } catch (RuntimeException e) {
      LOG.warn("Closing a tenant failed ({}); its resources may stay in use", e.getClass().getSimpleName());
    }
  }
}
