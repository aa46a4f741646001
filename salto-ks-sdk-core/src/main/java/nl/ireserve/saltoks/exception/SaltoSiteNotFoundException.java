package nl.ireserve.saltoks.exception;

import java.util.List;

/**
 * The account sees no site with the requested site UID. The message lists the UIDs it does see and
 * says what to check: the UID itself and the environment (acceptance vs production), or — when it
 * sees no site at all — the client credentials and the service account's rights (manual 1.2, 1.3).
 *
 * <p>A {@link SaltoNotFoundException}: SALTO answered the list of sites, and the site was not in it.
 * {@link #status()} is the status of that list answer (200).
 */
public class SaltoSiteNotFoundException extends SaltoNotFoundException {
  private static final long serialVersionUID = 1L;

  /** The site UIDs the account sees. */
  private final List<String> visibleSiteUids;

  /**
   * Creates the exception.
   *
   * @param message what to check
   * @param visibleSiteUids the site UIDs the account can see
   */
  public SaltoSiteNotFoundException(String message, List<String> visibleSiteUids) {
    super(message, new Details(200, null, null, null, null, 1));
    this.visibleSiteUids = List.copyOf(visibleSiteUids);
  }

  /** The site UIDs this account can see in this environment. */
  public List<String> visibleSiteUids() {
    return visibleSiteUids;
  }
}
