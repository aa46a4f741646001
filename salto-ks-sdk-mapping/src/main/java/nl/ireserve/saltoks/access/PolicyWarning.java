package nl.ireserve.saltoks.access;

/**
 * A risky setting {@link AccessPolicy#lint()} found, for the administrator's screen.
 *
 * @param code what is risky
 * @param message the warning, with the manual's advice
 */
public record PolicyWarning(Code code, String message) {
  /** The warnings. */
  public enum Code {
    /** No status may open: nobody can open a door (manual 3.1, "Important"). */
    NO_STATUS_ALLOWED,
    /** More than 1440 minutes (a day) before the start: risk of early access (manual 3.2). */
    EARLY_ACCESS,
    /** The status after opening may not open itself: the guest is locked out after the first opening. */
    STATUS_AFTER_OPENING_LOCKS_OUT,
    /**
     * Payment is not required: the manual advises opening only for paid or definitively confirmed
     * reservations (3.1, advice).
     */
    PAYMENT_NOT_REQUIRED
  }
}
