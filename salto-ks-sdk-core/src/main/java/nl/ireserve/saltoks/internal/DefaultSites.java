package nl.ireserve.saltoks.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoSiteNotFoundException;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteReference;
import nl.ireserve.saltoks.Sites;

/** {@link Sites} over the Connect API. */
final class DefaultSites implements Sites {
  private static final Operation LIST = Operation.read("GET /v1.2/sites (list sites)");
  private static final Operation GET = Operation.read("GET /v1.2/sites/{id} (read site)");

  private final ConnectCalls calls;
  private final ConnectApi api;

  private final SaltoEnvironment environment;

  DefaultSites(ClientCore core) {
    this.calls = core.calls();
    this.api = core.stack().reads;
    this.environment = core.options().environment();
  }

  @Override
  public List<Site> list() {
    return calls.mapAll(LIST, calls.list(LIST, api::listSites), ModelMapper::site);
  }

  @Override
  public Site get(String siteId) {
    String id = Checks.uuid("siteId", siteId);
    return calls.mapOne(GET, calls.call(GET, auth -> api.getSite(auth, id)), ModelMapper::site);
  }

  @Override
  public Optional<Site> findByUid(String siteUid) {
    String uid = validUid(siteUid); // before any request
    return find(list(), uid);
  }

  private static String validUid(String siteUid) {
    return Checks.text("siteUid", siteUid == null ? null : siteUid.strip(), 64);
  }

  private static Optional<Site> find(List<Site> sites, String uid) {
    String wanted = uid.toUpperCase(Locale.ROOT);
    return sites.stream()
        .filter(s -> s.siteUid().strip().toUpperCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }

  @Override
  public SiteReference retrieve(String siteUid) {
    String uid = validUid(siteUid);
    List<Site> visible = list();
    Optional<Site> site = find(visible, uid);
    if (site.isPresent()) {
      return SiteReference.of(environment, site.get());
    }
    List<String> uids = visible.stream().map(Site::siteUid).collect(Collectors.toList());
    if (uids.isEmpty()) {
      throw new SaltoSiteNotFoundException(
          "This account sees no site at all in the "
              + environment.name()
              + " environment, so site UID "
              + Checks.echo(siteUid.strip())
              + " cannot be resolved. Check the client id and secret (manual 1.6) and that the KS"
              + " service account has administrative rights on the site (manual 1.5).",
          uids);
    }
    throw new SaltoSiteNotFoundException(
        "Site UID "
            + Checks.echo(siteUid.strip())
            + " is not among the sites this account sees in the "
            + environment.name()
            + " environment: "
            + String.join(", ", uids)
            + ". Check the UID SALTO gave you and that you are in the right environment"
            + " (acceptance vs production, manual 1.2).",
        uids);
  }
}
