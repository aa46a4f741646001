package nl.ireserve.saltoks.auth;

import java.time.Instant;
import nl.ireserve.saltoks.internal.Checks;

/**
 * A bearer token for the Connect API and when it expires. {@link #toString()} never shows the value.
 *
 * @param value the bearer token
 * @param expiresAt when the identity server says it expires
 */
public record AccessToken(String value, Instant expiresAt) {

  /** Validates that both fields are present. */
  public AccessToken {
    Checks.secretText("value", value, "the identity server returned an empty access token");
    Checks.notNull("expiresAt", expiresAt);
  }

  @Override
  public String toString() {
    return "AccessToken[value=****, expiresAt=" + expiresAt + "]";
  }
}
