package nl.ireserve.saltoks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.annotation.Nullable;
import nl.ireserve.saltoks.Iq;
import nl.ireserve.saltoks.SaltoOtpInvalidException;
import nl.ireserve.saltoks.SaltoPermissionException;
import nl.ireserve.saltoks.iq.IqActivationStatus;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.IqSetup;
import nl.ireserve.saltoks.iq.Otp;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.iq.SaltoIqSetupException;
import nl.ireserve.saltoks.iq.SaltoIqSetupException.Problem;

/** {@link IqSetup} over the Connect API (salto-ks-api.md §4.4, API-only activation). */
final class DefaultIqSetup implements IqSetup {
  private static final Operation ACTIVATED =
      Operation.read("GET /v1.2/me/{site}/activated_iqs (IQ activation status)");
  private static final Operation SECRET =
      Operation.read("GET /v1.2/sites/{id}/iqs/{iq}/secret (fetch IQ secret)");
  private static final Operation SEND_PIN =
      Operation.command("GET /v1.2/sites/{id}/iqs/{iq}/pin?send_email=true (GET PIN)",
          "Check the service account's mailbox for the PIN e-mail before asking again.");
  private static final Operation CHANGE_PIN =
      Operation.command("PUT /v1.2/sites/{id}/iqs/{iq}/pin (set IQ PIN)",
          "The PIN may or may not have changed: verify the new key, and if that fails the old one,"
              + " with IqSetup.verify before storing either.");

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
    ConnectApi api = core.stack().reads;
    List<JsonNode> items = core.calls().list(ACTIVATED, auth -> api.activatedIqs(auth, siteId));
    boolean activated = false;
    Instant since = null;
    for (JsonNode n : items) {
      if (id.equalsIgnoreCase(String.valueOf(Json.text(n, "iq_id")))) {
        activated = Json.bool(n, "activated");
        since = instant(Json.text(n, "activation_date"));
      }
    }
    return new IqActivationStatus(id, iq.name(), activated, since, iq.otpEnabled(), iq.online());
  }

  @Override
  public PendingActivation requestPin(String iqId) {
    String id = Checks.uuid("iqId", iqId);
    ConnectApi reads = core.stack().reads;
    JsonNode secret;
    try {
      secret = core.calls().call(SECRET, auth -> reads.iqSecret(auth, siteId, id));
    } catch (SaltoPermissionException e) {
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
    String value = core.calls().mapOne(SECRET, secret, n -> Json.requiredText(n, "secret", "an IQ secret"));
    ConnectApi commands = core.stack().commands;
    try {
      core.calls().call(SEND_PIN, auth -> commands.sendIqPin(auth, siteId, id));
    } catch (SaltoPermissionException e) {
      throw new SaltoIqSetupException(
          "SALTO KS refused to e-mail the PIN of IQ " + id + ": the IQ is already activated for"
              + " the service account.",
          Problem.ALREADY_ACTIVATED,
          e);
    }
    return new PendingActivation(siteId, id, value);
  }

  @Override
  public IqKey activate(PendingActivation pending, String currentPin, String newPin) {
    Checks.notNull("pending", pending);
    IqKey.requirePin("currentPin", currentPin);
    IqKey.requirePin("newPin", newPin);
    if (!pending.siteId().equals(siteId)) {
      throw new IllegalArgumentException(
          "pending belongs to site " + pending.siteId() + ", not to this site " + siteId);
    }
    Iq iq = core.iqs(siteId).get(pending.iqId());
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
    IqKey current = new IqKey(pending.iqId(), pending.secret(), currentPin);
    try {
      send(current, PinDelta.between(currentPin, newPin));
    } catch (SaltoOtpInvalidException e) {
      throw new SaltoIqSetupException(
          "SALTO KS refused the one-time password made from the current PIN: the current PIN"
              + " entered is not the one SALTO e-mailed (use the newest e-mail), or this host's"
              + " clock is off.",
          Problem.WRONG_CURRENT_PIN,
          e);
    }
    core.otpGuard().cleared(pending.iqId());
    return current.withPin(newPin);
  }

  @Override
  public IqKey changePin(IqKey key, String newPin) {
    Checks.notNull("key", key);
    IqKey.requirePin("newPin", newPin);
    core.otpGuard().send(key, core.serverClock(), () -> send(key, PinDelta.between(key.pin(), newPin)));
    return key.withPin(newPin);
  }

  @Override
  public void verify(IqKey key) {
    Checks.notNull("key", key);
    core.otpGuard().verify(key, core.serverClock(), () -> send(key, PinDelta.KEEP));
  }

  private void send(IqKey key, String delta) {
    ConnectApi commands = core.stack().commands;
    core.calls().call(CHANGE_PIN, auth -> commands.changeIqPin(auth, siteId, key.iqId(), pinBody(key, delta)));
  }

  /** Built as the request is sent, so the OTP uses SALTO's clock as read by the token fetch. */
  private Map<String, Object> pinBody(IqKey key, String delta) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("otp", Otp.at(key, core.serverClock().now()));
    body.put("delta", delta);
    return body;
  }

  private static @Nullable Instant instant(@Nullable String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(s);
    } catch (DateTimeParseException e) {
      try {
        return java.time.OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
