package nl.ireserve.saltoks.iq;

import nl.ireserve.saltoks.exception.SaltoIqSetupException;
import nl.ireserve.saltoks.internal.Checks;

/**
 * IQ OTP setup for the service account (manual 1.4), by API only: GET PIN, enter the e-mailed PIN,
 * save. Obtained from {@link nl.ireserve.saltoks.SiteClient#iqSetup()}.
 *
 * <pre>{@code
 * IqSetup setup = client.site(site).iqSetup();
 * PendingActivation pending = setup.requestPin(iqId);      // "GET PIN": PIN arrives by e-mail
 * IqKey key = setup.activate(pending, pinFromEmail);       // "Set PIN", keeping the e-mailed PIN
 * keyStore.save(key);                                      // secret + PIN, store encrypted
 * }</pre>
 *
 * <p><b>Why the e-mailed PIN is kept.</b> The manual says "enter a new PIN", but the one public record
 * of a remote opening that worked through the API with a self-computed OTP (a door proof on SALTO's
 * acceptance environment, 2026-08) measured this: after a PIN change with a real {@code delta}, the
 * cloud ({@code PUT …/pin}) accepted OTPs made from the new PIN while the IQ at the lock ({@code PATCH
 * …/locking}) refused the same OTPs ({@code 3102 otp_invalid}). With {@code delta "0000"} — the PIN
 * kept — the same secret and PIN passed both, and the door opened. So {@link #activate} keeps the
 * e-mailed PIN; {@link #activateWithNewPin} does what the manual says, as an explicit choice with that
 * measured risk.
 *
 * <p>About the PIN {@code delta}: SALTO changes the PIN with {@code PUT …/iqs/{iq}/pin} and a
 * {@code delta} whose arithmetic is undocumented. This SDK sends, digit by digit, {@code delta = (current −
 * new) mod 10}, the rule measured against a real acceptance site (new = old − delta per digit). A delta
 * of {@code 0000} keeps the PIN, which makes {@link #verify} free of side effects.
 */
public interface IqSetup {
  /**
   * Reads whether the service account has activated an IQ, and whether the IQ is online with OTP
   * enabled.
   *
   * @param iqId the IQ's UUID
   * @return the status
   */
  IqActivationStatus status(String iqId);

  /**
   * "GET PIN": fetches the IQ secret (possible once, before activation) and has SALTO e-mail the
   * current PIN to the service account.
   *
   * @param iqId the IQ's UUID
   * @return the pending activation, holding the secret
   * @throws SaltoIqSetupException {@code ALREADY_ACTIVATED} when the secret was consumed
   */
  PendingActivation requestPin(String iqId);

  /**
   * "GET PIN" that keeps the once-readable secret safe: reads the secret, hands the pending activation
   * to {@code saveBeforeEmail} (store it, encrypted, for example {@code keys::savePending}), and only
   * then has SALTO e-mail the PIN. SALTO hands out the first secret once; if the e-mail call then fails
   * or its outcome is unknown, the saved pending activation lets the activation resume — even after a
   * restart — with {@link #sendPin} or, when the e-mail did arrive, {@link #activate}. If {@code
   * saveBeforeEmail} throws, no e-mail is requested and the exception is thrown.
   *
   * @param iqId the IQ's UUID
   * @param saveBeforeEmail persists the pending activation
   * @return the pending activation
   * @throws SaltoIqSetupException {@code ALREADY_ACTIVATED} when the secret was consumed
   */
  PendingActivation requestPin(String iqId, java.util.function.Consumer<PendingActivation> saveBeforeEmail);

  /**
   * "GET PIN" again for a saved pending activation: has SALTO e-mail the current PIN (for example
   * after the first e-mail call failed). Reads no secret.
   *
   * @param pending a pending activation of this site
   */
  void sendPin(PendingActivation pending);

