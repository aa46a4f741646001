package nl.ireserve.saltoks.testkit;

import java.time.Instant;

/**
 * An IQ PIN e-mail the fake "sent" on {@code GET …/iqs/{iq}/pin?send_email=true}; tests read the PIN
 * from here as an administrator reads it from the mailbox. {@link #toString()} hides the PIN.
 *
 * @param to the service account's e-mail address
 * @param iqId the IQ the PIN is for
 * @param pin the 4-digit PIN
 * @param at when it was sent
 */
public record SentPinEmail(String to, String iqId, String pin, Instant at) {
  @Override
  public String toString() {
    return "SentPinEmail[to=" + to + ", iqId=" + iqId + ", pin=****, at=" + at + "]";
  }
}
