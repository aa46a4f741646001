package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import nl.ireserve.saltoks.Entries.Query;
import nl.ireserve.saltoks.Incidents.Incident;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.TimeSchedule;
import nl.ireserve.saltoks.exception.SaltoAccessorPinMissingException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client against a fake as strict as SALTO's OpenAPI document (salto-ks-api.md §10, §11): the fake
 * refuses what the real API refuses, and the SDK sends what it takes — the continuation token in its
 * header, filters on the server, seconds in a schedule, lock health, incidents, 3104.
 */
class ApiFidelityIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(FakeClock.ticking())
      .clients(b -> b.retryPolicy(RetryPolicy.none()).readTimeout(Duration.ofMillis(1500)));

  FakeSite hotel;
  FakeIq iq;
  FakeLock alpha;
  FakeLock bravo;
  SiteClient site;
  Instant t0;

  @BeforeEach
  void arrange() {
    hotel = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    iq = hotel.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    alpha = hotel.addLock("Lock Alpha", iq);
    bravo = hotel.addLock("Lock Bravo", iq);
    site = SALTO.site(hotel);
    t0 = SALTO.clock().instant();
  }

  // ---- the fake is as strict as the document ----

  private HttpResponse<String> raw(String method, String pathAndQuery, String body, String... headers)
      throws Exception {
    SALTO.client().authenticate();
    List<String> tokens = SALTO.server().issuedTokens();
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(SALTO.server().apiUrl() + pathAndQuery))
        .header("Authorization", "Bearer " + tokens.get(tokens.size() - 1))
        .header("Content-Type", "application/json")
        .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theFakeRefusesANullWhereTheDocumentSaysNonNullable_andAnUnknownField_with1100() throws Exception {
    String user = site.users().createGuest("ireserve:strict", null).id();
    String path = "/v1.2/sites/" + hotel.id() + "/users/" + user;

    HttpResponse<String> nullBlocked = raw("PATCH", path, "{\"blocked\":null,\"use_pin\":true}");
    HttpResponse<String> unknown = raw("PATCH", path, "{\"use_pin\":true,\"colour\":\"red\"}");
    HttpResponse<String> wrongType = raw("PATCH", path, "{\"use_pin\":\"yes\"}");
    HttpResponse<String> scheduleWithId = raw("POST", "/v1.1/sites/" + hotel.id() + "/access_groups/"
        + site.accessGroups().create("g").id() + "/time_schedules",
        "{\"id\":null,\"monday\":true,\"start_time\":\"08:00\",\"end_time\":\"18:00\"}");
    HttpResponse<String> fine = raw("PATCH", path, "{\"use_pin\":true}");

    for (HttpResponse<String> refused : List.of(nullBlocked, unknown, wrongType, scheduleWithId)) {
      assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("\"ErrorCode\":\"1100\"");
    }
    assertThat(fine.statusCode()).isEqualTo(200);
    assertThat(site.users().get(user).blocked()).as("the refused bodies changed nothing").isFalse();
  }

  @Test
  void aContinuationTokenInTheQuery_isNotPartOfTheApi_theFakeAnswersPageOneAgain() throws Exception {
    for (int i = 0; i < 5; i++) {
      hotel.addEntry(alpha, "lock_opened", null, "tag", t0.minusSeconds(100 - i));
    }
    String base = "/v1.1/sites/" + hotel.id() + "/entries?$top=2&$orderby=utc_date_time%20desc";
    HttpResponse<String> first = raw("GET", base, "");
    String token = first.body().replaceAll(".*\"continuation_token\":\"([^\"]+)\".*", "$1");

    HttpResponse<String> viaQuery = raw("GET", base + "&continuation_token=" + token, "");
    HttpResponse<String> viaHeader = raw("GET", base, "", "CLP-Continuation-Token", token);

    assertThat(viaQuery.body()).as("page 1 again").isEqualTo(first.body());
    assertThat(viaHeader.body()).isNotEqualTo(first.body());
  }

  // ---- entries and incidents ----

  @Test
  void aLocksEntries_areFilteredOnTheServer_soOnePageAnswersABusySite() {
    for (int i = 0; i < 300; i++) {
      hotel.addEntry(alpha, "lock_opened", null, "tag", t0.minusSeconds(1000 - i));
    }
    hotel.addEntry(bravo, "lock_opened", null, "pin_code", t0.minusSeconds(500));
    int before = SALTO.server().requestCount(FakeRoute.LIST_ENTRIES);

    List<nl.ireserve.saltoks.Entries.Entry> bravos = site.entries()
        .list(Query.newestFirst().lock(bravo.id()).between(t0.minusSeconds(2000), t0).pageSize(100));

    assertThat(bravos).hasSize(1).allSatisfy(e -> assertThat(e.lockId()).isEqualTo(bravo.id()));
    assertThat(SALTO.server().requestCount(FakeRoute.LIST_ENTRIES) - before).as("one request, not four pages").isEqualTo(1);
    List<nl.ireserve.saltoks.Entries.Entry> window = site.entries()
        .list(Query.newestFirst().between(t0.minusSeconds(1000), t0.minusSeconds(990)));
    assertThat(window).hasSize(10);
  }

  @Test
  void aFilterTheServerRefuses_isDropped_andTheLogIsFilteredLocally() {
    for (int i = 0; i < 30; i++) {
      hotel.addEntry(i % 3 == 0 ? bravo : alpha, "lock_opened", null, "tag", t0.minusSeconds(100 - i));
    }
    SALTO.server().faults().on(FakeRoute.LIST_ENTRIES).next(1, FakeFault.status(400));

    List<nl.ireserve.saltoks.Entries.Entry> bravos = site.entries().list(Query.newestFirst().lock(bravo.id()).pageSize(7));

    assertThat(bravos).hasSize(10).allSatisfy(e -> assertThat(e.lockId()).isEqualTo(bravo.id()));
    assertThat(site.entries().list(Query.newestFirst().lock(alpha.id()))).hasSize(20);
  }

  @Test
  void incidents_areTyped_pagedThroughTheHeader_andFilteredByLock() {
    alpha.online(false);
    alpha.online(true);
    alpha.battery("low");
    hotel.addIncident(iq, "iq_connection_lost");
    for (int i = 0; i < 12; i++) {
      bravo.incident(i % 2 == 0 ? "operation_not_completed" : "lock_levitated");
    }

    List<Incident> all = site.incidents().list(Query.newestFirst().pageSize(5));
    List<Incident> alphas = site.incidents().list(Query.newestFirst().lock(alpha.id()));

    assertThat(all).hasSize(16);
    assertThat(SALTO.server().requests()).filteredOn(r -> r.route() == FakeRoute.LIST_INCIDENTS).hasSizeGreaterThanOrEqualTo(4);
    assertThat(alphas).extracting(Incident::type).containsExactlyInAnyOrder(Incident.Type.LOCK_CONNECTION_LOST,
        Incident.Type.LOCK_CONNECTION_RESTORED, Incident.Type.LOW_BATTERY_WARNING);
    assertThat(all).filteredOn(i -> i.type() == Incident.Type.UNKNOWN).hasSize(6)
        .allSatisfy(i -> assertThat(i.category()).as("the raw value is kept").isEqualTo("lock_levitated"));
    assertThat(all).filteredOn(i -> i.type() == Incident.Type.IQ_CONNECTION_LOST).singleElement()
        .satisfies(i -> assertThat(i.lockId()).isNull()).satisfies(i -> assertThat(i.iqName()).isEqualTo("IQ Lobby"));
    assertThat(all).filteredOn(Incident::hindersOpening).hasSize(9);
  }

  // ---- schedules, locks, errors ----

  @Test
  void aSchedulesSeconds_areSent_andAFractionIsRefusedNamingTheField() {
    String group = site.accessGroups().create("ireserve:seconds").id();
    TimeSchedule s = new TimeSchedule(null, LocalDateTime.of(2027, 1, 10, 8, 0, 30), LocalDateTime.of(2027, 1, 12, 11, 0),
        EnumSet.allOf(DayOfWeek.class), LocalTime.of(8, 0, 30), LocalTime.of(18, 0));

    TimeSchedule created = site.accessGroups().createSchedule(group, s);

    assertThat(created.startTime()).isEqualTo(LocalTime.of(8, 0, 30));
    assertThat(created.from()).isEqualTo(LocalDateTime.of(2027, 1, 10, 8, 0, 30));
    assertThatThrownBy(() -> new TimeSchedule(null, LocalDateTime.of(2027, 1, 10, 8, 0, 30, 5_000_000),
        LocalDateTime.of(2027, 1, 12, 11, 0), EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT, LocalTime.of(23, 59)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("from");
    assertThat(TimeSchedule.stay(LocalDateTime.of(2027, 1, 10, 8, 0, 30, 5_000_000), LocalDateTime.of(2027, 1, 12,
        11, 0, 0, 9_000_000))).satisfies(stay -> {
          assertThat(stay.from()).as("the start rounded up").isEqualTo(LocalDateTime.of(2027, 1, 10, 8, 0, 31));
          assertThat(stay.until()).as("the end rounded down").isEqualTo(LocalDateTime.of(2027, 1, 12, 11, 0));
        });
  }

  @Test
  void aLocksHealth_isRead_andItsProblemsAreNamed() {
    alpha.battery("critical").privacyMode(true).lockedState("locked_pending").iqLink("detached_pending");
    bravo.type("escutcheon");

    Lock a = site.locks().get(alpha.id());
    Lock b = site.locks().list().stream().filter(l -> l.id().equals(bravo.id())).findFirst().orElseThrow();

    assertThat(a.type()).isEqualTo(Lock.Type.ESCUTCHEON_PIN);
    assertThat(a.takesPinCodes()).isTrue();
    assertThat(a.health().battery()).isEqualTo(Lock.Battery.CRITICAL);
    assertThat(a.health().privacyMode()).isTrue();
    assertThat(a.lockedState()).isEqualTo(Lock.LockedState.LOCKED_PENDING);
    assertThat(a.health().iqLink()).isEqualTo(Lock.IqLink.DETACHED_PENDING);
    assertThat(a.health().offlineKeysLimit()).isEqualTo(10);
    assertThat(String.join("\n", a.problems())).contains("battery", "critical", "privacy mode", "pending", "detached");
    assertThat(b.takesPinCodes()).isFalse();
    assertThat(b.problems()).isEmpty();
  }

  @Test
  void error3104_onARemoteOpen_isItsOwnError_withTheFix_neverLockNotFound() {
    FakeIq bare = hotel.addUnactivatedIq("IQ Annex");
    FakeLock annex = hotel.addLock("Lock Annex", bare);

    assertThatThrownBy(() -> site.locks().open(annex.id(), new IqKey(bare.id(), "a1b2c3d4e5f6g7h8", "1234")))
        .isInstanceOf(SaltoAccessorPinMissingException.class)
        .hasMessageContaining("3104").hasMessageContaining("no IQ PIN for the service account")
        .hasMessageContaining("manual 1.4").hasMessageNotContaining("Not found for this account");
    assertThat(SALTO.server().openings()).isEmpty();
  }

  @Test
  void error3104_onADoorOpening_isFailedWithTheIqActivationFix_andTheKeyStaysUsable() {
    FakeIq bare = hotel.addUnactivatedIq("IQ Annex");
    FakeLock annex = hotel.addLock("Lock Annex", bare);
    var links = nl.ireserve.saltoks.mapping.MappingStore.inMemory();
    nl.ireserve.saltoks.mapping.MappingService.create(site, links).link("annex-1", "Annex 1", annex.id());
    var keys = nl.ireserve.saltoks.mapping.IqKeyStore.inMemory();
    keys.save(new IqKey(bare.id(), "a1b2c3d4e5f6g7h8", "1234"));
    var access = nl.ireserve.saltoks.access.AccessService.builder().site(site)
        .policy(nl.ireserve.saltoks.access.AccessPolicy.builder().allowedStatuses("Paid").build())
        .mappings(links).keys(keys).clock(SALTO.clock()).build();
    var r = nl.ireserve.saltoks.access.Reservation.builder().id("res-annex").objectId("annex-1").status("Paid")
        .start(t0.minusSeconds(600)).end(t0.plusSeconds(3600)).build();

    var outcome = access.open(r);

    assertThat(outcome.status()).isEqualTo(nl.ireserve.saltoks.access.OpenOutcome.Status.FAILED);
    assertThat(outcome.reasons()).extracting(d -> d.code())
        .contains(nl.ireserve.saltoks.access.DenialReason.Code.IQ_NOT_ACTIVATED)
        .doesNotContain(nl.ireserve.saltoks.access.DenialReason.Code.OBJECT_NOT_MAPPED,
            nl.ireserve.saltoks.access.DenialReason.Code.OTP_REFUSED);
    assertThat(outcome.reasons().stream().filter(d -> d.code()
        == nl.ireserve.saltoks.access.DenialReason.Code.IQ_NOT_ACTIVATED).findFirst().orElseThrow().fix())
        .contains("Activate the IQ");
    assertThat(SALTO.server().openings()).isEmpty();
  }
}
