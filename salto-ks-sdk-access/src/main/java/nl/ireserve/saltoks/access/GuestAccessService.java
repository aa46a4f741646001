package nl.ireserve.saltoks.access;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.Pin;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.SiteUser;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;

/**
 * A guest's own access for a stay, so they can enter without the booking system online: a KS guest user,
 * an access group with the reservation's lock and a time schedule for the policy's window ({@code [start −
 * minutesBefore, end + grace)}, in the site's time zone, across DST changes), and a keypad PIN that goes
 * back to the host to deliver (never logged, never stored). From {@link AccessService#guests}.
 *
 * <p>Every operation is idempotent by reservation id and converges: the record of a grant is written
 * before anything is created in SALTO, and every SALTO object is found again by its name ({@code
 * ireserve:<reservation id>}) when an answer was lost, so a crash between any two steps leaves a record
 * that the next {@link #grant}, {@link #update} or {@link #revoke} finishes or undoes, and never a second
 * guest. A grant is refused exactly when a remote open would be, for the reasons that do not depend on the
 * moment (status, mapping, payment, a window already over). Thread-safe; one operation per reservation
 * at a time, also across instances sharing the PostgreSQL grant store ({@code JdbcStores#grants()}).
 */
public final class GuestAccessService {

  private static final Duration HOLD = Duration.ofMinutes(2);
  private final SiteRules access;
  private final SiteClient site;
  private final GuestGrantStore store;
  private final GuestParts parts;

  GuestAccessService(SiteRules access, GuestGrantStore store, Retry retry) {
    this.access = access;
    this.site = access.site();
    this.store = store;
    this.parts = new GuestParts(site, access.zone(), access.clock(), retry);
  }

  /**
   * The same service, retrying SALTO's propagation answers (a new user's PIN 403 and group join 404 for
   * about a minute) every {@code pause} for at most {@code max} (default: every 2 s for 2 minutes).
   *
   * @param pause the pause between tries
   * @param max how long to keep trying
   * @return the service
   */
  public GuestAccessService withPropagationRetry(Duration pause, Duration max) {
    return new GuestAccessService(access, store, new Retry(Args.positive("pause", pause), Args.positive("max", max)));
  }

  /**
   * Gives the reservation's guest access for the stay: creates what is missing, finishes a grant a crash
   * interrupted, and returns the PIN when one was generated now. A reservation already granted with the
   * same lock and window is {@link Result.Status#ALREADY_GRANTED} (no new PIN: each one rotates it; use
   * {@link #newPin}); one whose room or times changed is updated.
   *
   * @param reservation the reservation
   * @return the result, with the PIN to deliver when {@link Result.Status#GRANTED}
   */
  public Result grant(Reservation reservation) {
    Args.notNull("reservation", reservation);
    return converge(reservation, refusals(reservation), true);
  }

  /**
   * Brings the grant in line with a changed reservation: moved times (the schedule), another room (the
   * group's lock), or a status that may no longer open (revoked). Without a grant yet, grants.
   *
   * @param reservation the reservation, as it is now
   * @return the result; with a new PIN when the stay now ends after the old PIN expires
   */
  public Result update(Reservation reservation) {
    Args.notNull("reservation", reservation);
    Optional<GuestGrant> existing;
    try {
      existing = store.find(site.site(), reservation.id());
    } catch (StoreException e) {
      return storeDown(reservation.id(), e);
    }
    List<DenialReason> refused = refusals(reservation);
    if (existing.isPresent() && refused.stream().anyMatch(d -> d.code() == DenialReason.Code.INTEGRATION_INACTIVE)) {
      // the rollback switch: nothing is sent to SALTO while it is off, and the guest keeps access
      return result(Result.Status.FAILED, reservation.id(), null, existing.get(), refused, "nothing was changed:"
          + " the SALTO integration is switched off, so nothing is sent to SALTO; update again once it is on");
    }
    if (existing.isPresent() && refused.stream().anyMatch(d -> d.code() == DenialReason.Code.STORE_UNAVAILABLE)) {
      // the links could not be read: that says nothing about the reservation, so the guest keeps access
      return result(Result.Status.FAILED, reservation.id(), null, existing.get(), refused, "nothing was changed:"
          + " the host's store could not be read; update again when it answers");
    }
    if (existing.isPresent() && !refused.isEmpty()) {
      return revoke(reservation.id());
    }
    return converge(reservation, refused, existing.isEmpty());
  }

