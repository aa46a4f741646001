package nl.ireserve.saltoks.testkit;


/**
 * A site user, as the fake holds it.
 *
 * @param id the site-user id
 * @param userId the platform user id
 * @param alias the alias
 * @param suspended whether it has no seat
 * @param blocked whether it is blocked
 * @param usePin whether it may use a PIN
 * @param hasPin whether a PIN was generated
 */
public record FakeUser(String id, String userId, String alias, boolean suspended, boolean blocked, boolean usePin,
    boolean hasPin) {}