  /**
   * "Set PIN", keeping the PIN SALTO e-mailed ({@code delta "0000"}): signs the PIN call with an OTP
   * made from the secret and the e-mailed PIN, which activates the IQ for the service account. This is
   * the path proven at a real door (see the class description). Lifts any suspension of the IQ's
   * earlier key.
   *
   * @param pending the result of {@link #requestPin}
   * @param emailedPin the PIN from the e-mail, 4 digits
   * @return the key to store: IQ id, secret, e-mailed PIN
   * @throws SaltoIqSetupException {@code WRONG_CURRENT_PIN}, {@code IQ_OFFLINE}, {@code
   *     OTP_NOT_ENABLED}
   * @throws IllegalArgumentException when the PIN is not 4 digits
   */
  IqKey activate(PendingActivation pending, String emailedPin);

  /**
   * "Set PIN" with a new PIN, as the manual words it: activates the IQ and changes the PIN with a
   * non-zero {@code delta}. <b>Measured risk:</b> at a real door the cloud then accepted OTPs from the
   * new PIN while the lock refused them, so remote opening failed. Prefer {@link #activate}. The key
   * returned is marked as not yet proven at a lock ({@link #isProvenAtLock}) until a remote opening
   * with it succeeds; if the lock refuses it, it is suspended, and {@link #verify} does not lift that.
   *
   * @param pending the result of {@link #requestPin}
   * @param emailedPin the PIN from the e-mail, 4 digits
   * @param newPin the new PIN, 4 digits
   * @return the key to store: IQ id, secret, new PIN
   * @throws SaltoIqSetupException {@code WRONG_CURRENT_PIN}, {@code IQ_OFFLINE}, {@code
   *     OTP_NOT_ENABLED}
   * @throws IllegalArgumentException when a PIN is not 4 digits
   */
  IqKey activateWithNewPin(PendingActivation pending, String emailedPin, String newPin);

  /**
   * Changes the PIN of an activated IQ with a non-zero {@code delta}; carries the measured risk of
   * {@link #activateWithNewPin}, and the new key is likewise not yet proven at a lock.
   *
   * @param key the current key
   * @param newPin the new PIN, 4 digits
   * @return the new key to store
   */
  IqKey changePin(IqKey key, String newPin);

  /**
   * Checks a stored key with the <b>cloud</b>, with no side effect (a PIN call with delta {@code
   * 0000}). It proves that SALTO's cloud accepts the key, which is not proof that the lock will: the
   * IQ checks remote openings itself. On success it lifts a suspension that the cloud caused, never
   * one the lock caused (an open refused with {@code otp_invalid}): that takes a re-activation ({@link
   * #activate}) or the operator's explicit {@link #allowRetryAfterLockRefusal}. This is the only call
   * that sends an OTP for a suspended key.
   *
   * @param key the stored key
   * @throws nl.ireserve.saltoks.exception.SaltoOtpInvalidException when the cloud refuses it: re-activate the IQ
   */
  void verify(IqKey key);

  /**
   * The operator's explicit decision to let a key that the lock refused try the lock once more, for
   * example after the host's clock was fixed. One more OTP then reaches the IQ; if it is refused again,
   * the key is suspended again, and each wrong OTP counts towards SALTO blocking remote opening for
   * about 20 minutes. Not needed after a re-activation, which replaces the key.
   *
   * @param key the key the lock refused
   */
  void allowRetryAfterLockRefusal(IqKey key);

  /**
   * Whether a key is proven at a lock: false for a key made by {@link #activateWithNewPin} or {@link
   * #changePin} until a remote opening with it succeeds, true otherwise. The mark travels with the key
   * ({@link IqKey#provenAtLock()}, kept by the stores), so a restart does not forget it; the access flow
   * stores the key as proven after its first opening.
   *
   * @param key the key
   * @return whether it is not known to be unproven
   */
  boolean isProvenAtLock(IqKey key);

  /**
   * Whether this client suspended a key because the lock (its IQ) refused an OTP made from it, while
   * the cloud may accept it: the measured split after a PIN change with a delta, or a secret rotated by
   * the KS mobile app. The troubleshooter reports it.
   *
   * @param key the key
   * @return whether the lock refused it and the refusal still stands
   */
  boolean isRefusedByLock(IqKey key);

}