  /**
   * Ends the reservation's guest access: deletes the guest (which frees its seat at once) and its access
   * group, then the record. Finishes a revocation a crash interrupted; a reservation without a grant is
   * {@link Result.Status#NOT_GRANTED}.
   *
   * @param reservationId the reservation
   * @return the result
   */
  public Result revoke(String reservationId) {
    String id = Args.text("reservationId", reservationId, 200);
    Optional<DenialReason> off = access.mayNotSend();
    if (off.isPresent()) {
      return result(Result.Status.FAILED, id, null, null, List.of(off.get()), "nothing was changed: "
          + off.get().message() + "; nothing was sent to SALTO. " + off.get().fix() + " Then revoke again.");
    }
    String holder = UUID.randomUUID().toString();
    Optional<GuestGrant> held;
    try {
      if (store.find(site.site(), id).isEmpty()) {
        return result(Result.Status.NOT_GRANTED, id, null, null, List.of(), "no guest access was granted for this"
            + " reservation");
      }
      // removed meanwhile by another revoke: the placeholder is held, finds nothing in SALTO and is deleted
      held = store.hold(site.site(), placeholder(id), holder, now(), HOLD);
    } catch (StoreException e) {
      return storeDown(id, e);
    }
    if (held.isEmpty()) {
      return busy(id);
    }
    try {
      GuestGrant g = held.get().with(GuestGrant.State.REVOKING);
      store.save(site.site(), g);
      parts.removeFromSalto(g);
      store.delete(site.site(), id);
      return result(Result.Status.REVOKED, id, null, null, List.of(), "the guest, its access group and its seat"
          + " are gone");
    } catch (SaltoKsException e) {
      return failed(id, e, "revoke again: it finishes what is left");
    } finally {
      release(id, holder);
    }
  }

  /**
   * Revokes every grant whose window has ended, for the host to call on a schedule: a guest's seat is
   * not freed by SALTO when it expires.
   *
   * @return one result per grant it revoked
   */
  public List<Result> sweep() {
    List<Result> out = new ArrayList<>();
    for (GuestGrant g : store.endedBefore(site.site(), now(), 500)) {
      out.add(revoke(g.reservationId()));
    }
    return out;
  }

  /**
   * A new PIN for a granted reservation (the host lost the first, or the guest asks again); the old one
   * stops working.
   *
   * @param reservationId the reservation
   * @return the result, with the new PIN
   */
  public Result newPin(String reservationId) {
    String id = Args.text("reservationId", reservationId, 200);
    Optional<DenialReason> off = access.mayNotSend();
    if (off.isPresent()) {
      return result(Result.Status.FAILED, id, null, null, List.of(off.get()), "nothing was changed: "
          + off.get().message() + "; nothing was sent to SALTO. " + off.get().fix() + " Then ask again.");
    }
    Optional<GuestGrant> g;
    try {
      g = store.find(site.site(), id);
    } catch (StoreException e) {
      return storeDown(id, e);
    }
    if (g.isEmpty() || g.get().state() != GuestGrant.State.ACTIVE || g.get().siteUserId() == null) {
      return result(Result.Status.NOT_GRANTED, id, null, null, List.of(), "no active guest access to renew");
    }
    try {
      Pin pin = parts.pin(g.get());
      return result(Result.Status.GRANTED, id, pin, g.get(), List.of(), "a new PIN; the previous one no longer works");
    } catch (SaltoKsException e) {
      return failed(id, e, "ask again");
    }
  }

