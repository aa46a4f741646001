package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;

/**
 * Opens the right door for a reservation, or says why not (README "The path of one open"), as a
 * one-way pipeline: the integration switch, the link, the lock and its IQ, the IQ key and the policy →
 * the claim and the key's OTP turn → the remote opening → the host's recorder → the journal and the
 * listeners.
 *
 * <p>It fails closed: when anything is missing or not allowed, nothing is sent to SALTO, and the
 * outcome lists every reason. What must hold across host instances lives in its {@link AccessGuards}
 * (in memory by default; {@code JdbcStores.guards()} for several instances on one database): the
 * integration switch; a second {@link #open} for the same reservation and lock while one is in progress
 * or within the duplicate window sends nothing, and says truthfully why ({@link
 * OpenOutcome.Status#IN_PROGRESS}, {@link OpenOutcome.Status#ALREADY_OPENED} only after an opening,
 * {@link OpenOutcome.Status#UNKNOWN} after a lost answer); the status after opening is set once; a
 * per-lock throttle refuses floods; until an OTP from an IQ key was accepted, one opening at a time
 * tests it. Every attempt is journaled ({@link #journal}) and reaches the listeners. Calls to the
 * host's stores have a time limit ({@link Builder#storeTimeout}).
 *
 * <p>Thread-safe; build one per site and share it.
 */
public final class AccessService implements AutoCloseable {
  /** How long the opening waits for another one that tests the same IQ key. */
  private static final Duration OTP_WAIT = Duration.ofSeconds(10);

  private final SiteClient site;
  private final Clock clock;
  private final MappingStore mappings;
  private final IqKeyStore keys;
  private final AccessGuards guards;
  private final Readiness readiness;
  private final DoorOpening opening;
  private final OpeningEnd end;
  private final OpeningSettler settler;
  /** The SDK's default pools, when the host supplied no executors. */
  private final DefaultPools.@Nullable Lease pools;
  private volatile boolean closed;
  /** Openings under way; the last one to end after {@link #close} releases the default pools. */
  private final AtomicInteger inFlight = new AtomicInteger();

  private AccessService(Builder b) {
    this.site = required("site", b.site, "site(client.site(site))");
    AccessPolicy policy = required("policy", b.policy, "policy(AccessPolicy.builder()…build())");
    this.mappings = required("mappings", b.mappings, "mappings(store)");
    this.keys = required("keys", b.keys, "keys(store)");
    Args.sameSite("mappings", mappings.site(), site.site());
    Args.sameSite("keys", keys.site(), site.site());
    ReservationRecorder recorder = CheckIn.recorder(policy, b.recorder);
    this.clock = b.clock;
    this.guards = b.guards;
    AccessGuards.ClaimRules rules =
        new AccessGuards.ClaimRules(b.duplicateWindow, Claims.IN_PROGRESS_LEASE, b.maxOpensPerLockPerMinute);
    this.pools = b.storeExecutor == null || b.scheduler == null ? DefaultPools.acquire() : null;
    StoreCalls calls = new StoreCalls(b.storeTimeout, b.storeExecutor != null ? b.storeExecutor : pools.storeCalls());
    LockDirectory locks = new LockDirectory(site.locks(), b.lockInfoTtl, clock);
    this.readiness = new Readiness(site, policy, mappings, keys, guards, calls, locks, clock,
        site.site().zone().orElse(ZoneOffset.UTC));
    this.end = new OpeningEnd(site.site(), guards, calls, b.listeners, clock);
    CheckIn checkIn = new CheckIn(site.site(), policy, recorder, guards, calls, end);
    Command command = new Command(site, guards, keys, calls, locks, clock, checkIn, end);
    this.opening = new DoorOpening(readiness, new Claims(site.site(), guards, rules, calls, clock, OTP_WAIT, command, end),
        end);
    this.settler = new OpeningSettler(site, guards, calls, clock, b.confirmationWindow, b.firstLook, b.maxLookPause,
        checkIn::record, end::emit, b.scheduler != null ? b.scheduler : pools.scheduler());
  }

