package nl.ireserve.saltoks.iq;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

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
