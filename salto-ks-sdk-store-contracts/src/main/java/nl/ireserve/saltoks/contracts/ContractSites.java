package nl.ireserve.saltoks.contracts;

import nl.ireserve.saltoks.Site;

/**
 * The two sites every store contract runs against: {@link #HOTEL}, and {@link #SPORTS} for the isolation
 * tests (another customer with the same object ids). A store under test must keep them apart.
 */
public final class ContractSites {
  /** The site every contract test uses. */
  public static final Site HOTEL = new Site("acceptance", "https://example.test/v1.2", "NL1",
      "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa", "Hotel", "Europe/Amsterdam");
  /** The second site of the isolation tests: another customer, the same object ids. */
  public static final Site SPORTS = new Site("acceptance", "https://example.test/v1.2", "NL2",
      "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb", "Sports", "Europe/Amsterdam");

  private ContractSites() {}
}
