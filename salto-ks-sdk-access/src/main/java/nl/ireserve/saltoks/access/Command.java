package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.exception.SaltoAccessorPinMissingException;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.exception.SaltoOpenOutcomeUnknownException;
import nl.ireserve.saltoks.exception.SaltoOtpBlockedException;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.exception.SaltoOtpSuspendedException;
import nl.ireserve.saltoks.exception.SaltoPinNotSetException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The third stage of the door opening: the remote opening itself, SALTO's answer read into an {@link
 * Ending}, and what the answer teaches the key's guards (its OTP accepted or refused; a key changed with a
 * delta proven at a lock). An opened door goes on to the {@link CheckIn}.
 */
final class Command {
  private static final Logger LOG = LoggerFactory.getLogger(Command.class);

  private final SiteClient site;
  /** The site every store call is bound to. */
  private final Site bound;
  private final AccessGuards guards;
  private final IqKeyStore keys;
  private final StoreCalls calls;
  private final LockDirectory locks;
  private final Clock clock;
  private final CheckIn next;
  private final OpeningEnd end;

  Command(SiteClient site, AccessGuards guards, IqKeyStore keys, StoreCalls calls, LockDirectory locks,
      Clock clock, CheckIn next, OpeningEnd end) {
    this.next = next;
    this.end = end;
    this.site = site;
    this.bound = site.site();
    this.guards = guards;
    this.keys = keys;
    this.calls = calls;
    this.locks = locks;
    this.clock = clock;
  }

  /**
   * Sends the opening of the prepared lock with its key; an opened door goes on to the check-in, any other
   * answer ends the attempt.
   *
   * @param r the reservation
   * @param p what was decided (granted), with its link and key
   * @param attempt the attempt, holding its claim
   * @param firstOtp whether this is the first OTP of a key whose validity is not known yet
   * @return the outcome
   */
  OpenOutcome send(Reservation r, Prepared p, AccessGuards.Attempt attempt, boolean firstOtp) {
    Ending sent = answer(p, firstOtp);
    return sent.status() == OpenOutcome.Status.OPENED ? next.opened(r, p, attempt, sent)
        : end.finish(r, p, sent, attempt);
  }

  /** SALTO's answer: {@link OpenOutcome.Status#OPENED} when it accepted, else how it failed; always claimed. */
  private Ending answer(Prepared p, boolean firstOtp) {
    IqKey key = p.key();
    String lockId = p.lockId();
    Instant sentAt = clock.instant();
    @Nullable Boolean accepted = null;
    boolean answerLost = false;
    try {
      site.locks().open(lockId, key);
      accepted = Boolean.TRUE;
    } catch (SaltoOpenOutcomeUnknownException e) {
      answerLost = true;
      return answered(OpenOutcome.Status.UNKNOWN, List.of(), e.getMessage() + " Check the door (or SALTO KS's entries"
          + " of lock " + p.lockName() + "); nothing is sent again for this reservation within the duplicate"
          + " window.", sentAt);
    } catch (SaltoOtpInvalidException | SaltoOtpSuspendedException | SaltoOtpBlockedException e) {
      boolean sent = !(e instanceof SaltoOtpSuspendedException); // suspended: refused here, unsent
      accepted = sent ? Boolean.FALSE : null;
      return new Ending(OpenOutcome.Status.FAILED, List.of(Claims.otpRefused(p.lockName())), e.getMessage(), true,
          sent ? sentAt : null, clock.instant());
    } catch (SaltoAccessorPinMissingException | SaltoPinNotSetException e) {
      // SALTO has no (set) IQ PIN for the service account: nothing opened, the key is not at fault
      return answered(OpenOutcome.Status.FAILED, List.of(new DenialReason(DenialReason.Code.IQ_NOT_ACTIVATED,
          "SALTO has no IQ PIN for the service account at the IQ of lock " + p.lockName(), "Activate the IQ for"
          + " the service account (IQ OTP setup: GET PIN, then activate keeping the e-mailed PIN, manual 1.4).",
          null)), e.getMessage(), sentAt);
    } catch (SaltoKsException e) {
      locks.forget(lockId);
      return answered(OpenOutcome.Status.FAILED, List.of(new DenialReason(DenialReason.Code.SALTO_UNAVAILABLE,
          "SALTO could not open lock " + p.lockName(), "See the detail; run the Test Access Request (manual 1.7).",
          null)), e.getMessage(), sentAt);
    } catch (RuntimeException e) {
      // not one of the SDK's own failures (a bug, a host's interceptor): the command may have gone out
      answerLost = true;
      LOG.warn("Opening lock {} failed unexpectedly; its outcome is treated as unknown: {}", lockId,
          e.getClass().getName());
      return answered(OpenOutcome.Status.UNKNOWN, List.of(), "an unexpected " + e.getClass().getSimpleName()
          + " ended the opening; the command may have reached SALTO, so nothing is sent again for this"
          + " reservation within the duplicate window. Check the door.", sentAt);
    } finally {
      otpAnswered(key, firstOtp, accepted, answerLost);
    }
    if (!key.provenAtLock()) {
      storeProven(key);
    }
    return answered(OpenOutcome.Status.OPENED, List.of(), null, sentAt);
  }

  private Ending answered(OpenOutcome.Status status, List<DenialReason> reasons, @Nullable String detail,
      Instant sentAt) {
    return new Ending(status, reasons, detail, true, sentAt, clock.instant());
  }

  /**
   * Tells the guards what SALTO said of a key's OTP. When the first OTP of a key not yet proven got no
   * answer (the refusal may have come after the read timeout), the turn is kept until its lease runs out:
   * releasing it would let the next waiter, on this or another instance, send another OTP of a key that may
   * be stale, and three wrong ones get the IQ blocked for about 20 minutes.
   */
  private void otpAnswered(IqKey key, boolean firstOtp, @Nullable Boolean accepted, boolean answerLost) {
    if (!firstOtp && !Boolean.FALSE.equals(accepted)) {
      return; // nothing new: the key was known to be accepted, or this answer says nothing
    }
    if (firstOtp && accepted == null && answerLost) {
      return; // unknown is not accepted: the turn stays taken until its lease (OTP_LEASE) runs out
    }
    try {
      calls.call("the access guards", guards, () -> {
        guards.otpAnswered(bound, key.iqId(), Claims.digest(key), accepted);
        return null;
      });
    } catch (StoreCalls.Failed e) {
      LOG.warn("The answer to a one-time password could not be recorded in the access guards; its turn"
          + " expires after {}", Claims.OTP_LEASE);
    }
  }

  /**
   * A key changed with a delta opened a lock: stored as proven, so that every instance, and this one after a
   * restart, knows it. A store that fails leaves the mark as it was (the next opening tries again).
   */
  private void storeProven(IqKey key) {
    try {
      calls.call("the IQ key store", keys, () -> {
        keys.save(key.withProvenAtLock(true));
        return null;
      });
    } catch (StoreCalls.Failed e) {
      LOG.warn("IQ key of {} opened a lock, but could not be stored as proven: {}", key.iqId(), e.reason.message());
    }
  }
}
