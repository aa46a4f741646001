package nl.ireserve.saltoks;

import nl.ireserve.saltoks.auth.TokenManager;

/**
 * The benchmarks' one look inside a client: its token manager, to measure cached token access. Lives
 * in the client's package (package-private accessor) in the unpublished benchmarks module only.
 */
public final class BenchmarkAccess {
  private BenchmarkAccess() {}

  /** The token manager of a client. */
  public static TokenManager tokens(SaltoKsClient client) {
    return client.core().tokens();
  }
}