  /**
   * Closes the service: confirmations still looking end (with a {@link java.util.concurrent.CancellationException};
   * the journal keeps their attempts), and the SDK's default pools are released (shut down with the last
   * service that used them). Executors the host supplied are left running. An opening already under way
   * finishes; afterwards {@link #open} sends nothing and answers {@link OpenOutcome.Status#FAILED}, and {@link
   * #check} throws {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    readiness.close();
    settler.close();
    if (inFlight.get() == 0) {
      releasePools(); // else the last opening under way releases them when it ends
    }
  }

  private void releasePools() {
    if (pools != null) {
      pools.release(); // idempotent
    }
  }

  private static <T> T required(String part, @Nullable T value, String setter) {
    if (value == null) {
      throw new IllegalArgumentException(part + " is missing: set " + setter + " on the builder");
    }
    return value;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The policy in force. */
  public AccessPolicy policy() {
    return readiness.policy();
  }

  /**
   * The troubleshooter of this service: the manual's problems answered with this service's site,
   * policy, stores and clock, and with {@link #check} itself.
   *
   * @return the troubleshooter
   */
  public Troubleshooter troubleshooter() {
    return new Troubleshooter(readiness, site, mappings, keys, readiness.clock(), readiness.zone());
  }

  /**
   * Guest access for stays on this service's site, with this service's policy and links: a KS guest, an
   * access group with a time schedule for the policy's window, and a keypad PIN for the host to deliver.
   *
   * @param grants where grants are recorded ({@link GuestGrantStore#inMemory()} or {@code
   *     jdbc(dataSource)} for several instances)
   * @return the guest access service
   */
  public GuestAccessService guests(GuestGrantStore grants) {
    return new GuestAccessService(readiness, Args.notNull("grants", grants), GuestAccessService.Retry.DEFAULT);
  }

  /**
   * Decides whether the reservation may open its door now, with every reason — policy, mapping, IQ
   * key, lock state — without opening anything.
   *
   * @param reservation the reservation
   * @return the decision
   * @throws IllegalStateException when the service is closed
   */
  public AccessDecision check(Reservation reservation) {
    return readiness.check(reservation);
  }

  /**
   * Opens the reservation's door if it may open now.
   *
   * @param reservation the reservation, with its current status
   * @return what happened; never throws for a refusal, a SALTO failure or a failing store (only for a
   *     null reservation). A closed service sends nothing and answers {@link OpenOutcome.Status#FAILED}.
   */
  public OpenOutcome open(Reservation reservation) {
    Args.notNull("reservation", reservation);
    Instant now = clock.instant();
    inFlight.incrementAndGet(); // before the check: close() then either sees it, or this sees closed
    try {
      return closed ? opening.refuseClosed(reservation, now) : opening.open(reservation, now);
    } finally {
      if (inFlight.decrementAndGet() == 0 && closed) {
        releasePools(); // the last opening under way when the service closed
      }
    }
  }

  /**
   * Looks once, now, at SALTO's entries for the reservation's last sent opening (the last attempt that got
   * a 200, or no answer), from just before its command was sent through the confirmation window. An
   * opening whose outcome was {@link OpenOutcome.Status#UNKNOWN} is settled by evidence only:
   * <ul>
   *   <li>as opened when the entries show the service account's remote opening of that lock: recorded
   *       (last-open field, and the status after opening exactly once, across instances);
   *   <li>as not opened ({@link DenialReason.Code#NOT_OPENED}) only when the site is known to log remote
   *       openings and the window passed without one: the claim is released, the guest may try again;
   *   <li>otherwise it stays unknown, for a person to decide.
   * </ul>
   * A confirmed opening teaches the guards that this site's entries show remote openings. Nothing here
   * sends a command, and "not seen yet" is never a reason to open. An opening that got a 200 is only
   * confirmed (or not), never changed.
   *
   * @param reservation the reservation (its recorder writes need it)
   * @return what the entries show and what was settled
   */
  public Settlement settle(Reservation reservation) {
    return settler.settle(Args.notNull("reservation", reservation));
  }

  /**
   * Like {@link #settle}, looked at again and again in the background with backoff (entries are stored up
   * to minutes late), until the entries decide or the window has passed. Call it right after an {@link
   * #open} that returned {@link OpenOutcome.Status#OPENED} or {@link OpenOutcome.Status#UNKNOWN}; the
   * open itself never waits for it.
   *
   * @param reservation the reservation
   * @return the settlement, when the entries decided or the window passed
   */
  public CompletableFuture<Settlement> confirm(Reservation reservation) {
    return settler.confirm(Args.notNull("reservation", reservation));
  }

  /**
   * The journal of openings: every attempt, with its outcome and when it was sent and answered, as the
   * guards keep it (so with {@code JdbcStores.guards()}, every instance's attempts).
   *
   * @return the journal
   */
  public Journal journal() {
    return end::attempts;
  }