  /**
   * The recorded grant of a reservation.
   *
   * @param reservationId the reservation
   * @return the grant, or empty
   */
  public Optional<GuestGrant> find(String reservationId) {
    return store.find(site.site(), Args.text("reservationId", reservationId, 200));
  }

  /** Grants or updates, given the reservation's refusals (read once by the caller: they may ask SALTO). */
  private Result converge(Reservation r, List<DenialReason> refused, boolean issuePin) {
    if (!refused.isEmpty()) {
      return result(Result.Status.REFUSED, r.id(), null, null, refused, "refused for the reasons a remote"
          + " open would be; nothing was created");
    }
    Optional<ObjectLockLink> found;
    try {
      found = access.link(r.objectId());
    } catch (StoreException e) {
      return storeDown(r.id(), e);
    }
    if (found.isEmpty()) { // unlinked since the check above
      return result(Result.Status.REFUSED, r.id(), null, null, refusals(r), "refused: room " + r.objectId()
          + " was unlinked while the grant started; nothing was created");
    }
    ObjectLockLink link = found.get();
    Optional<Result> noKeypad = keypadRefusal(r, link);
    if (noKeypad.isPresent()) {
      return noKeypad.get();
    }
    AccessPolicy policy = access.policy();
    if (GuestParts.stayFor(policy.opensAt(r), policy.closesAt(r), access.zone()).isEmpty()) {
      DenialReason reason = new DenialReason(DenialReason.Code.WINDOW_NOT_EXPRESSIBLE, "the window of "
          + r.id() + " lies inside the hour the clocks repeat when summer time ends in " + access.zone()
          + ": a schedule in local time cannot express it without letting the guest in early or late",
          "Give this guest remote opening (AccessService.open) for this short stay, or lengthen the window.",
          null);
      return result(Result.Status.REFUSED, r.id(), null, null, List.of(reason), "refused: " + reason.message()
          + "; nothing was created");
    }
    GuestGrant wanted = new GuestGrant(r.id(), r.objectId(), link.lockId(), policy.opensAt(r), policy.closesAt(r),
        GuestGrant.State.NEW, null, null, null, null);
    String holder = UUID.randomUUID().toString();
    Optional<GuestGrant> held;
    try {
      held = store.hold(site.site(), wanted, holder, now(), HOLD);
    } catch (StoreException e) {
      return storeDown(r.id(), e);
    }
    if (held.isEmpty()) {
      return busy(r.id());
    }
    try {
      return apply(r, held.get(), wanted, issuePin);
    } catch (SaltoKsException e) {
      return failed(r.id(), e, "grant again to finish it, or revoke to undo it");
    } catch (RuntimeException e) {
      // not one of the SDK's own failures (a bug, a host's interceptor): an answer, never a throw to the host
      return failed(r.id(), new IllegalStateException("an unexpected " + e.getClass().getSimpleName()
          + " stopped the grant.", e), "grant again to finish it, or revoke to undo it");
    } finally {
      release(r.id(), holder);
    }
  }

