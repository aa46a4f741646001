package nl.ireserve.saltoks.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.OpenOutcome;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.jdbc.JdbcIqKeyStore;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rotating the encryption key of stored IQ keys: a rotation that fails halfway and is resumed loses no
 * key, every key stays readable at every moment, and openings that read their key from the database
 * succeed throughout.
 */
class KeyRotationIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  static final String ROTATION_UPDATE =
      "UPDATE saltoks_site_iq_key SET secret_enc = ?, pin_enc = ?, key_fingerprint = ? WHERE";
  static final KeyEncryption OLD = KeyEncryption.fromBase64(KeyEncryption.generateKey());
  static final KeyEncryption NEW = KeyEncryption.fromBase64(KeyEncryption.generateKey());

  @Test
  void aRotationInterruptedHalfwayAndResumed_losesNoKey_whileOpeningsSucceedThroughout() throws Exception {
    DataSource ds = Db.fresh("key_rotation");
    FakeSite hotel = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    FakeIq iq = hotel.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    FakeLock alpha = hotel.addLock("Lock Alpha", iq);
    Site site = SALTO.server().site(hotel);

    // 250 keys and a pending activation under the old key: more than two batches of the rotation
    JdbcIqKeyStore before = Stores.of(ds).iqKeys(site, OLD);
    Map<String, IqKey> stored = new LinkedHashMap<>();
    stored.put(iq.id(), iq.key());
    for (int i = 0; i < 249; i++) {
      String id = UUID.randomUUID().toString();
      stored.put(id, new IqKey(id, "s" + UUID.randomUUID().toString().replace("-", ""), String.format("%04d", i)));
    }
    stored.values().forEach(before::save);
    String pendingIq = UUID.randomUUID().toString();
    before.savePending(new PendingActivation(site.id(), pendingIq, "P1e2n3d4i5n6g7x8"));

    KeyEncryption rotating = NEW.alsoReading(OLD);
    JdbcIqKeyStore keys = Stores.of(ds).iqKeys(site, rotating); // not cached: every open reads the row
    MappingStore links = MappingStore.inMemory();
    AccessService access = AccessService.builder().site(SALTO.site(hotel))
        .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(30).build())
        .mappings(links).keys(keys).maxOpensPerLockPerMinute(100_000).build();
    MappingService.create(SALTO.site(hotel), links)
        .link("room-101", "Room 101", alpha.id());

    AtomicBoolean running = new AtomicBoolean(true);
    List<OpenOutcome.Status> outcomes = new CopyOnWriteArrayList<>();
    ExecutorService opener = Executors.newSingleThreadExecutor();
    Future<?> opening = opener.submit(() -> {
      int n = 0;
      while (running.get() || n < 5) {
        outcomes.add(access.open(reservation("res-" + n++)).status());
      }
    });

    // the first run fails at its 120th re-encryption
    JdbcIqKeyStore interrupted = Stores.of(Db.intercepting(ds, ROTATION_UPDATE, nth -> {
      if (nth == 120) {
        throw new SQLException("injected failure: connection lost", "08006");
      }
    })).iqKeys(site, rotating);
    assertThatThrownBy(interrupted::reencrypt).isInstanceOf(StoreException.class);
    assertThat(Db.rows(ds, "SELECT key_fingerprint, count(*) FROM saltoks_site_iq_key GROUP BY key_fingerprint"
        + " ORDER BY count(*)")).containsExactly(List.of(NEW.fingerprint(), "119"), List.of(OLD.fingerprint(), "131"));
    stored.forEach((id, key) -> assertThat(keys.find(id)).as("halfway, under either key").contains(key));

    // resumed: the rest, and the pending activation
    assertThat(keys.reencrypt()).isEqualTo(131 + 1);
    assertThat(keys.reencrypt()).as("nothing left under the old key").isZero();
    running.set(false);
    opening.get(120, TimeUnit.SECONDS);
    opener.shutdown();

    JdbcIqKeyStore newKeyOnly = Stores.of(ds).iqKeys(site, NEW);
    stored.forEach((id, key) -> assertThat(newKeyOnly.find(id)).as("the old key can be dropped").contains(key));
    assertThat(newKeyOnly.findPending(pendingIq)).hasValueSatisfying(
        p -> assertThat(p.secret()).isEqualTo("P1e2n3d4i5n6g7x8"));
    assertThat(newKeyOnly.iqIds()).hasSize(250);
    assertThatThrownBy(() -> Stores.of(ds).iqKeys(site, OLD).find(iq.id()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining(NEW.fingerprint()) // names the key to configure
        .hasMessageNotContaining(iq.secret());
    assertThat(outcomes).isNotEmpty().containsOnly(OpenOutcome.Status.OPENED);
    assertThat(SALTO.server().openings()).hasSize(outcomes.size());
  }

  @Test
  void aKeySavedWhileTheRotationReadsIt_isNotOverwrittenByTheRotation() {
    DataSource ds = Db.fresh("key_rotation_race");
    Site site = SALTO.server().site(SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam")));
    String iq = UUID.randomUUID().toString();
    Stores.of(ds).iqKeys(site, OLD).save(new IqKey(iq, "a1b2c3d4e5f6g7h8", "1234"));
    JdbcIqKeyStore other = Stores.of(ds).iqKeys(site, NEW.alsoReading(OLD));
    IqKey reactivated = new IqKey(iq, "Q9x8W7v6U5t4S3r2", "4711");
    // the IQ is re-activated on another instance between the rotation's read and its write
    JdbcIqKeyStore rotation = Stores.of(Db.intercepting(ds, ROTATION_UPDATE, nth -> other.save(reactivated))).iqKeys(site, NEW.alsoReading(OLD));

    assertThat(rotation.reencrypt()).as("the row changed under it: left alone").isZero();
    assertThat(Stores.of(ds).iqKeys(site, NEW).find(iq)).contains(reactivated);
  }

  @Test
  void keysOfOneCustomerRotate_withoutTouchingAnotherCustomersRows() {
    DataSource ds = Db.fresh("key_rotation_per_site");
    Site hotel = SALTO.server().site(SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam")));
    Site sports = SALTO.server().site(SALTO.server().addSite("NL7000000001", "Sports", ZoneId.of("Europe/Amsterdam")));
    List<String> ids = new ArrayList<>();
    for (Site s : List.of(hotel, sports)) {
      String id = UUID.randomUUID().toString();
      ids.add(id);
      Stores.of(ds).iqKeys(s, OLD).save(new IqKey(id, "a1b2c3d4e5f6g7h8", "1234"));
    }
    assertThat(Stores.of(ds).iqKeys(hotel, NEW.alsoReading(OLD)).reencrypt()).isEqualTo(1);
    assertThat(Stores.of(ds).iqKeys(hotel, NEW).find(ids.get(0))).isPresent();
    assertThat(Stores.of(ds).iqKeys(sports, OLD).find(ids.get(1))).as("the other customer keeps its key")
        .isPresent();
  }

  private static Reservation reservation(String id) {
    Instant now = Instant.now();
    return Reservation.builder().id(id).objectId("room-101").status("Paid")
        .start(now.minus(Duration.ofMinutes(5))).end(now.plus(Duration.ofHours(2)))
        .paymentComplete(true).timeZone(ZoneId.of("Europe/Amsterdam")).build();
  }
}