  /**
   * Switches the integration on or off for this service's site, on every instance that shares the
   * guards (i-Reserve's rollback: "set the integration inactive"). Off, every open is denied with
   * {@link DenialReason.Code#INTEGRATION_INACTIVE} and nothing is sent to SALTO.
   *
   * @param active false to stop opening doors
   */
  public void setIntegrationActive(boolean active) {
    guards.setActive(site.site(), active);
  }

  /** The openings journal of a service's site. */
  @FunctionalInterface
  public interface Journal {
    /**
     * The attempts of a reservation, oldest first.
     *
     * @param reservationId the reservation
     * @return its attempts
     * @throws nl.ireserve.saltoks.exception.StoreException when the journal cannot be read
     */
    List<AccessGuards.Attempt> forReservation(String reservationId);
  }

  /** Builds an {@link AccessService}. */
  public static final class Builder {
    private @Nullable SiteClient site;
    private @Nullable AccessPolicy policy;
    private @Nullable MappingStore mappings;
    private @Nullable IqKeyStore keys;
    private @Nullable ReservationRecorder recorder;
    private final List<Consumer<AccessEvent>> listeners = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private Duration duplicateWindow = Duration.ofSeconds(10);
    private int maxOpensPerLockPerMinute = 15;
    private Duration lockInfoTtl = Duration.ofSeconds(30);
    private AccessGuards guards = AccessGuards.inMemory();
    private Duration storeTimeout = Duration.ofSeconds(2);
    private Duration confirmationWindow = Duration.ofMinutes(3);
    private Duration firstLook = Duration.ofSeconds(5);
    private Duration maxLookPause = Duration.ofSeconds(30);
    private @Nullable Executor storeExecutor;
    private @Nullable ScheduledExecutorService scheduler;

    private Builder() {}

    /**
     * How long after a command its entry may appear: {@link #settle} and {@link #confirm} look from just
     * before the command to this long after it. Default 3 minutes (measured lags: 1 to 79 s, in batches).
     *
     * @param window 120 s to 1 hour
     * @return this builder
     */
    public Builder confirmationWindow(Duration window) {
      Args.positive("confirmationWindow", window);
      if (window.compareTo(Duration.ofSeconds(120)) < 0 || window.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("confirmationWindow must be 120 s to 1 hour (entries were"
            + " measured up to 79 s late), got " + window);
      }
      this.confirmationWindow = window;
      return this;
    }

    /**
     * When {@link #confirm} looks: first after {@code first}, then twice as long each time up to {@code
     * max}, until the window has passed. Default 5 s, then up to 30 s.
     *
     * @param first the pause before the first look
     * @param max the longest pause between looks
     * @return this builder
     */
    public Builder confirmationLooks(Duration first, Duration max) {
      Args.positive("first", first);
      Args.positive("max", max);
      if (max.compareTo(first) < 0) {
        throw new IllegalArgumentException("max must be at least first, got first " + first + ", max " + max);
      }
      this.firstLook = first;
      this.maxLookPause = max;
      return this;
    }

    /**
     * The site's client, {@code client.site(client.sites().retrieve(uid))}. Required.
     *
     * @param site the site's client
     * @return this builder
     */
    public Builder site(SiteClient site) {
      this.site = Args.notNull("site", site);
      return this;
    }

    /**
     * The policy. Required.
     *
     * @param policy the policy
     * @return this builder
     */
    public Builder policy(AccessPolicy policy) {
      this.policy = Args.notNull("policy", policy);
      return this;
    }

    /**
     * Where object → lock links live. Required; wrap a database store in {@code MappingStore.cached(store, ttl)}.
     *
     * @param mappings the store
     * @return this builder
     */
    public Builder mappings(MappingStore mappings) {
      this.mappings = Args.notNull("mappings", mappings);
      return this;
    }

    /**
     * Where IQ keys live. Required.
     *
     * @param keys the store
     * @return this builder
     */
    public Builder keys(IqKeyStore keys) {
      this.keys = Args.notNull("keys", keys);
      return this;
    }

    /**
     * The host's recorder of openings. Required when the policy sets a last-open field or a status
     * after opening ({@link #build} refuses otherwise); without those settings nothing is recorded.
     *
     * @param recorder the recorder
     * @return this builder
     */
    public Builder recorder(ReservationRecorder recorder) {
      this.recorder = Args.notNull("recorder", recorder);
      return this;
    }

