package nl.ireserve.saltoks.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Entries;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.access.GuestGrantStore;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.access.Tenant;
import nl.ireserve.saltoks.access.Tenants;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.it.support.LocalPostgres;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.jdbc.JdbcMappingStore;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A corpus of hostile strings and instants thrown at every public entry point that takes one, through
 * the public API only: each call must either refuse with an {@link IllegalArgumentException} naming the
 * field, before anything reaches SALTO or the database, or accept the value and keep it exactly (read
 * back from the in-memory and the PostgreSQL store, and from the objects built). Tallied into {@code
 * docs/reliability.md} "Hostile input".
 */
class HostileInputIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  private static final Instant T = Instant.parse("2026-12-01T14:00:00Z");

  /** The corpus: a name for the table, and the string. */
  private static final Map<String, String> CORPUS = new LinkedHashMap<>();

  static {
    CORPUS.put("null", null);
    CORPUS.put("empty", "");
    CORPUS.put("blank", "   ");
    CORPUS.put("padded", " room-101 ");
    CORPUS.put("newline (log forging)", "room-101\nINFO forged line");
    CORPUS.put("carriage return", "room-101\r");
    CORPUS.put("tab", "room\t101");
    CORPUS.put("NUL", "room\u0000101");
    CORPUS.put("unicode line separator", "room\u2028101");
    CORPUS.put("lone high surrogate", "room-\uD83D");
    CORPUS.put("lone low surrogate", "room-\uDE00-101");
    CORPUS.put("zero-width space", "room\u200B101");
    CORPUS.put("right-to-left override", "room-\u202E101");
    CORPUS.put("10,000 characters", "x".repeat(10_000));
    CORPUS.put("201 characters, emoji at the limit", "x".repeat(199) + "\uD83D\uDE00");
    CORPUS.put("SQL", "x'); DROP TABLE saltoks_object_lock;--");
    CORPUS.put("emoji", "room-\uD83D\uDECF\uFE0F-101");
    CORPUS.put("decomposed umlaut", "zimmer-a\u0308");
    CORPUS.put("composed umlaut", "zimmer-\u00E4");
    CORPUS.put("fullwidth digits", "room-\uFF11\uFF10\uFF11");
    CORPUS.put("Arabic", "\u063A\u0631\u0641\u0629-101");
    CORPUS.put("path and percent", "../%2e%2e/room");
  }

  /** How one call ended. */
  enum Ending { REFUSED, KEPT, CHANGED, NPE, WRONG_TYPE, SENT_BEFORE_REFUSAL }

  private final Map<String, Map<Ending, Integer>> tally = new LinkedHashMap<>();
  private final List<String> wrong = new ArrayList<>();
  private FakeSaltoKsServer fake;

  /**
   * Tries one entry point with one value: {@code call} returns what the SDK kept of the value (or
   * {@code null} when it keeps nothing to compare, such as a lookup that found nothing).
   */
  private void attempt(String entryPoint, String field, String input, String value, Function<String, String> call) {
    int before = fake.requests().size();
    Ending ending;
    String detail = "";
    try {
      String kept = call.apply(value);
      ending = kept == null || kept.equals(value) ? Ending.KEPT : Ending.CHANGED;
      detail = kept == null ? "" : " kept as " + kept;
    } catch (IllegalArgumentException e) {
      boolean sent = fake.requests().size() > before;
      ending = sent ? Ending.SENT_BEFORE_REFUSAL : Ending.REFUSED;
      if (!String.valueOf(e.getMessage()).contains(field)) {
        ending = Ending.WRONG_TYPE;
        detail = " message does not name " + field + ": " + e.getMessage();
      }
    } catch (nl.ireserve.saltoks.exception.SaltoNotFoundException e) {
      ending = Ending.KEPT; // looked up exactly as given, and not there
    } catch (NullPointerException e) {
      ending = Ending.NPE;
      detail = " " + e;
    } catch (RuntimeException e) {
      ending = Ending.WRONG_TYPE;
      detail = " " + e;
    }
    tally.computeIfAbsent(entryPoint, k -> new LinkedHashMap<>()).merge(ending, 1, Integer::sum);
    if (ending != Ending.REFUSED && ending != Ending.KEPT) {
      wrong.add(entryPoint + " " + field + " [" + input + "] → " + ending + detail);
    }
  }

  @Test
  void everyHostileString_isRefusedNamingTheField_orKeptExactly() throws Exception {
    fake = SALTO.server();
    FakeSite hotel = fake.addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    FakeIq iq = hotel.addIq("IQ", "a1b2c3d4e5f6g7h8", "1234");
    String lock = hotel.addLock("Lock Alpha", iq).id();
    SaltoKsClient client = SALTO.client();
    SiteClient site = client.site(client.sites().retrieve("NL6254340082"));
    DataSource db = LocalPostgres.get().newDatabase("hostile_input");
    MappingStore jdbc = Stores.of(db).mappings(site.site());
    MappingStore memory = MappingStore.inMemory();
    MappingService mapping = MappingService.create(site, MappingStore.inMemory());
    AccessGuards memoryGuards = AccessGuards.inMemory();
    AccessGuards jdbcGuards = Stores.of(db).guards();
    AccessService access = AccessService.builder().site(site).mappings(memory).keys(IqKeyStore.inMemory())
        .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(30).build()).build();
    Map<Tenant, String> keyOf = new java.util.IdentityHashMap<>();
    SaltoKsClient tenantClient = SALTO.client();
    Tenants tenants = Tenants.builder(key -> {
      Tenant t = new Tenant(tenantClient, site, access);
      synchronized (keyOf) {
        keyOf.put(t, key);
      }
      return t;
    }).build();
    GuestAccessService guests = access.guests(GuestGrantStore.inMemory());
    fake.clearHistory();

    for (Map.Entry<String, String> c : CORPUS.entrySet()) {
      String in = c.getKey();
      String v = c.getValue();
      attempt("Reservation.Builder.id", "id", in, v, x -> reservation(x, "room-101", "Paid").id());
      attempt("Reservation.Builder.objectId", "objectId", in, v, x -> reservation("r-1", x, "Paid").objectId());
      attempt("Reservation.Builder.status", "status", in, v, x -> reservation("r-1", "room-101", x).status());
      attempt("AccessPolicy.Builder.allowedStatuses", "status", in, v,
          x -> AccessPolicy.builder().allowedStatuses(x).build().allowedStatuses().iterator().next());
      attempt("AccessPolicy.Builder.lastOpenField", "lastOpenField", in, v,
          x -> AccessPolicy.builder().lastOpenField(x).build().lastOpenField().orElseThrow());
      attempt("AccessPolicy.Builder.statusAfterOpening", "statusAfterOpening", in, v,
          x -> AccessPolicy.builder().statusAfterOpening(x).build().statusAfterOpening().orElseThrow());
      attempt("new ObjectLockLink (objectId)", "objectId", in, v,
          x -> new ObjectLockLink(x, "Room", lock, "Lock Alpha", T).objectId());
      attempt("new ObjectLockLink (objectName)", "objectName", in, v,
          x -> new ObjectLockLink("room-1", x, lock, "Lock Alpha", T).objectName());
      attempt("MappingStore.inMemory(): link, then findByObject", "objectId", in, v, x -> roundTrip(memory, x, lock));
      attempt("JdbcMappingStore (PostgreSQL): link, then findByObject", "objectId", in, v, x -> roundTrip(jdbc, x, lock));
      attempt("JdbcMappingStore.findByObject", "objectId", in, v,
          x -> jdbc.findByObject(x).map(ObjectLockLink::objectId).orElse(null));
      attempt("JdbcMappingStore.unlink", "objectId", in, v, x -> {
        jdbc.unlink(x);
        return null;
      });
      attempt("MappingService.link (objectName)", "objectName", in, v,
          x -> mapping.relink("room-n", x, lock).objectName());
      attempt("AccessService.journal().forReservation", "reservationId", in, v, x -> {
        access.journal().forReservation(x);
        return null;
      });
      attempt("AccessGuards.inMemory().firstCheckIn", "reservationId", in, v, x -> {
        memoryGuards.firstCheckIn(site.site(), x);
        return null;
      });
      attempt("JdbcStores.guards() (PostgreSQL).journal", "reservationId", in, v, x -> {
        jdbcGuards.journal(site.site(), x);
        return null;
      });
      attempt("Locks.get", "lockId", in, v, x -> site.locks().get(x).id());
      attempt("Iqs.get", "iqId", in, v, x -> site.iqs().get(x).id());
      attempt("Sites.retrieve", "siteUid", in, v, x -> client.sites().retrieve(x).siteUid());
      attempt("IqKeyStore.inMemory().find", "iqId", in, v,
          x -> IqKeyStore.inMemory().find(x).map(IqKey::iqId).orElse(null));
      attempt("new IqKey (iqId)", "iqId", in, v, x -> new IqKey(x, "a1b2c3d4e5f6g7h8", "1234").iqId());
      attempt("Tenants.get", "tenantKey", in, v, x -> {
        Tenant t = tenants.get(x);
        synchronized (keyOf) {
          return keyOf.get(t);
        }
      });
      attempt("GuestAccessService.revoke", "reservationId", in, v, x -> {
        guests.revoke(x);
        return null;
      });
      attempt("Entries.Query.lock", "lockId", in, v, x -> Entries.Query.newestFirst().lock(x).lockId());
      attempt("SaltoCredentials.of (clientId)", "clientId", in, v, x -> SaltoCredentials.of(x, "s", "u", "p").clientId());
    }
    // two ids that a lossy store would make one: each must find only its own link
    for (MappingStore store : List.of(memory, jdbc)) {
      store.relink(new ObjectLockLink("zimmer-a\u0308", "Composed?", lock, "Lock Alpha", T));
      store.relink(new ObjectLockLink("zimmer-\u00E4", "Decomposed?", lock, "Lock Alpha", T));
      assertThat(store.findByObject("zimmer-a\u0308").orElseThrow().objectName()).isEqualTo("Composed?");
      assertThat(store.findByObject("zimmer-\u00E4").orElseThrow().objectName()).isEqualTo("Decomposed?");
    }
    // extreme instants
    for (Instant extreme : new Instant[] {Instant.MIN, Instant.MAX, Instant.EPOCH.minusSeconds(1),
        Instant.parse("+10000-01-01T00:00:00Z")}) {
      attempt("Reservation.Builder.start", "start", extreme.toString(), extreme.toString(),
          x -> Reservation.builder().id("r").objectId("room-101").status("Paid").start(Instant.parse(x))
              .end(T).paymentComplete(true).build().start().toString());
      attempt("Reservation.Builder.end", "end", extreme.toString(), extreme.toString(),
          x -> Reservation.builder().id("r").objectId("room-101").status("Paid").start(T)
              .end(Instant.parse(x)).paymentComplete(true).build().end().toString());
    }
    Reservation farFuture = Reservation.builder().id("r").objectId("room-101").status("Paid")
        .start(Instant.parse("9999-12-31T00:00:00Z")).end(Instant.parse("9999-12-31T23:59:59Z"))
        .paymentComplete(true).build();
    OpenOutcome farOut = access.open(farFuture); // window arithmetic at the edge of the range
    assertThat(farOut.status()).isEqualTo(OpenOutcome.Status.DENIED);

    int total = tally.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
    StringBuilder md = new StringBuilder("| entry point | refused naming the field | kept exactly |"
        + " changed | NPE | wrong type or message | sent before refusal |\n|---|---|---|---|---|---|---|\n");
    Map<Ending, Integer> sums = new LinkedHashMap<>();
    tally.forEach((entry, counts) -> {
      md.append("| `").append(entry).append('`');
      for (Ending e : Ending.values()) {
        int n = counts.getOrDefault(e, 0);
        sums.merge(e, n, Integer::sum);
        md.append(" | ").append(n);
      }
      md.append(" |\n");
    });
    md.append("\nInputs tried: ").append(total).append(" (").append(CORPUS.size())
        .append(" strings over every string entry point, and 4 extreme instants for each reservation time)."
            + " Refused naming the field: ").append(sums.get(Ending.REFUSED)).append("; kept exactly: ")
        .append(sums.get(Ending.KEPT)).append("; silently changed: ").append(sums.getOrDefault(Ending.CHANGED, 0))
        .append("; NullPointerException: ").append(sums.getOrDefault(Ending.NPE, 0))
        .append("; wrong exception type or message: ").append(sums.getOrDefault(Ending.WRONG_TYPE, 0))
        .append("; requests to SALTO before a refusal: ").append(sums.getOrDefault(Ending.SENT_BEFORE_REFUSAL, 0))
        .append(". Composed and decomposed \"ä\" stay two ids in both stores; a reservation at the end of"
            + " year 9999 is decided (").append(farOut.status()).append(") without an overflow.\n");
    assertThat(wrong).as("entry points that let hostile input through or failed it badly").isEmpty();
    assertThat(total).isGreaterThanOrEqualTo(300);
    String committed = DocSection.sync("hostile-input", md.toString());
    assertThat(committed).as("docs/reliability.md must carry the hostile-input table; rerun with"
        + " -Dsaltoks.updateDocs=true to update it").isEqualTo(md.toString());
  }

  private static Reservation reservation(String id, String objectId, String status) {
    return Reservation.builder().id(id).objectId(objectId).status(status).start(T).end(T.plus(Duration.ofHours(2)))
        .paymentComplete(true).build();
  }

  private static String roundTrip(MappingStore store, String objectId, String lock) {
    store.relink(new ObjectLockLink(objectId, "Room", lock, "Lock Alpha", T));
    return store.findByObject(objectId).map(ObjectLockLink::objectId).orElse("(not found)");
  }
}
