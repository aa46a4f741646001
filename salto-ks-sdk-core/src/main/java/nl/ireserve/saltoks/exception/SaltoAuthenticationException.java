package nl.ireserve.saltoks.exception;

/**
 * SALTO KS refused to authenticate: at the identity server (wrong client id or secret, wrong user name or password, password flow not enabled) or at the API (token rejected, HTTP 401). {@link #reason()} says which; the message says what to fix (manual 1.6, problem 3: "401 → incorrect client ID/secret").
 */
public class SaltoAuthenticationException extends SaltoApiException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and what to check
   * @param details the facts of the failed answer
   * @param reason why authentication failed
   */
  public SaltoAuthenticationException(String message, Details details, Reason reason) {
    super(message, details);
    this.reason = reason;
  }

  /** Why authentication failed. */
  public enum Reason {
    /** The identity server rejected the client id or secret ({@code invalid_client}). */
    INVALID_CLIENT,
    /** The identity server rejected the user name or password ({@code invalid_grant}). */
    INVALID_GRANT,
    /**
     * The client may not use the password flow with scope {@code user_api.full_access} ({@code
     * invalid_scope} or {@code unauthorized_client}); SALTO must enable it for this client id.
     */
    FLOW_NOT_ENABLED,
    /** The Connect API rejected the access token (HTTP 401) even after a fresh token was fetched. */
    TOKEN_REJECTED,
    /** Any other refusal by the identity server. */
    OTHER
  }

  /** Why authentication failed. */
  private final Reason reason;

  /** Why authentication failed. */
  public Reason reason() {
    return reason;
  }
}
