package nl.ireserve.saltoks.internal;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.Iq;
import nl.ireserve.saltoks.Iqs;

/** {@link Iqs} of one site over the Connect API. */
final class DefaultIqs implements Iqs {
  private final ConnectApi api;
  private final String siteId;
  private final URI apiUrl;

  DefaultIqs(ConnectApi api, String siteId, URI apiUrl) {
    this.api = api;
    this.siteId = siteId;
    this.apiUrl = apiUrl;
  }

  @Override
  public List<Iq> list() {
    return Pages.all("GET …/sites/{id}/iqs (list IQs)", api.listIqs(siteId), api::iqsPage, apiUrl)
        .stream().map(ModelMapper::iq).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public Iq get(String iqId) {
    return ModelMapper.iq(api.getIq(siteId, Checks.uuid("iqId", iqId)));
  }
}
