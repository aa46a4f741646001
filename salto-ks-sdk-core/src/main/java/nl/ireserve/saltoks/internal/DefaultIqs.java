package nl.ireserve.saltoks.internal;

import java.util.List;
import nl.ireserve.saltoks.Iq;
import nl.ireserve.saltoks.Iqs;

/** {@link Iqs} of one site over the Connect API. */
final class DefaultIqs implements Iqs {
  private static final Operation LIST = Operation.read("GET /v1.2/sites/{id}/iqs (list IQs)");
  private static final Operation GET = Operation.read("GET /v1.2/sites/{id}/iqs/{iq} (read IQ)");

  private final ConnectCalls calls;
  private final ConnectApi api;
  private final String siteId;

  DefaultIqs(ClientCore core, String siteId) {
    this.calls = core.calls();
    this.api = core.stack().reads;
    this.siteId = siteId;
  }

  @Override
  public List<Iq> list() {
    return calls.mapAll(LIST, calls.list(LIST, auth -> api.listIqs(auth, siteId)), ModelMapper::iq);
  }

  @Override
  public Iq get(String iqId) {
    String id = Checks.uuid("iqId", iqId);
    return calls.mapOne(GET, calls.call(GET, auth -> api.getIq(auth, siteId, id)), ModelMapper::iq);
  }
}
