package nl.ireserve.saltoks.exception;

import java.time.Instant;
import nl.ireserve.saltoks.SiteLimits;

/**
 * Refused locally, nothing sent: SALTO KS answered the last calls for this site with 502/503/504 or did not
 * answer in time, so the SDK stopped sending to the site for a while (its circuit is open, {@link
 * SiteLimits}) instead of adding to an outage. At {@link #retryAt()} one call goes through as a probe; when
 * it succeeds, calls flow again. {@link #isRetryable()} is true: try again after {@link #retryAt()}.
 */
public class SaltoCircuitOpenException extends SaltoRefusedLocallyException {
  private static final long serialVersionUID = 1L;

  private final String siteId;
  private final Instant retryAt;

  /**
   * Creates the exception.
   *
   * @param message what was refused and when the SDK tries again
   * @param siteId the site whose circuit is open
   * @param retryAt when one probe call goes through again
   */
  public SaltoCircuitOpenException(String message, String siteId, Instant retryAt) {
    super(message, null);
    this.siteId = siteId;
    this.retryAt = retryAt;
  }

  /** The site whose circuit is open. */
  public String siteId() {
    return siteId;
  }

  /** When the SDK lets one probe call through to the site again. */
  public Instant retryAt() {
    return retryAt;
  }

  /** True: the site is expected to answer again; try after {@link #retryAt()}. */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
