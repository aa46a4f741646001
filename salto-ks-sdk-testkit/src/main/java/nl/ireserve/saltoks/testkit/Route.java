package nl.ireserve.saltoks.testkit;

/** The endpoints of the fake server, for aiming faults and counting requests. */
public enum Route {
  /** {@code POST /connect/token} on the identity server. */
  TOKEN,
  /** {@code GET /v1.2/sites}. */
  LIST_SITES,
  /** {@code GET /v1.2/sites/{id}}. */
  GET_SITE,
  /** {@code GET …/locks}. */
  LIST_LOCKS,
  /** {@code GET …/locks/{id}}. */
  GET_LOCK,
  /** {@code PATCH …/locks/{id}/locking}. */
  OPEN_LOCK,
  /** {@code GET …/iqs}. */
  LIST_IQS,
  /** {@code GET …/iqs/{id}}. */
  GET_IQ,
  /** {@code GET …/iqs/{id}/secret}. */
  IQ_SECRET,
  /** {@code GET …/iqs/{id}/pin?send_email=true}. */
  IQ_SEND_PIN,
  /** {@code PUT …/iqs/{id}/pin}. */
  IQ_CHANGE_PIN,
  /** {@code GET /v1.2/me/{site}/activated_iqs}. */
  ACTIVATED_IQS,
  /** The fake's own control endpoints under {@code /_fake/}. */
  CONTROL,
  /** Any path the fake does not know. */
  UNKNOWN;

  /** Whether this route belongs to the identity server. */
  public boolean isIdentity() {
    return this == TOKEN;
  }
}
