package nl.ireserve.saltoks.testkit;



/** The endpoints of the fake server, for aiming faults and counting requests. */
public enum FakeRoute {
  /** {@code POST /connect/token} on the identity server. */
  TOKEN,
  /** {@code GET /v1.2/sites}. */
  LIST_SITES,
  /** {@code GET /v1.2/sites/{id}}. */
  GET_SITE,
  /** {@code GET /v1.2/sites/{id}/me}: the service account's site user. */
  SITE_ME,
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
  /** {@code GET /v1.1/sites/{id}/entries} (405 under v1.2, as measured). */
  LIST_ENTRIES,
  /** {@code GET /v1.1/sites/{id}/incidents}. */
  LIST_INCIDENTS,
  /** {@code GET …/users} and {@code GET …/users/{id}}. */
  USERS,
  /** {@code POST …/guests}. */
  CREATE_GUEST,
  /** {@code PATCH …/users/{id}}. */
  PATCH_USER,
  /** {@code DELETE …/users/{id}}. */
  DELETE_USER,
  /** {@code PUT …/users/{id}/pin}. */
  USER_PIN,
  /** {@code GET …/roles}. */
  ROLES,
  /** {@code GET …/subscription}. */
  SUBSCRIPTION,
  /** {@code GET|POST …/access_groups}, {@code DELETE …/access_groups/{ag}}. */
  ACCESS_GROUPS,
  /** {@code GET|POST|DELETE …/access_groups/{ag}/locks}. */
  GROUP_LOCKS,
  /** {@code GET|POST|DELETE …/access_groups/{ag}/users}. */
  GROUP_USERS,
  /** {@code GET|POST|PATCH|DELETE /v1.1/…/access_groups/{ag}/time_schedules}. */
  TIME_SCHEDULES,
  /** The fake's own control endpoints under {@code /_fake/}. */
  CONTROL,
  /** Any path the fake does not know. */
  UNKNOWN;

  /** Whether this route belongs to the identity server. */
  public boolean isIdentity() {
    return this == TOKEN;
  }
}
