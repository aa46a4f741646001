package nl.ireserve.saltoks.it.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;
import javax.sql.DataSource;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.it.support.CallPath;
import nl.ireserve.saltoks.it.support.LocalPostgres;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.jdbc.JdbcStores;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Follows one reservation through the calls of {@link AccessService#open}, file by file ({@link
 * CallPath}), with the in-memory stores and with every store and guard on PostgreSQL: how many times
 * control moves to a file, and how many of those are returns to a file already left. Two measures: the
 * flow's own stages (the door opening's pipeline: at most 10 visits, at most 2 returns), and the whole path
 * with every collaborator the stages call (stores, guards, the client, the policy), which is printed with the
 * figures so that a reader sees where it goes.
 */
class OpenCallPathIT {
  /** The door opening's own files: the service and the pipeline's stages. */
  private static final Set<String> STAGES = Set.of("AccessService.java", "DoorOpening.java", "Readiness.java",
      "Claims.java", "Command.java", "CheckIn.java", "OpeningEnd.java");

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  private FakeSite hotel;
  private FakeIq iq;
  private FakeLock alpha;
  private int next;

  @BeforeEach
  void arrange() {
    hotel = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    iq = hotel.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    alpha = hotel.addLock("Room 101", iq);
  }

  @Test
  void inMemory() {
    MappingStore links = MappingStore.inMemory();
    IqKeyStore keys = IqKeyStore.inMemory();
    CallPath.Recorded<OpenOutcome> opened = follow(links, keys, AccessGuards.inMemory(), "in memory");
    assertThat(opened.result().status()).isEqualTo(OpenOutcome.Status.OPENED);
    assertThat(opened.path()).as("the whole path, stores included").hasSizeLessThanOrEqualTo(60);
  }

  @Test
  void onPostgres() {
    DataSource db = LocalPostgres.get().newDatabase("call_path");
    JdbcStores stores = Stores.of(db);
    Site site = SALTO.server().site(hotel);
    CallPath.Recorded<OpenOutcome> opened = follow(stores.mappings(site),
        stores.iqKeys(site, KeyEncryption.fromBase64(KeyEncryption.generateKey())), stores.guards(), "PostgreSQL");
    assertThat(opened.result().status()).isEqualTo(OpenOutcome.Status.OPENED);
    assertThat(opened.path()).as("the whole path, stores included").hasSizeLessThanOrEqualTo(90);
  }

  private CallPath.Recorded<OpenOutcome> follow(MappingStore links, IqKeyStore keys, AccessGuards guards,
      String label) {
    links.link(new ObjectLockLink("room-101", "Room 101", alpha.id(), "Room 101", Instant.EPOCH));
    keys.save(iq.key());
    try (SaltoKsClient client = SALTO.server().newClient();
        AccessService access = AccessService.builder().site(client.site(SALTO.server().site(hotel)))
            .mappings(links).keys(keys).guards(guards)
            .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(30).build()).build()) {
      access.open(reservation()); // warm: signed in, SALTO's time known, caches filled
      Reservation second = reservation();
      CallPath.Recorded<OpenOutcome> recorded = CallPath.record(() -> access.open(second));
      CallPath.Recorded<OpenOutcome> flow = recorded.through(STAGES);
      System.out.printf("open, %s: the pipeline %d visits to %d files, %d returns (%s); with its collaborators"
              + " %d visits to %d files, %d returns:%n  %s%n", label, flow.path().size(), flow.files(),
          flow.returns(), String.join(" -> ", flow.path()), recorded.path().size(), recorded.files(),
          recorded.returns(), String.join(" -> ", recorded.path()));
      assertThat(flow.path()).startsWith("AccessService.java", "DoorOpening.java", "Readiness.java")
          .endsWith("Claims.java", "Command.java", "CheckIn.java", "OpeningEnd.java");
      assertThat(flow.path()).as("the pipeline's visits").hasSizeLessThanOrEqualTo(10);
      assertThat(flow.returns()).as("the pipeline's returns to a file already left").isLessThanOrEqualTo(2);
      return recorded;
    }
  }

  private Reservation reservation() {
    Instant now = Instant.now();
    return Reservation.builder().id("r-" + next++).objectId("room-101").status("Paid")
        .start(now.minus(Duration.ofMinutes(5))).end(now.plus(Duration.ofHours(2))).paymentComplete(true).build();
  }
}