  /**
   * Brings SALTO in line with the wanted grant, recording each step in the store before the next: the intent,
   * the guest, its group and the room's lock, the schedule, the membership, the PIN, then active. Runs while
   * this instance holds the reservation's record.
   */
  private Result apply(Reservation r, GuestGrant held, GuestGrant wanted, boolean issuePin) {
    GuestGrant g = held;
    boolean same = g.state() == GuestGrant.State.ACTIVE && g.lockId().equals(wanted.lockId())
        && g.from().equals(wanted.from()) && g.until().equals(wanted.until());
    if (same) {
      return result(Result.Status.ALREADY_GRANTED, r.id(), null, g, List.of(), "granted before; no new PIN"
          + " (newPin rotates it)");
    }
    boolean hadPin = g.state() == GuestGrant.State.ACTIVE;
    // a PIN expires when the old window ended: a stay that now ends later needs a new one
    boolean pinExpiresTooEarly = hadPin && wanted.until().isAfter(g.until());
    if (g.state() == GuestGrant.State.REVOKING) {
      parts.removeFromSalto(g); // finish the revocation a crash interrupted, then grant anew
      g = new GuestGrant(g.reservationId(), g.objectId(), g.lockId(), g.from(), g.until(), GuestGrant.State.GRANTING, null, null,
          null, null);
      hadPin = false;
    }
    boolean fresh = g.state() == GuestGrant.State.NEW; // nothing can exist in SALTO yet: no need to look for it
    String previousLock = g.lockId(); // a changed room: the old lock leaves the group by this id
    g = new GuestGrant(g.reservationId(), wanted.objectId(), wanted.lockId(), wanted.from(), wanted.until(),
        GuestGrant.State.GRANTING, g.siteUserId(), g.userId(), g.groupId(), g.scheduleId());
    store.save(site.site(), g); // the intent, before anything is created
    SiteUser guest = parts.guest(g, fresh);
    g = g.withUser(guest.id(), guest.userId());
    store.save(site.site(), g);
    if (guest.suspended()) {
      parts.removeFromSalto(g);
      store.delete(site.site(), r.id());
      return result(Result.Status.FAILED, r.id(), null, null, List.of(), "site " + site.site().name()
          + " is full: SALTO created the guest suspended (no subscription seat). Free a seat (revoke ended"
          + " stays with sweep(), or delete unused users) or add seats to the subscription, then grant again.");
    }
    if (!guest.usePin()) {
      site.users().enablePin(guest.id());
    }
    g = g.withGroup(parts.group(g, fresh));
    store.save(site.site(), g);
    parts.locks(g, fresh ? null : previousLock);
    g = g.withSchedule(parts.schedule(g));
    store.save(site.site(), g);
    parts.member(g);
    Pin pin = issuePin || !hadPin || pinExpiresTooEarly ? parts.pin(g) : null;
    g = g.with(GuestGrant.State.ACTIVE);
    store.save(site.site(), g);
    Result.Status status = hadPin ? Result.Status.UPDATED : Result.Status.GRANTED;
    return result(status, r.id(), pin, g, List.of(), pin == null ? "updated; the guest's PIN stays the same"
        : hadPin ? "updated; the stay now ends after the old PIN expires: deliver this new PIN (the old one"
        + " no longer works)" : "granted; deliver the PIN to the guest");
  }



  /**
   * Refuses a grant for a lock without a PIN keypad: the guest would get a code that no door takes (a
   * public lock platform shipped exactly that bug). A lock whose type SALTO did not report is refused too:
   * fail closed.
   */
  private Optional<Result> keypadRefusal(Reservation r, ObjectLockLink link) {
    Lock lock;
    try {
      lock = access.lock(link.lockId());
    } catch (SaltoKsException e) {
      return Optional.of(result(Result.Status.FAILED, r.id(), null, null, List.of(), "nothing was created: the"
          + " lock " + link.lockName() + " could not be read from SALTO (" + e.getMessage() + "); grant again"
          + " when SALTO answers."));
    }
    if (lock.takesPinCodes()) {
      return Optional.empty();
    }
    String type = lock.type() == Lock.Type.UNKNOWN ? "a lock type SALTO did not report (or this SDK does not know)"
        : "lock type " + lock.type().name().toLowerCase(java.util.Locale.ROOT);
    DenialReason reason = new DenialReason(DenialReason.Code.LOCK_HAS_NO_KEYPAD, "lock " + lock.name() + " of "
        + r.objectId() + " has no PIN keypad (" + type + "): a guest PIN cannot open it",
        "Give this guest remote opening (AccessService.open) or a tag instead, or link the object to a lock with"
        + " a keypad (escutcheon_pin, wall_reader_pin) under Configuration → SALTO Mapping (manual 2.2).", null);
    return Optional.of(result(Result.Status.REFUSED, r.id(), null, null, List.of(reason), "refused: "
        + reason.message() + "; nothing was created"));
  }

