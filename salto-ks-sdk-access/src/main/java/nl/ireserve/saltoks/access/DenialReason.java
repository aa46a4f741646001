package nl.ireserve.saltoks.access;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One reason a reservation may not open its door now, with the manual's fix.
 *
 * @param code what is wrong
 * @param message what is wrong, in words, with times in the site's time zone
 * @param fix what to do
 * @param at the instant that matters: when access opens ({@code TOO_EARLY}) or closed ({@code
 *     TOO_LATE}); otherwise {@code null}
 */
public record DenialReason(Code code, String message, String fix, @Nullable Instant at) {

  /** The reasons the SDK knows. */
  public enum Code {
    /** The reservation's status is not one that may open (manual 3.1). */
    STATUS_NOT_ALLOWED,
    /** The object has no lock (manual 2.4: without mapping, access will not work). */
    OBJECT_NOT_MAPPED,
    /** Before the start minus the minutes before (manual 3.2). */
    TOO_EARLY,
    /** After the end plus the grace minutes. */
    TOO_LATE,
    /** Payment is required and not completed (manual problem 1, point 4). */
    PAYMENT_MISSING,
    /** No IQ key is stored for the lock's IQ: IQ OTP setup was not done (manual 1.4). */
    IQ_NOT_ACTIVATED,
    /** The lock or its IQ is offline (manual problem 1, point 5). */
    LOCK_OFFLINE,
    /** The lock was opened too often in the last minute: a flood of taps, refused locally. */
    THROTTLED,
    /** SALTO refused the one-time password, or OTPs for the IQ are suspended or blocked. */
    OTP_REFUSED,
    /** SALTO could not be asked (network, credentials, server). */
    SALTO_UNAVAILABLE,
    /**
     * The SDK's own store (object → lock links, IQ keys) failed or answered for another object: the
     * host's database, or it did not answer within the store time limit. Fails closed: nothing is sent
     * to SALTO.
     */
    STORE_UNAVAILABLE,
    /** The integration is switched off ({@link AccessService#setIntegrationActive}): nothing is sent. */
    INTEGRATION_INACTIVE,
    /**
     * Another opening is checking whether this IQ's key is still valid (its validity is unknown, and
     * only one OTP at a time may test it): nothing was sent. Try again in a moment.
     */
    OTP_PENDING,
    /**
     * An opening whose outcome was unknown, settled from SALTO's entries as not opened: none in the whole
     * confirmation window, on a site whose entries are known to show remote openings. The guest may try again.
     */
    NOT_OPENED,
    /**
     * The reservation's lock has no PIN keypad (its {@code lock_type} is not {@code escutcheon_pin} or
     * {@code wall_reader_pin}): a guest PIN could not open it, so none is issued.
     */
    LOCK_HAS_NO_KEYPAD,
    /**
     * The reservation's window cannot be written as a schedule in the site's local time without letting
     * the guest in early or late: it lies inside the hour the clocks repeat when summer time ends.
     */
    WINDOW_NOT_EXPRESSIBLE
  }
}
