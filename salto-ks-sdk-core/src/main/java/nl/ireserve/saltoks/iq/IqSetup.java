package nl.ireserve.saltoks.iq;

import java.time.Instant;
import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.internal.Checks;

/**
 * IQ OTP setup for the service account (manual 1.4), by API only: GET PIN, enter the current PIN,
 * choose a new one, save. Obtained from {@link nl.ireserve.saltoks.SiteClient#iqSetup()}.
 *
 * <pre>{@code
 * IqSetup setup = client.iqSetup(site.id());
 * PendingActivation pending = setup.requestPin(iqId);      // "GET PIN": PIN arrives by e-mail
 * IqKey key = setup.activate(pending, pinFromEmail, "4711"); // "Set PIN": IQ is activated
 * keyStore.save(key);                                      // secret + PIN, store encrypted
 * }</pre>
 *
 * <p>About the PIN {@code delta}: SALTO changes the PIN with {@code PUT …/iqs/{iq}/pin} and a
 * {@code delta} whose arithmetic is undocumented. This SDK sends, digit by digit, {@code delta = (current −
 * new) mod 10}, the rule measured against a real acceptance site (new = old − delta per digit). An
 * independent client computes {@code (new − old) mod 10000} instead; the two disagree, and only the
 * measured rule is implemented. A delta of {@code 0000} keeps the PIN, which makes {@link #verify} free
 * of side effects.
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
   * "Set PIN": signs the PIN change with an OTP made from the secret and the current (e-mailed) PIN,
   * and activates the IQ.
   *
   * @param pending the result of {@link #requestPin}
   * @param currentPin the PIN from the e-mail, 4 digits
   * @param newPin the new PIN, 4 digits
   * @return the key to store: IQ id, secret, new PIN
   * @throws SaltoIqSetupException {@code WRONG_CURRENT_PIN}, {@code IQ_OFFLINE}, {@code
   *     OTP_NOT_ENABLED}
   * @throws IllegalArgumentException when a PIN is not 4 digits
   */
  IqKey activate(PendingActivation pending, String currentPin, String newPin);

  /**
   * Changes the PIN of an activated IQ.
   *
   * @param key the current key
   * @param newPin the new PIN, 4 digits
   * @return the new key to store
   */
  IqKey changePin(IqKey key, String newPin);

  /**
   * Checks that a stored key still works, with no side effect (a PIN change with delta {@code 0000}).
   * On success, one-time passwords for the IQ are allowed again after an earlier {@code otp_invalid}.
   * This is the only call that sends an OTP for a suspended key.
   *
   * @param key the stored key
   * @throws nl.ireserve.saltoks.SaltoOtpInvalidException when SALTO refuses it: re-activate the IQ
   */
  void verify(IqKey key);

  /**
   * Whether the service account can open through an IQ (manual 1.4, target status "IQ is activated").
   *
   * @param iqId the IQ's UUID
   * @param name the IQ's name
   * @param activated whether the service account has activated the IQ (its PIN is set)
   * @param activationDate when, if activated and SALTO said so
   * @param otpEnabled whether one-time passwords are enabled on the IQ
   * @param online whether the IQ is online
   */
  public record IqActivationStatus(
      String iqId,
      String name,
      boolean activated,
      @Nullable Instant activationDate,
      boolean otpEnabled,
      boolean online) {

    /** Whether remote opening through this IQ can work: activated, OTP enabled and online. */
    public boolean ready() {
      return activated && otpEnabled && online;
    }
  }

  /**
   * An IQ activation after "GET PIN": the IQ secret has been fetched (possible only once, before
   * activation) and SALTO has e-mailed the current PIN to the service account. Complete it with {@link
   * IqSetup#activate}. Keep it only as long as the administrator's screen is open; {@link #toString()}
   * hides the secret.
   *
   * @param siteId the site's UUID
   * @param iqId the IQ's UUID
   * @param secret the IQ secret
   */
  public record PendingActivation(String siteId, String iqId, String secret) {

    /** Validates the fields. */
    public PendingActivation {
      siteId = Checks.uuid("siteId", siteId);
      iqId = Checks.uuid("iqId", iqId);
      Checks.secretText("secret", secret, "the IQ secret SALTO returned is empty");
    }

    @Override
    public String toString() {
      return "PendingActivation[siteId=" + siteId + ", iqId=" + iqId + ", secret=****]";
    }
  }
}
