package nl.ireserve.saltoks.internal;

import java.util.stream.Stream;
import nl.ireserve.saltoks.Entries;
import nl.ireserve.saltoks.Incidents;

/** {@link Incidents} of one site: pages of {@code GET /v1.1/sites/{id}/incidents} read lazily, newest first. */
final class DefaultIncidents implements Incidents {
  private static final String WHAT = "GET /v1.1/sites/{id}/incidents (read incidents)";

  private final LogPages<Dto.Incident, Incident> log;
  private final String siteId;

  DefaultIncidents(V11Api api, String siteId) {
    this.siteId = siteId;
    this.log = new LogPages<>(WHAT, (top, filter, token) -> token == null ? api.incidents(siteId, top, filter)
        : api.incidentsAfter(siteId, top, filter, token), DefaultIncidents::incident, Incident::at,
        Incident::lockId);
  }

  @Override
  public Stream<Incident> query(Entries.Query query) {
    return log.stream(query);
  }

  private static Incident incident(Dto.Incident d) {
    String category = d.eventCategory() == null ? "" : d.eventCategory();
    return new Incident(d.id(), Incident.Type.fromWire(category), category, d.eventDetail(), d.lockId(),
        d.lockCustomerReference(), d.iqId(), d.iqCustomerReference(), LogPages.instant(d.utcDateTime(), WHAT),
        LogPages.local(d.localDateTime()));
  }

  @Override
  public String toString() {
    return "Incidents[site " + siteId + "]";
  }
}
