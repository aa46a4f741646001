package nl.ireserve.saltoks.iq;

import nl.ireserve.saltoks.internal.Checks;

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
