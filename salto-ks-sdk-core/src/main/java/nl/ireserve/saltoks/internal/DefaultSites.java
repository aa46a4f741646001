package nl.ireserve.saltoks.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.Sites;
import nl.ireserve.saltoks.exception.SaltoSiteNotFoundException;

/** {@link Sites} over the Connect API. */
final class DefaultSites implements Sites {
  private final ConnectApi api;
  private final SaltoEnvironment environment;

  DefaultSites(ConnectApi api, SaltoEnvironment environment) {
    this.api = api;
    this.environment = environment;
  }

  @Override
  public List<Site> list() {
    return Pages.all("GET …/sites (list sites)", api.listSites(), api::sitesPage, environment.apiUrl())
        .stream().map(d -> ModelMapper.site(d, environment)).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public Site get(String siteId) {
    return ModelMapper.site(api.getSite(Checks.uuid("siteId", siteId)), environment);
  }

  @Override
  public Optional<Site> findByUid(String siteUid) {
    String uid = validUid(siteUid); // before any request
    return find(list(), uid);
  }

  private static String validUid(String siteUid) {
    return Checks.text("siteUid", Checks.notNull("siteUid", siteUid).strip(), 64);
  }

  private static Optional<Site> find(List<Site> sites, String uid) {
    String wanted = uid.toUpperCase(Locale.ROOT);
    return sites.stream()
        .filter(s -> s.siteUid().strip().toUpperCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  @Override
  public Site retrieve(String siteUid) {
    String uid = validUid(siteUid);
    List<Site> visible = list();
    Optional<Site> site = find(visible, uid);
    if (site.isPresent()) {
      return site.get();
    }
    List<String> uids = visible.stream().map(Site::siteUid).collect(Collectors.toList());
    if (uids.isEmpty()) {
      throw new SaltoSiteNotFoundException(
          "This account sees no site at all in the "
              + environment.name()
              + " environment, so site UID "
              + Checks.echo(uid)
              + " cannot be resolved. Check the client id and secret (manual 1.6) and that the KS"
              + " service account has administrative rights on the site (manual 1.5).",
          uids);
    }
    throw new SaltoSiteNotFoundException(
        "Site UID "
            + Checks.echo(uid)
            + " is not among the sites this account sees in the "
            + environment.name()
            + " environment: "
            + String.join(", ", uids)
            + ". Check the UID SALTO gave you and that you are in the right environment"
            + " (acceptance vs production, manual 1.2).",
        uids);
  }
}
