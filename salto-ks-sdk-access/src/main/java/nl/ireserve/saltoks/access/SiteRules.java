package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.mapping.ObjectLockLink;

/**
 * What the guests, the troubleshooter and the tenants need of a site's door rules, and nothing more: the
 * decision for a reservation, the policy, a link, a lock, whether anything may be sent now, and the site's
 * client, zone and clock. {@link Readiness} answers it; none of them reaches the door opening itself.
 */
interface SiteRules {
  /**
   * Whether the reservation may open its door now, with every reason, sending nothing.
   *
   * @throws IllegalStateException when the service is closed
   */
  AccessDecision check(Reservation reservation);

  AccessPolicy policy();

  /**
   * The object's link, read through the store time limit; empty when unmapped.
   *
   * @throws nl.ireserve.saltoks.exception.StoreException when the store fails or does not answer in time
   */
  Optional<ObjectLockLink> link(String objectId);

  /** A lock as last read from SALTO (cached briefly, like the opening's). */
  Lock lock(String lockId);

  /**
   * Why nothing may be sent to SALTO for this site now: the integration is switched off, or the guards that
   * keep the switch do not answer (fail closed). Empty when it may.
   */
  Optional<DenialReason> mayNotSend();

  SiteClient site();

  ZoneId zone();

  Clock clock();
}
