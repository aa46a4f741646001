package nl.ireserve.saltoks.access;

import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.mapping.internal.Args;

/**
 * One customer of a host: its client, site and access service. Closing it closes the access service, then
 * the client, which releases only what that client owns (a client on a shared HTTP budget leaves the budget
 * to the others).
 *
 * @param client the customer's client
 * @param site the customer's site
 * @param access the customer's access service
 */
public record Tenant(SaltoKsClient client, SiteClient site, AccessService access) implements AutoCloseable {
  /** Validates the fields. */
  public Tenant {
    Args.notNull("client", client);
    Args.notNull("site", site);
    Args.notNull("access", access);
  }

  @Override
  public void close() {
    try {
      access.close();
    } finally {
      client.close();
    }
  }
}
