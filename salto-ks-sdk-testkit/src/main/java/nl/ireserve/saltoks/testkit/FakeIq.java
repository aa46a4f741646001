package nl.ireserve.saltoks.testkit;

import nl.ireserve.saltoks.iq.IqKey;
import org.jspecify.annotations.Nullable;

/** An IQ on the fake server, with the service account's secret, PIN and activation. */
public final class FakeIq {
  private final FakeState state;
  final IqRec rec;

  FakeIq(FakeState state, IqRec rec) {
    this.state = state;
    this.rec = rec;
  }

  /** The IQ's UUID. */
  public String id() {
    return rec.id;
  }

  /** The IQ's name. */
  public String name() {
    return rec.name;
  }

  /** The IQ secret the fake checks one-time passwords against. */
  public String secret() {
    synchronized (state) {
      return rec.secret;
    }
  }

  /** The current PIN, or null before a PIN was e-mailed for a fresh IQ. */
  public @Nullable String pin() {
    synchronized (state) {
      return rec.pin;
    }
  }

  /** Whether the service account has activated this IQ. */
  public boolean activated() {
    synchronized (state) {
      return rec.activated;
    }
  }

  /** The key an activated IQ is opened with (secret and current PIN). */
  public IqKey key() {
    synchronized (state) {
      if (rec.pin == null) {
        throw new IllegalStateException("IQ " + rec.name + " has no PIN yet");
      }
      return new IqKey(rec.id, rec.secret, rec.pin);
    }
  }

  /** Whether the IQ is online. */
  public boolean isOnline() {
    synchronized (state) {
      return rec.online;
    }
  }

  /**
   * Sets whether the IQ is online.
   *
   * @param online the state
   * @return this IQ
   */
  public FakeIq online(boolean online) {
    state.update(() -> rec.online = online);
    return this;
  }

  /**
   * Sets whether one-time passwords are enabled on the IQ.
   *
   * @param enabled the state
   * @return this IQ
   */
  public FakeIq otpEnabled(boolean enabled) {
    state.update(() -> rec.otpEnabled = enabled);
    return this;
  }

  /** Gives the IQ a new secret, as activating it in the KS mobile app does: API OTPs then fail. */
  public FakeIq rotateSecret() {
    state.rotateSecret(rec);
    return this;
  }

  /**
   * Resets the service account's activation at this IQ, as SALTO support does on request (for
   * example after the account was activated in the mobile app): the API can read a new first secret
   * and have a new PIN e-mailed.
   *
   * @return this IQ
   */
  public FakeIq resetActivation() {
    state.resetActivation(rec);
    return this;
  }

  /** The PIN the IQ itself checks remote openings against (the cloud may have moved on). */
  public @Nullable String lockPin() {
    synchronized (state) {
      return rec.lockPin;
    }
  }

  /** How many one-time passwords for this IQ the fake received. */
  public int otpAttempts() {
    return state.otpAttempts(rec.id);
  }

  @Override
  public String toString() {
    return "FakeIq[" + rec.name + ", id=" + rec.id + "]";
  }
}
