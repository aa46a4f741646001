package nl.ireserve.saltoks.it.access;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessEvent;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.access.ReservationRecorder;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSite;

/** The manual's hotel on the fake: Room 101 → Lock Alpha, Room 102 → Lock Bravo, one IQ. */
final class Hotel {
  static final Instant START = Instant.parse("2026-11-25T15:00:00Z");
  static final Instant END = START.plus(Duration.ofHours(20));
  static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

  final FakeSite site;
  final FakeIq iq;
  final FakeLock alpha;
  final FakeLock bravo;
  final SiteClient ref;
  final MappingStore mappings = MappingStore.inMemory();
  final IqKeyStore keys = IqKeyStore.inMemory();
  final MappingService mapping;
  final AccessPolicy policy = AccessPolicy.builder()
      .allowedStatuses("Confirmed", "Paid", "23-LOCKOPOPEN")
      .minutesBefore(30)
      .paymentRequired(true)
      .lastOpenField("Reservation changed 01")
      .statusAfterOpening("23-LOCKOPOPEN")
      .build();
  final List<AccessEvent> events = new CopyOnWriteArrayList<>();
  final List<String> recorded = new CopyOnWriteArrayList<>();

  Hotel(FakeSaltoKsExtension salto) {
    site = salto.server().addSite("NL6254340082", "Hotel Demo", ZONE);
    iq = site.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    alpha = site.addLock("Lock Alpha", iq);
    bravo = site.addLock("Lock Bravo", iq);
    ref = salto.client().site(salto.client().sites().retrieve("NL6254340082"));
    mapping = MappingService.create(ref, mappings);
    mapping.link("room-101", "Room 101", alpha.id());
    mapping.link("room-102", "Room 102", bravo.id());
    keys.save(iq.key());
  }

  ReservationRecorder recorder() {
    return new ReservationRecorder() {
      @Override
      public void recordLastOpen(Reservation r, String field, Instant at) {
        recorded.add(r.id() + ":" + field + "=" + at);
      }

      @Override
      public void setStatus(Reservation r, String newStatus) {
        recorded.add(r.id() + ":status=" + newStatus);
      }
    };
  }

  AccessService.Builder service(FakeSaltoKsExtension salto, FakeClock clock) {
    return AccessService.builder().site(ref).policy(policy).mappings(mappings)
        .keys(keys).recorder(recorder()).listener(events::add).clock(clock);
  }

  static Reservation room101(String status) {
    return Reservation.builder().id("res-1").objectId("room-101").status(status).start(START).end(END).paymentComplete(true).timeZone(ZONE).build();
  }
}
