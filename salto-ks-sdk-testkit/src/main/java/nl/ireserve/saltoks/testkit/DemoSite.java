package nl.ireserve.saltoks.testkit;

import java.time.ZoneId;

/**
 * The demo world of the walkthrough and the standalone fake: the manual's hotel with Lock Alpha,
 * Lock Bravo and an offline Lock Charlie on one IQ.
 */
public final class DemoSite {
  /** The demo site's UID. */
  public static final String SITE_UID = "NL6254340082";
  /** The demo site's name. */
  public static final String SITE_NAME = "Hotel De Demo";
  /** The demo site's time zone. */
  public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");
  /** The IQ's name. */
  public static final String IQ_NAME = "IQ Lobby";
  /** The activated IQ's secret (the first OTP test vector's). */
  public static final String IQ_SECRET = "a1b2c3d4e5f6g7h8";
  /** The activated IQ's PIN. */
  public static final String IQ_PIN = "1234";

  private DemoSite() {}

  /**
   * Adds the demo site to a fake.
   *
   * @param fake the fake
   * @param iqActivated whether the IQ starts activated with {@link #IQ_SECRET} and {@link #IQ_PIN}
   *     (standalone use), or fresh, waiting for IQ OTP setup (the walkthrough)
   * @return the site
   */
  public static FakeSite seed(FakeSaltoKsServer fake, boolean iqActivated) {
    FakeSite site = fake.addSite(SITE_UID, SITE_NAME, ZONE);
    FakeIq iq = iqActivated ? site.addIq(IQ_NAME, IQ_SECRET, IQ_PIN) : site.addUnactivatedIq(IQ_NAME);
    site.addLock("Lock Alpha", iq);
    site.addLock("Lock Bravo", iq);
    site.addLock("Lock Charlie", iq).online(false);
    return site;
  }
}
