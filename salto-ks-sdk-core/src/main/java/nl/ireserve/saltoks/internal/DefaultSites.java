package nl.ireserve.saltoks.internal;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.Sites;

/** {@link Sites} over the Connect API. */
final class DefaultSites implements Sites {
  private static final Operation LIST = Operation.read("GET /v1.2/sites (list sites)");
  private static final Operation GET = Operation.read("GET /v1.2/sites/{id} (read site)");

  private final ConnectCalls calls;
  private final ConnectApi api;

  DefaultSites(ClientCore core) {
    this.calls = core.calls();
    this.api = core.stack().reads;
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
    String uid = Checks.text("siteUid", siteUid == null ? null : siteUid.strip(), 64);
    String wanted = uid.toUpperCase(Locale.ROOT);
    return list().stream()
        .filter(s -> s.siteUid().strip().toUpperCase(Locale.ROOT).equals(wanted))
        .findFirst();
  }
}
