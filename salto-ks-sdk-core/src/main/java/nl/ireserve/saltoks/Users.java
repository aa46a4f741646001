package nl.ireserve.saltoks;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The users of a site (salto-ks-api.md §4.5). A site user has two ids: its site-user {@code id} (for
 * {@code /users/{id}}, the PIN, blocking, deletion) and its platform {@code userId} (for access-group
 * membership and the entries). Writes are commands, never re-sent once they may have arrived.
 */
public interface Users {
  /**
   * Every user of the site.
   *
   * @return the users
   */
  List<SiteUser> list();

  /**
   * One user.
   *
   * @param siteUserId the site-user id
   * @return the user
   * @throws nl.ireserve.saltoks.exception.SaltoNotFoundException when there is no such user
   */
  SiteUser get(String siteUserId);

  /**
   * Creates a guest ({@code POST …/guests}): role {@code site_guest}, no e-mail, a subscription seat.
   * Measured trap: on a full site this still succeeds, with {@link SiteUser#suspended()} true; and
   * {@code expiresAt} passing does not free the seat (delete the user to free it).
   *
   * @param alias the guest's name, shown in SALTO KS and the entries
   * @param expiresAt when the guest expires, or null
   * @return the new guest
   */
  SiteUser createGuest(String alias, @Nullable Instant expiresAt);

  /**
   * Blocks or unblocks a user.
   *
   * @param siteUserId the site-user id
   * @param blocked the new state
   * @return the user
   */
  SiteUser block(String siteUserId, boolean blocked);

  /**
   * Lets a user open keypads with a PIN ({@code use_pin}); guests are created without it.
   *
   * @param siteUserId the site-user id
   * @return the user
   */
  SiteUser enablePin(String siteUserId);

  /**
   * Deletes a user; its subscription seat is free at once.
   *
   * @param siteUserId the site-user id
   */
  void delete(String siteUserId);

  /**
   * Generates the user's keypad PIN ({@code PUT …/users/{id}/pin}): SALTO picks 6 digits, and every
   * call rotates it. Right after a user is created this can answer 403 for about a minute (retry). A
   * PIN opens a door only once the user is in an access group that has a time schedule.
   *
   * <p>{@code expiry_date} is a date-time that SALTO accepts from 1 day to 1 year ahead (salto-ks-api.md
   * §10); it is sent as the instant given, in UTC to the second. A guest's access is bounded by its
   * group's time schedule in any case; the expiry is a second bound.
   *
   * @param siteUserId the site-user id
   * @param expiresAt the instant the PIN stops working (1 day to 1 year ahead), or null for never
   * @return the PIN, to hand to the guest; never logged
   */
  Pin generatePin(String siteUserId, @Nullable Instant expiresAt);

  /**
   * The site's roles.
   *
   * @return the roles
   */
  List<Role> roles();

  /**
   * The site's subscription: seats and features (a chosen PIN needs {@code custom_pin}).
   *
   * @return the subscription
   */
  Subscription subscription();
}
