package nl.ireserve.saltoks.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoEnvironment;

/** The validated settings of one client, as the builder hands them over. */
public record ClientOptions(
    SaltoEnvironment environment,
    Duration connectTimeout,
    Duration readTimeout,
    Duration callTimeout,
    RetryPolicy retryPolicy,
    String userAgent,
    Clock clock,
    LongSupplier nanoTime,
    Duration tokenRefreshAhead,
    Duration maxClockSkew,
    int maxConcurrentRequests,
    String apiVersion,
    @Nullable SharedResources shared) {}
