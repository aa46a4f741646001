package nl.ireserve.saltoks.testkit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** A site user: its site-user id, its platform user id, and what SALTO keeps of it. */
final class UserRec {
  public final String id;
  public final String userId;
  public final String alias;
  public final List<String> roles;
  public final Instant createdAt;
  public boolean blocked;
  public boolean usePin;
  public String subscriptionState;
  public @Nullable Instant expiresAt;
  public @Nullable String pin;
  /** When the PIN stops working ({@code expiry_date}, read as an instant), or null for never. */
  public @Nullable Instant pinExpiry;

  UserRec(String alias, List<String> roles, String subscriptionState, @Nullable Instant expiresAt, Instant now) {
    this.id = UUID.randomUUID().toString();
    this.userId = UUID.randomUUID().toString();
    this.alias = alias;
    this.roles = List.copyOf(roles);
    this.subscriptionState = subscriptionState;
    this.expiresAt = expiresAt;
    this.createdAt = now;
  }
}
