package nl.ireserve.saltoks.internal;

import java.net.URI;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.Pin;
import nl.ireserve.saltoks.Role;
import nl.ireserve.saltoks.SiteUser;
import nl.ireserve.saltoks.Subscription;
import nl.ireserve.saltoks.Users;
import org.jspecify.annotations.Nullable;

/** {@link Users} of one site over the Connect API. */
final class DefaultUsers implements Users {
  private final GuestApi api;
  private final String siteId;
  private final URI apiUrl;

  DefaultUsers(GuestApi api, String siteId, URI apiUrl) {
    this.api = api;
    this.siteId = siteId;
    this.apiUrl = apiUrl;
  }

  @Override
  public List<SiteUser> list() {
    return Pages.all("GET …/sites/{id}/users (list users)", api.listUsers(siteId), api::usersPage, apiUrl)
        .stream().map(DefaultUsers::user).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public SiteUser get(String siteUserId) {
    return user(api.getUser(siteId, Checks.uuid("siteUserId", siteUserId)));
  }

  @Override
  public SiteUser createGuest(String alias, @Nullable Instant expiresAt) {
    Checks.text("alias", alias, 200);
    return user(api.createGuest(siteId, new Dto.NewGuest(alias, expiresAt == null ? null : expiresAt.toString())));
  }

  @Override
  public SiteUser block(String siteUserId, boolean blocked) {
    return user(api.patchUser(siteId, Checks.uuid("siteUserId", siteUserId), new Dto.UserPatch(blocked, null)));
  }

  @Override
  public SiteUser enablePin(String siteUserId) {
    return user(api.patchUser(siteId, Checks.uuid("siteUserId", siteUserId), new Dto.UserPatch(null, true)));
  }

  @Override
  public void delete(String siteUserId) {
    api.deleteUser(siteId, Checks.uuid("siteUserId", siteUserId));
  }

  @Override
  public Pin generatePin(String siteUserId, @Nullable Instant expiresAt) {
    String pin = api.generatePin(siteId, Checks.uuid("siteUserId", siteUserId),
        new Dto.PinRequest(expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.SECONDS).toString()));
    return new Pin(pin);
  }

  @Override
  public List<Role> roles() {
    return Pages.all("GET …/sites/{id}/roles (list roles)", api.listRoles(siteId), u -> {
      throw Failures.unusableList("SALTO KS paged the roles; this SDK reads one page of them");
    }, apiUrl).stream().map(r -> new Role(text(r.id()), text(r.code()), text(r.customerReference())))
        .collect(Collectors.toUnmodifiableList());
  }

  @Override
  public Subscription subscription() {
    Dto.Subscription s = api.subscription(siteId);
    return new Subscription(s.userAmount() == null ? 0 : s.userAmount(), text(s.type()),
        s.features() == null ? List.of() : s.features());
  }

  static SiteUser user(Dto.SiteUser d) {
    return new SiteUser(d.id(), d.user() == null ? null : d.user().id(), text(d.alias()),
        d.roles() == null ? List.of() : d.roles().stream().map(r -> text(r.code())).collect(Collectors.toList()),
        Boolean.TRUE.equals(d.blocked()), Boolean.TRUE.equals(d.usePin()), text(d.subscriptionState()),
        instant(d.expiresAt()));
  }

  private static @Nullable Instant instant(@Nullable String s) {
    try {
      return s == null || s.isBlank() ? null : Instant.parse(s);
    } catch (DateTimeException e) {
      return null; // informative only
    }
  }

  private static String text(@Nullable String s) {
    return s == null ? "" : s;
  }

  @Override
  public String toString() {
    return "Users[site " + siteId + "]";
  }
}