    /**
     * Adds a listener that receives an {@link AccessEvent} for every open attempt, granted or not,
     * failures of the SDK's own stores included. Called on the opening thread after the outcome is
     * settled; an exception from it is logged and does not change the outcome.
     *
     * @param listener the listener, such as {@code auditTrail::add}
     * @return this builder
     */
    public Builder listener(Consumer<AccessEvent> listener) {
      listeners.add(Args.notNull("listener", listener));
      return this;
    }

    /**
     * The clock. Default system UTC.
     *
     * @param clock the clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Args.notNull("clock", clock);
      return this;
    }

    /**
     * How long a second open for the same reservation and lock sends nothing. Default 10 s.
     *
     * @param window positive duration, at most 1 hour
     * @return this builder
     */
    public Builder duplicateWindow(Duration window) {
      Args.positive("duplicateWindow", window);
      if (window.compareTo(Duration.ofHours(1)) > 0) {
        throw new IllegalArgumentException("duplicateWindow must be at most 1 hour, got " + window);
      }
      this.duplicateWindow = window;
      return this;
    }

    /**
     * Most openings per lock in any minute, refused locally beyond it: a guard against a flood of taps on
     * one door (a stuck button, a runaway script), not a SALTO limit (none was ever observed). Default
     * 15; a very high value (up to 1,000,000) effectively turns the throttle off, as benchmarks do.
     *
     * @param max 1 to 1,000,000
     * @return this builder
     */
    public Builder maxOpensPerLockPerMinute(int max) {
      if (max < 1 || max > 1_000_000) {
        throw new IllegalArgumentException("maxOpensPerLockPerMinute must be 1..1000000, got " + max);
      }
      this.maxOpensPerLockPerMinute = max;
      return this;
    }

    /**
     * How long a lock's state (online, IQ) read from SALTO is reused. Default 30 s.
     *
     * @param ttl positive duration
     * @return this builder
     */
    public Builder lockInfoTtl(Duration ttl) {
      this.lockInfoTtl = Args.positive("lockInfoTtl", ttl);
      return this;
    }

    /**
     * Where the guards that must hold across host instances live: the integration switch, the opening
     * claim and duplicate window, the throttle, the check-in, the OTP single flight, and the journal.
     * Default {@link AccessGuards#inMemory()}, right for one instance; several instances on one database
     * share {@code JdbcStores.guards()} (README "Running several instances").
     *
     * @param guards the guards
     * @return this builder
     */
    public Builder guards(AccessGuards guards) {
      this.guards = Args.notNull("guards", guards);
      return this;
    }

    /**
     * The time limit of each call to the host's stores (links, IQ keys, guards) on the door-open path.
     * After it the open fails closed with {@link DenialReason.Code#STORE_UNAVAILABLE}. Stores in memory
     * are called directly. Default 2 s.
     *
     * @param timeout 1 ms to 60 s
     * @return this builder
     */
    public Builder storeTimeout(Duration timeout) {
      Args.positive("storeTimeout", timeout);
      if (timeout.compareTo(Duration.ofSeconds(60)) > 0) {
        throw new IllegalArgumentException("storeTimeout must be at most 60 s, got " + timeout);
      }
      this.storeTimeout = timeout;
      return this;
    }

    /**
     * The executor the calls to stores outside this process run on, so that the door-open path can stop
     * waiting after {@link #storeTimeout} (a call that hangs keeps its thread until the store answers). The
     * host owns it: the service never shuts it down. It should start a call at once or refuse it (a
     * queue would make calls wait past the limit; a refused call denies that opening). Default: the SDK's
     * shared pool of at most 512 daemon threads, idle threads ending after 30 s, shut down when the last
     * service using it closes. Each service also bounds its own calls in flight (64).
     *
     * @param executor the executor
     * @return this builder
     */
    public Builder storeExecutor(Executor executor) {
      this.storeExecutor = Args.notNull("storeExecutor", executor);
      return this;
    }

    /**
     * The scheduler of the later looks at the entries that {@link AccessService#confirm} makes (one short
     * read each). The host owns it: the service never shuts it down, and {@link AccessService#close()} ends
     * only its own looks. Default: the SDK's shared scheduler of 2 daemon threads, shut down when the last
     * service using it closes.
     *
     * @param scheduler the scheduler
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Args.notNull("scheduler", scheduler);
      return this;
    }

    /**
     * Builds the service.
     *
     * @return the service
     * @throws IllegalArgumentException when a required part is missing, or the site belongs to another
     *     environment than the client
     */
    public AccessService build() {
      return new AccessService(this);
    }
  }
}