  /** The reasons a remote open would be refused that do not depend on the moment. */
  private List<DenialReason> refusals(Reservation r) {
    List<DenialReason> out = new ArrayList<>();
    for (DenialReason reason : access.check(r).reasons()) {
      switch (reason.code()) {
        case STATUS_NOT_ALLOWED:
        case OBJECT_NOT_MAPPED:
        case PAYMENT_MISSING:
        case TOO_LATE:
        case STORE_UNAVAILABLE:
        case INTEGRATION_INACTIVE:
          out.add(reason);
          break;
        default:
          break; // too early, an offline lock, an IQ key: a PIN does not need them
      }
    }
    return out;
  }

  private void release(String reservationId, String holder) {
    try {
      store.release(site.site(), reservationId, holder);
    } catch (StoreException e) {
      // the hold expires by itself after HOLD
    }
  }

  private GuestGrant placeholder(String reservationId) {
    return new GuestGrant(reservationId, "unknown", "00000000-0000-4000-8000-000000000000", now(), now().plusSeconds(1),
        GuestGrant.State.REVOKING, null, null, null, null);
  }


  private Instant now() {
    return access.clock().instant();
  }

  private Result busy(String id) {
    return result(Result.Status.FAILED, id, null, null, List.of(), "another operation for this reservation is"
        + " running (here or on another instance); try again in a moment");
  }

  private Result failed(String id, RuntimeException e, String fix) {
    GuestGrant recorded;
    try {
      recorded = store.find(site.site(), id).orElse(null);
    } catch (StoreException gone) {
      recorded = null; // the store went away: the result just has no window
    }
    return result(Result.Status.FAILED, id, null, recorded, List.of(), "stopped halfway: "
        + e.getMessage() + " The record stays; " + fix + ".");
  }

  private Result storeDown(String id, StoreException e) {
    return result(Result.Status.FAILED, id, null, null, List.of(), "nothing was changed: the grant store could not"
        + " be used (" + e.getMessage() + "); try again when the host's database answers.");
  }

  private static Result result(Result.Status status, String id, @Nullable Pin pin, @Nullable GuestGrant g,
      List<DenialReason> reasons, String detail) {
    return new Result(status, id, pin, g == null ? null : g.from(), g == null ? null : g.until(), reasons, detail);
  }

  /** How propagation answers are retried. */
  record Retry(Duration pause, Duration max) {
    static final Retry DEFAULT = new Retry(Duration.ofSeconds(2), Duration.ofMinutes(2));
  }

  /**
   * What an operation did.
   *
   * @param status what happened
   * @param reservationId the reservation
   * @param pin the PIN to deliver, when one was generated now; never logged ({@code toString} masks it)
   * @param from when the guest's access starts, when granted
   * @param until when it ends
   * @param reasons why a grant was refused
   * @param detail what happened and what to do, for a person
   */
  public record Result(Status status, String reservationId, @Nullable Pin pin, @Nullable Instant from,
      @Nullable Instant until, List<DenialReason> reasons, String detail) {
    /** Copies the reasons. */
    public Result {
      reasons = List.copyOf(reasons);
    }

    /** What happened. */
    public enum Status {
      /** Granted now; the PIN is in the result. */
      GRANTED,
      /** Granted before, unchanged; no new PIN. */
      ALREADY_GRANTED,
      /** The schedule or the lock changed; the PIN stays. */
      UPDATED,
      /** Not allowed: the reasons say why. Nothing was created. */
      REFUSED,
      /** Access removed; the seat is free. */
      REVOKED,
      /** Nothing to revoke or renew. */
      NOT_GRANTED,
      /** Stopped halfway, or the site is full; the detail says what to do. */
      FAILED
    }
  }

}
