package nl.ireserve.saltoks.access;

import java.time.Instant;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;

/**
 * A reservation's grant, as recorded: what exists in SALTO for it. Never holds the PIN.
 *
 * @param reservationId the reservation
 * @param objectId its object
 * @param lockId the lock the guest may open
 * @param from the window's start
 * @param until the window's end
 * @param state how far it got
 * @param siteUserId the guest's site-user id, once created
 * @param userId the guest's platform user id, once created
 * @param groupId the access group, once created
 * @param scheduleId the time schedule, once created
 */
public record GuestGrant(String reservationId, String objectId, String lockId, Instant from, Instant until, State state,
    @Nullable String siteUserId, @Nullable String userId, @Nullable String groupId, @Nullable String scheduleId) {
  /** What a grant holds in SALTO, recorded before and after each step. */
  public enum State {
    /** Recorded; nothing was created in SALTO yet (the first step writes {@link #GRANTING} before it does). */
    NEW,
    /** Being created (or changed); the next operation finishes it. */
    GRANTING,
    /** The guest, group, schedule and PIN exist. */
    ACTIVE,
    /** Being removed; the next operation finishes it. */
    REVOKING
  }

  /** Validates the required fields. */
  public GuestGrant {
    Args.text("reservationId", reservationId, 200);
    Args.text("objectId", objectId, 200);
    Args.uuid("lockId", lockId);
    Args.notNull("from", from);
    Args.notNull("until", until);
    Args.notNull("state", state);
  }

  GuestGrant with(State s) {
    return new GuestGrant(reservationId, objectId, lockId, from, until, s, siteUserId, userId, groupId, scheduleId);
  }

  GuestGrant withUser(String siteUser, @Nullable String platformUser) {
    return new GuestGrant(reservationId, objectId, lockId, from, until, state, siteUser, platformUser, groupId, scheduleId);
  }

  GuestGrant withGroup(String group) {
    return new GuestGrant(reservationId, objectId, lockId, from, until, state, siteUserId, userId, group, scheduleId);
  }

  GuestGrant withSchedule(String schedule) {
    return new GuestGrant(reservationId, objectId, lockId, from, until, state, siteUserId, userId, groupId, schedule);
  }
}
