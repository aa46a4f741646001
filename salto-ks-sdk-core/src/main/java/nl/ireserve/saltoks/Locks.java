package nl.ireserve.saltoks;

import java.util.List;
import nl.ireserve.saltoks.exception.SaltoNotFoundException;
import nl.ireserve.saltoks.exception.SaltoOpenOutcomeUnknownException;
import nl.ireserve.saltoks.exception.SaltoOtpBlockedException;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.iq.IqKey;

/** The locks of one site. Obtained from {@link SiteClient#locks()}. */
public interface Locks {
  /**
   * Lists every lock of the site, following every page.
   *
   * @return the locks
   */
  List<Lock> list();

  /**
   * Reads one lock.
   *
   * @param lockId the lock's UUID
   * @return the lock
   * @throws SaltoNotFoundException when the site has no such lock
   */
  Lock get(String lockId);

  /**
   * Opens a lock remotely ({@code PATCH …/locks/{id}/locking} with {@code locked_state: unlocked}).
   * The lock relocks by itself. The one-time password is computed from {@code key} and the
   * server-corrected clock.
   *
   * <p>This command is never re-sent when its outcome is unknown: see {@link
   * SaltoOpenOutcomeUnknownException}.
   *
   * @param lockId the lock's UUID
   * @param key the key of the IQ the lock is attached to
   * @throws SaltoOtpInvalidException when SALTO refused the one-time password; further OTPs for that
   *     IQ are then refused locally until its key is verified again
   * @throws SaltoOtpBlockedException when SALTO blocked remote opening for the IQ
   * @throws SaltoOpenOutcomeUnknownException when the command was sent but no answer came back
   */
  void open(String lockId, IqKey key);
}
