package nl.ireserve.saltoks.access;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of {@link AccessService#open}.
 *
 * @param status what happened
 * @param decision the decision, with every reason when denied
 * @param lockId the lock, if the object is mapped
 * @param lockName the lock's name, if mapped
 * @param detail more about a failure (a recorder's error, SALTO's message), never a secret
 */
public record OpenOutcome(
    Status status,
    AccessDecision decision,
    @Nullable String lockId,
    @Nullable String lockName,
    @Nullable String detail) {

  /** What happened. */
  public enum Status {
    /** The door opened and the reservation was recorded. */
    OPENED,
    /** The door opened, but the host's recorder failed; the door is not opened again. */
    OPENED_RECORDING_FAILED,
    /** Opened moments ago for this reservation and lock (within the duplicate window): no second command was sent. */
    ALREADY_OPENED,
    /**
     * Another attempt for this reservation and lock is being sent right now (on this or another
     * instance): nothing was sent; its outcome follows in the journal.
     */
    IN_PROGRESS,
    /** Not allowed, or something needed is missing: nothing was sent to SALTO. */
    DENIED,
    /** SALTO refused or could not be reached: the door did not open. */
    FAILED,
    /**
     * The command was sent but no answer came, now or in an earlier attempt within the duplicate window:
     * the door may or may not have opened. Nothing is sent again within the window; the detail says
     * what to check.
     */
    UNKNOWN;

    /**
     * Whether an attempt with this outcome keeps its claim (for the duplicate window): in progress, and the
     * outcomes after which the door may be open. The rule every {@link AccessGuards} follows.
     *
     * @return whether a second opening is held back
     */
    public boolean keepsClaim() {
      return this == IN_PROGRESS || this == OPENED || this == OPENED_RECORDING_FAILED || this == UNKNOWN;
    }
  }

  /** Whether this call opened the door. */
  public boolean opened() {
    return status == Status.OPENED || status == Status.OPENED_RECORDING_FAILED;
  }

  /** The reasons the door did not open (empty when it did). */
  public List<DenialReason> reasons() {
    return decision.reasons();
  }

}
