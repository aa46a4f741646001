package nl.ireserve.saltoks;

import java.time.Instant;
import java.util.List;
import nl.ireserve.saltoks.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * A site user.
 *
 * @param id the site-user id
 * @param userId the platform user id (access groups, entries), or null when SALTO sent none
 * @param alias the alias, or empty
 * @param roles the role codes, such as {@code site_guest}
 * @param blocked whether the user is blocked
 * @param usePin whether the user may use a keypad PIN
 * @param subscriptionState {@code subscribed}, {@code suspended}, or empty
 * @param expiresAt when the user expires, or null
 */
public record SiteUser(String id, @Nullable String userId, String alias, List<String> roles, boolean blocked,
    boolean usePin, String subscriptionState, @Nullable Instant expiresAt) {
  /** Copies the roles. */
  public SiteUser {
    Checks.notNull("id", id);
    roles = List.copyOf(roles);
  }

  /** Whether the user has no seat: a full site suspends new guests. */
  public boolean suspended() {
    return "suspended".equals(subscriptionState);
  }
}
