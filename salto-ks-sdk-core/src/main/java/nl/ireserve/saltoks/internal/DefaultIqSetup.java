package nl.ireserve.saltoks.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;
import nl.ireserve.saltoks.Iq;
import nl.ireserve.saltoks.exception.SaltoIqSetupException.Problem;
import nl.ireserve.saltoks.exception.SaltoIqSetupException;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.exception.SaltoPermissionException;
import nl.ireserve.saltoks.iq.IqActivationStatus;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup;
import nl.ireserve.saltoks.iq.PendingActivation;
import org.jspecify.annotations.Nullable;

/**
 * {@link IqSetup} over the Connect API (API-only activation, as the SALTO KS integration manual section 1.4 describes it). Each PIN command
 * is built here with its OTP, and follows the {@link OtpGuard}'s protocol.
 */
final class DefaultIqSetup implements IqSetup {
  private final ClientCore core;
  private final String siteId;

  DefaultIqSetup(ClientCore core, String siteId) {
    this.core = core;
    this.siteId = siteId;
  }

  @Override
  public IqActivationStatus status(String iqId) {
    String id = Checks.uuid("iqId", iqId);
    Iq iq = core.iqs(siteId).get(id);
    ConnectApi api = core.reads();
    boolean activated = false;
    Instant since = null;
    for (Dto.ActivatedIq a : Pages.all("GET …/me/{site}/activated_iqs (IQ activation status)",
        api.activatedIqs(siteId), api::activatedIqsPage, core.options().environment().apiUrl())) {
      if (id.equalsIgnoreCase(String.valueOf(a.iqId()))) {
        activated = a.activated() != null && a.activated();
        since = instant(a.activationDate());
      }
    }
    return new IqActivationStatus(id, iq.name(), activated, since, iq.otpEnabled(), iq.online());
  }

  @Override
  public PendingActivation requestPin(String iqId) {
    return requestPin(iqId, pending -> { });
  }

  @Override
  public PendingActivation requestPin(String iqId, Consumer<PendingActivation> saveBeforeEmail) {
    String id = Checks.uuid("iqId", iqId);
    Checks.notNull("saveBeforeEmail", saveBeforeEmail);
    String secret;
    try {
      secret = core.reads().iqSecret(siteId, id).secret();
    } catch (SaltoPermissionException e) {
      if (!e.serviceMessage().orElse("").toLowerCase(java.util.Locale.ROOT).contains("already activated")) {
        throw e; // 403 2203 "User does not have permission…": rights, not activation
      }
      throw new SaltoIqSetupException(
          "IQ "
              + id
              + " is already activated for the service account, so SALTO no longer hands out its"
              + " secret. If its key is stored, use it (verify it first). If the key is lost, or the"
              + " IQ was activated in the KS mobile app (which rotates the secret), it cannot be"
              + " recovered by API: ask the site owner to reset the IQ for this account.",
          Problem.ALREADY_ACTIVATED,
          e);
    }
    PendingActivation pending = new PendingActivation(siteId, id, secret);
    saveBeforeEmail.accept(pending); // the secret is readable once: kept before anything else can fail
    sendPin(pending);
    return pending;
  }

  @Override
  public void sendPin(PendingActivation pending) {
    Checks.notNull("pending", pending);
    if (!pending.siteId().equals(siteId)) {
      throw new IllegalArgumentException(
          "pending belongs to site " + pending.siteId() + ", not to this site " + siteId);
    }
    try {
      core.commands().sendIqPin(siteId, pending.iqId());
    } catch (SaltoPermissionException e) {
      throw new SaltoIqSetupException(
          "SALTO KS refused to e-mail the PIN of IQ " + pending.iqId() + ": the IQ is already activated"
              + " for the service account.",
          Problem.ALREADY_ACTIVATED,
          e);
    }
  }

  @Override
  public IqKey activate(PendingActivation pending, String emailedPin) {
    IqKey key = activate(pending, emailedPin, PinDelta.KEEP, "emailedPin");
    core.otpGuard().cleared(key.iqId());
    return key;
  }

