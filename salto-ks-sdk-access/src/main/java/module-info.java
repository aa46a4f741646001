/**
 * Reservations at the door: {@link nl.ireserve.saltoks.access.AccessService} (the policy, the door opening,
 * its guards), guest PIN access, the troubleshooter and the tenants registry.
 *
 * <p>{@code nl.ireserve.saltoks.access.internal} is exported only to the PostgreSQL module.
 */
module nl.ireserve.saltoks.access {
  requires transitive nl.ireserve.saltoks.mapping;
  requires com.github.benmanes.caffeine;
  requires org.slf4j;

  exports nl.ireserve.saltoks.access;
  exports nl.ireserve.saltoks.access.internal to nl.ireserve.saltoks.jdbc;
}
