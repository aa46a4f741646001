package nl.ireserve.saltoks;

import nl.ireserve.saltoks.internal.Checks;

/**
 * What the SDK signs in with: the OAuth client id and secret from the SALTO KS developer portal
 * (manual 1.6) and the KS service account's user name and password (manual 1.5), used in the
 * password grant with scope {@code user_api.full_access}.
 *
 * <p>Each field is checked when the record is made: a missing or blank value, or one with leading or
 * trailing whitespace ("copied with a space"), is refused with a message naming the field. {@link
 * #toString()} shows the client id and user name only; the secret and password never appear.
 *
 * @param clientId OAuth client id (not secret)
 * @param clientSecret OAuth client secret
 * @param username KS service account user name (an e-mail address; not a personal one)
 * @param password KS service account password
 */
public record SaltoCredentials(String clientId, String clientSecret, String username, String password) {

  /** Validates every field; see the class description. */
  public SaltoCredentials {
    Checks.secretText("clientId", clientId, "copy it from the SALTO KS developer portal (manual 1.6)");
    Checks.secretText(
        "clientSecret", clientSecret, "copy it from the SALTO KS developer portal (manual 1.6)");
    Checks.secretText(
        "username", username, "use the KS service account's e-mail address (manual 1.5)");
    Checks.notNull("password", password);
    if (password.isEmpty()) {
      throw new IllegalArgumentException(
          "password is empty: enter the KS service account's password (manual 1.5)");
    }
    if (!password.equals(password.strip())) {
      throw new IllegalArgumentException(
          "password starts or ends with whitespace; it was probably copied with a space."
              + " Remove the space (manual 1.5)");
    }
  }

  /** Same as the canonical constructor; reads better at call sites. */
  public static SaltoCredentials of(
      String clientId, String clientSecret, String username, String password) {
    return new SaltoCredentials(clientId, clientSecret, username, password);
  }

  @Override
  public String toString() {
    return "SaltoCredentials[clientId=" + clientId + ", username=" + username
        + ", clientSecret=****, password=****]";
  }
}