  @Override
  public IqKey activateWithNewPin(PendingActivation pending, String emailedPin, String newPin) {
    IqKey.requirePin("newPin", newPin);
    IqKey emailed = activate(pending, emailedPin, PinDelta.between(emailedPin, newPin), "emailedPin");
    IqKey key = emailed.withPin(newPin);
    core.otpGuard().cleared(key.iqId());
    if (!newPin.equals(emailedPin)) {
      key = key.withProvenAtLock(false); // stored with the key, so a restart does not forget it
      core.otpGuard().unproven(key);
    }
    return key;
  }

  /** Signs the PIN change with an OTP from the e-mailed PIN; returns the key with that PIN. */
  private IqKey activate(PendingActivation pending, String emailedPin, String delta, String pinField) {
    Checks.notNull("pending", pending);
    IqKey.requirePin(pinField, emailedPin);
    if (!pending.siteId().equals(siteId)) {
      throw new IllegalArgumentException(
          "pending belongs to site " + pending.siteId() + ", not to this site " + siteId);
    }
    requireReady(core.iqs(siteId).get(pending.iqId()));
    IqKey current = new IqKey(pending.iqId(), pending.secret(), emailedPin);
    try {
      send(current, true, delta); // the operator's explicit step, as verify
    } catch (SaltoOtpInvalidException e) {
      throw new SaltoIqSetupException(
          "SALTO KS refused the one-time password made from the e-mailed PIN: the PIN entered is not"
              + " the one SALTO e-mailed (use the newest e-mail), or this host's clock is off.",
          Problem.WRONG_CURRENT_PIN,
          e);
    }
    return current;
  }

  private static void requireReady(Iq iq) {
    if (!iq.online()) {
      throw new SaltoIqSetupException(
          "IQ " + iq.name() + " is offline; it must be online to set its PIN. Check its power and"
              + " internet connection on site (manual problem 1, point 5), then try again.",
          Problem.IQ_OFFLINE,
          null);
    }
    if (!iq.otpEnabled()) {
      throw new SaltoIqSetupException(
          "One-time passwords are not enabled on IQ " + iq.name() + "; ask the site owner to"
              + " enable them in SALTO KS.",
          Problem.OTP_NOT_ENABLED,
          null);
    }
  }

  @Override
  public IqKey changePin(IqKey key, String newPin) {
    Checks.notNull("key", key);
    IqKey.requirePin("newPin", newPin);
    send(key, false, PinDelta.between(key.pin(), newPin));
    IqKey changed = key.withPin(newPin);
    if (!newPin.equals(key.pin())) {
      changed = changed.withProvenAtLock(false);
      core.otpGuard().unproven(changed);
    }
    return changed;
  }

  @Override
  public void verify(IqKey key) {
    Checks.notNull("key", key);
    send(key, true, PinDelta.KEEP); // sent even while suspended: this is the explicit cloud check
    core.otpGuard().verified(key);
  }

  @Override
  public void allowRetryAfterLockRefusal(IqKey key) {
    core.otpGuard().retryAllowed(Checks.notNull("key", key));
  }

  @Override
  public boolean isRefusedByLock(IqKey key) {
    return core.otpGuard().isRefusedByLock(Checks.notNull("key", key));
  }

  @Override
  public boolean isProvenAtLock(IqKey key) {
    return !core.otpGuard().isUnproven(Checks.notNull("key", key));
  }

  /** A PIN command through the guard's single flight; an {@code otp_invalid} suspends the key. */
  private void send(IqKey key, boolean evenIfSuspended, String delta) {
    core.otpGuard().send(OtpGuard.Validator.CLOUD, key, evenIfSuspended, () -> {
      core.knowServerTime(() -> core.reads().getIq(siteId, key.iqId()));
      core.commands().changeIqPin(siteId, key.iqId(),
          new Dto.PinChange(key.otpAt(core.serverClock().now()), delta));
    });
  }

  private static @Nullable Instant instant(@Nullable String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
