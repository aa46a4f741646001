package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import nl.ireserve.saltoks.Entries.Confirmation;
import nl.ireserve.saltoks.Entries.Entry;
import nl.ireserve.saltoks.Entries.Query;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.testkit.FakeClock;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The entries, read from the fake as SALTO serves them (v1.1 only, newest first, continuation tokens,
 * stored late and out of order), and the look for a remote opening's entry.
 */
class EntriesIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create(FakeClock.ticking());

  FakeSite hotel;
  FakeLock alpha;
  FakeLock bravo;
  SiteClient site;
  Instant t0;

  @BeforeEach
  void arrange() {
    hotel = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    FakeIq iq = hotel.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    alpha = hotel.addLock("Lock Alpha", iq);
    bravo = hotel.addLock("Lock Bravo", iq);
    site = SALTO.site(hotel);
    t0 = SALTO.clock().instant();
  }

  @Test
  void pagingOverThreePagesAndMore_fetchesOnlyWhatIsConsumed_andHonoursTheLimit() {
    for (int i = 0; i < 250; i++) {
      hotel.addEntry(i % 2 == 0 ? alpha : bravo, "lock_opened", null, "tag", t0.minusSeconds(1000 - i));
    }
    int before = SALTO.server().requestCount(FakeRoute.LIST_ENTRIES);

    List<Entry> got = site.entries().list(Query.newestFirst().pageSize(50).limit(120));

    assertThat(got).hasSize(120);
    assertThat(got).isSortedAccordingTo((a, b) -> b.at().compareTo(a.at()));
    assertThat(got.get(0).at()).isEqualTo(t0.minusSeconds(1000 - 249));
    assertThat(SALTO.server().requestCount(FakeRoute.LIST_ENTRIES) - before).as("120 of 50 per page: 3 pages").isEqualTo(3);
    assertThat(SALTO.server().requests()).filteredOn(r -> r.route() == FakeRoute.LIST_ENTRIES)
        .allSatisfy(r -> assertThat(r.path()).contains("/v1.1/")); // whatever the client's own version

    int mid = SALTO.server().requestCount(FakeRoute.LIST_ENTRIES);
    try (Stream<Entry> lazy = site.entries().query(Query.newestFirst().pageSize(50))) {
      assertThat(lazy.findFirst()).isPresent();
    }
    assertThat(SALTO.server().requestCount(FakeRoute.LIST_ENTRIES) - mid).as("one entry needs one page").isEqualTo(1);

    assertThat(site.entries().list(Query.newestFirst().pageSize(7).limit(100_000))).as("to the end").hasSize(250);
    assertThat(site.entries().list(Query.newestFirst().lock(alpha.id()).pageSize(30).limit(1000)))
        .hasSize(125).allSatisfy(e -> assertThat(e.lockId()).isEqualTo(alpha.id()));
    List<Entry> range = site.entries().list(Query.newestFirst().between(t0.minusSeconds(1000), t0.minusSeconds(990)));
    assertThat(range).hasSize(10);
  }

  @Test
  void anUnknownCategoryOrDetail_isKept() {
    hotel.addEntry(alpha, "lock_levitated", "moon_phase", "telepathy", t0.minusSeconds(5));
    hotel.addEntry(alpha, "lock_rejected", "no_access", "tag", t0.minusSeconds(4));

    List<Entry> got = site.entries().list(Query.newestFirst().lock(alpha.id()));

    assertThat(got).extracting(Entry::category).containsExactly("lock_rejected", "lock_levitated");
    assertThat(got.get(1).detail()).isEqualTo("moon_phase");
    assertThat(got.get(1).accessBy()).isEqualTo("telepathy");
    assertThat(got.get(0).isRejection()).isTrue();
    assertThat(got.get(0).lockName()).isEqualTo("Lock Alpha");
  }

  @Test
  void aRemoteOpening_isConfirmedExactly_byTheServiceAccountsPlatformId() {
    Instant sent = SALTO.clock().instant();
    site.locks().open(alpha.id(), alpha.iq().key());

    Confirmation c = site.entries().lookForOpening(alpha.id(), sent, sent.plusSeconds(120), false);

    assertThat(c.status()).isEqualTo(Confirmation.Status.CONFIRMED);
    assertThat(c.certainty()).isEqualTo(Confirmation.Certainty.EXACT);
    assertThat(c.entry().userId()).isEqualTo(hotel.serviceUserId()).isEqualTo(site.entries().serviceUserId());
    assertThat(c.entry().lockId()).isEqualTo(alpha.id());
    assertThat(c.explain()).contains("remote opening by the service account");
  }

  @Test
  void anEntryEightySecondsLateAndOutOfOrder_isStillFound() {
    hotel.entryLag(Duration.ofSeconds(80));
    Instant sent = SALTO.clock().instant();
    site.locks().open(alpha.id(), alpha.iq().key());
    SALTO.clock().advance(Duration.ofSeconds(5));
    hotel.addEntry(alpha, "lock_opened", null, "inside_handle", SALTO.clock().instant()); // stored before it

    Instant until = sent.plusSeconds(120);
    assertThat(site.entries().lookForOpening(alpha.id(), sent, until, true).status())
        .as("not stored yet: proves nothing").isEqualTo(Confirmation.Status.LOOKING);
    SALTO.clock().advance(Duration.ofSeconds(76)); // 81 s after the opening: stored now, older than the handle's
    Confirmation c = site.entries().lookForOpening(alpha.id(), sent, until, true);

    assertThat(c.status()).isEqualTo(Confirmation.Status.CONFIRMED);
    assertThat(c.entry().at()).isBefore(c.lookAlikes().get(0).at());
    assertThat(c.lookAlikes()).extracting(Entry::accessBy).containsExactly("inside_handle");
  }

  @Test
  void aDroppedEntry_isNotSeen_onASiteKnownToLogRemoteOpenings_andUnconfirmableOnOneThatIsNot() {
    hotel.dropEntries(1);
    Instant sent = SALTO.clock().instant();
    site.locks().open(alpha.id(), alpha.iq().key());
    Instant until = sent.plusSeconds(120);
    SALTO.clock().advance(Duration.ofSeconds(121));

    assertThat(site.entries().lookForOpening(alpha.id(), sent, until, true).status())
        .isEqualTo(Confirmation.Status.NOT_SEEN);
    assertThat(site.entries().lookForOpening(alpha.id(), sent, until, false).status())
        .isEqualTo(Confirmation.Status.UNCONFIRMABLE);
  }

  @Test
  void aTagOpeningInTheWindow_isALookAlike_neverTheConfirmation() {
    hotel.logsRemoteOpenings(false);
    Instant sent = SALTO.clock().instant();
    site.locks().open(alpha.id(), alpha.iq().key());
    hotel.addEntry(alpha, "lock_opened", null, "tag", sent.plusSeconds(3));
    hotel.addEntry(alpha, "lock_opened", null, "pin_code", sent.plusSeconds(4));
    hotel.addEntry(bravo, "lock_opened", null, "tag", sent.plusSeconds(5)); // another door: not even that
    SALTO.clock().advance(Duration.ofSeconds(121));

    Confirmation c = site.entries().lookForOpening(alpha.id(), sent, sent.plusSeconds(120), true);

    assertThat(c.status()).isEqualTo(Confirmation.Status.NOT_SEEN);
    assertThat(c.entry()).isNull();
    assertThat(c.lookAlikes()).extracting(Entry::accessBy).containsExactly("pin_code", "tag");
    assertThat(c.explain()).contains("2 other opening(s)").contains("not that this command opened it");
  }

  @Test
  void badQueries_areRefusedNamingTheField() {
    assertThatThrownBy(() -> Query.newestFirst().pageSize(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pageSize");
    assertThatThrownBy(() -> Query.newestFirst().limit(100_001)).hasMessageContaining("limit");
    assertThatThrownBy(() -> Query.newestFirst().lock("Lock Alpha")).hasMessageContaining("lockId");
    assertThatThrownBy(() -> Query.newestFirst().between(t0, t0)).hasMessageContaining("from must be before to");
    assertThatThrownBy(() -> site.entries().lookForOpening(alpha.id(), t0, t0, true))
        .hasMessageContaining("until");
  }
}
