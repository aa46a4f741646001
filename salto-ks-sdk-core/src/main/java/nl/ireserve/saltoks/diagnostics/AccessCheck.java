package nl.ireserve.saltoks.diagnostics;

/** The checks of a Test Access Request, in the order they run. */
public enum AccessCheck {
  /** Client id, secret, user name and password are present and have no stray whitespace (1.5, 1.6). */
  CREDENTIALS("Credentials entered correctly", true),
  /** The environment's identity server answers at all (1.1, 1.7: timeout → network/firewall). */
  ENVIRONMENT_REACHABLE("SALTO environment reachable", true),
  /** The identity server issues a token for these credentials (1.7: 401 → client credentials). */
  TOKEN("Sign-in (access token)", true),
  /** The Connect API lets the account read its sites (1.7: 403 → permissions). */
  SITES_READABLE("Sites readable", true),
  /** The site UID is among the account's sites, and a saved UUID matches it (1.2, 1.3). */
  SITE_ID("Site UID and UUID", true),
  /** The service account has activated an IQ of the site (1.4). */
  IQ_ACTIVATED("IQ activated", false),
  /** The site has locks the account can see (prerequisites). */
  LOCKS_VISIBLE("Locks visible", false),
  /** This host's clock agrees with SALTO's (one-time passwords depend on it). */
  CLOCK("Clock in sync with SALTO", false);

  private final String title;
  private final boolean blocking;

  AccessCheck(String title, boolean blocking) {
    this.title = title;
    this.blocking = blocking;
  }

  /** A short title for a screen. */
  public String title() {
    return title;
  }

  /** Whether later checks are skipped when this one fails. */
  public boolean blocking() {
    return blocking;
  }
}
