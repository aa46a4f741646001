package nl.ireserve.saltoks.it.mapping;

import static nl.ireserve.saltoks.contracts.ContractSites.HOTEL;
import static nl.ireserve.saltoks.contracts.ContractSites.SPORTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.jdbc.JdbcIqKeyStore;
import nl.ireserve.saltoks.jdbc.JdbcMappingStore;
import nl.ireserve.saltoks.jdbc.JdbcStores;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import org.junit.jupiter.api.Test;

/** What only a database shows: encryption at rest, atomic writes, schema creation. */
class JdbcStoresIT {
  private static final String IQ = "aaaaaaaa-1111-4111-8111-111111111111";
  private static final String ALPHA = "11111111-1111-4111-8111-111111111111";
  private static final String BRAVO = "22222222-2222-4222-8222-222222222222";
  private static final String SECRET = "a1b2c3d4e5f6g7h8";

  @Test
  void encryptedColumns_holdNoPlainSecretOrPin_checkedWithSql() {
    DataSource ds = Db.fresh("enc_at_rest");
    JdbcIqKeyStore store = Stores.of(ds).iqKeys(HOTEL, KeyEncryption.fromBase64(KeyEncryption.generateKey()));
    store.save(new IqKey(IQ, SECRET, "8317"));
    List<List<String>> rows = Db.rows(ds, "SELECT iq_id, secret_enc, pin_enc, key_fingerprint FROM saltoks_site_iq_key");
    assertThat(rows).hasSize(1);
    String all = String.join("|", rows.get(0));
    assertThat(all).doesNotContain(SECRET).doesNotContain("8317");
    assertThat(Db.rows(ds, "SELECT count(*) FROM saltoks_site_iq_key WHERE secret_enc LIKE '%" + SECRET
        + "%' OR pin_enc LIKE '%8317%'")).containsExactly(List.of("0"));
    assertThat(rows.get(0).get(1)).isNotEqualTo(rows.get(0).get(2));
  }

  @Test
  void wrongKey_failsClearly_neverGarbage() {
    DataSource ds = Db.fresh("wrong_key");
    Stores.of(ds).iqKeys(HOTEL, KeyEncryption.fromBase64(KeyEncryption.generateKey())).save(new IqKey(IQ, SECRET, "8317"));
    JdbcIqKeyStore other = Stores.of(ds).iqKeys(HOTEL, KeyEncryption.fromBase64(KeyEncryption.generateKey()));
    assertThatThrownBy(() -> other.find(IQ))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("stored under another encryption key")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void ciphertextMovedToAnotherRow_doesNotDecrypt() {
    DataSource ds = Db.fresh("moved_row");
    KeyEncryption key = KeyEncryption.fromBase64(KeyEncryption.generateKey());
    JdbcIqKeyStore store = Stores.of(ds).iqKeys(HOTEL, key);
    String iq2 = "bbbbbbbb-2222-4222-8222-222222222222";
    store.save(new IqKey(IQ, SECRET, "8317"));
    store.save(new IqKey(iq2, "Q9x8W7v6U5t4S3r2", "4711"));
    Db.exec(ds, "UPDATE saltoks_site_iq_key SET secret_enc = (SELECT secret_enc FROM saltoks_site_iq_key WHERE iq_id = '"
        + IQ + "') WHERE iq_id = '" + iq2 + "'");
    assertThatThrownBy(() -> store.find(iq2)).isInstanceOf(StoreException.class).hasMessageContaining("does not decrypt");
  }

  @Test
  void failureInjectedMidRelink_leavesTheStoreUnchanged() {
    DataSource real = Db.fresh("mid_write");
    AtomicBoolean armed = new AtomicBoolean();
    JdbcMappingStore store = Stores.of(Db.failing(real, armed, "UPDATE saltoks_generation")).mappings(HOTEL);
    ObjectLockLink alpha = new ObjectLockLink("room-101", "Room 101", ALPHA, "Lock Alpha", Instant.EPOCH);
    store.link(alpha);
    armed.set(true); // relink = UPDATE the link, then bump the generation, in one transaction; the bump fails
    assertThatThrownBy(() -> store.relink(new ObjectLockLink("room-101", "Room 101", BRAVO, "Lock Bravo", Instant.EPOCH)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("nothing was changed");
    assertThat(store.findByObject("room-101")).contains(alpha);
    assertThat(Stores.of(real).mappings(HOTEL).all()).containsExactly(alpha);
  }

  @Test
  void failureInjectedMidSave_leavesTheOldKey() {
    DataSource real = Db.fresh("mid_save");
    AtomicBoolean armed = new AtomicBoolean();
    KeyEncryption key = KeyEncryption.fromBase64(KeyEncryption.generateKey());
    JdbcIqKeyStore store = Stores.of(Db.failingInserts(real, armed)).iqKeys(HOTEL, key);
    armed.set(true);
    assertThatThrownBy(() -> store.save(new IqKey(IQ, SECRET, "8317"))).isInstanceOf(StoreException.class);
    assertThat(store.find(IQ)).isEmpty();
    assertThat(Db.rows(real, "SELECT count(*) FROM saltoks_site_iq_key")).containsExactly(List.of("0"));
  }

  /** The versions every part of the schema is at after the SQL migrations, as {@code saltoks_schema} lists them. */
  private static final List<List<String>> NEWEST = List.of(List.of("generation", "3"), List.of("guards", "4"),
      List.of("guest_grant", "1"), List.of("iq_key", "3"), List.of("iq_pending", "2"), List.of("mapping", "2"),
      List.of("sql", "1"));

  @Test
  void schema_isCreatedOnceAndVersioned_evenWhenEightProcessesStartTogether() throws Exception {
    DataSource ds = Db.fresh("schema_race");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> starts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      // each its own DataSource instance, as separate host processes would have
      DataSource own = nl.ireserve.saltoks.it.support.LocalPostgres.get().dataSourceFor("schema_race");
      starts.add(pool.submit(() -> Stores.of(own).mappings(HOTEL)));
    }
    for (Future<?> f : starts) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    Stores.of(ds).mappings(HOTEL);
    assertThat(Db.rows(ds, "SELECT component, version FROM saltoks_schema ORDER BY component"))
        .containsExactlyElementsOf(NEWEST);
    assertThat(Db.rows(ds, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'saltoks_link'"))
        .containsExactly(List.of("1"));
  }

  @Test
  void aDatabaseOfTheFirstSchema_withLinksInIt_isMigrated_keepingEveryLink() {
    DataSource ds = Db.fresh("migrate_v1");
    // the schema as the first release of this SDK left it: mapping v1 and generation v1 ("links")
    Db.exec(ds, "CREATE TABLE saltoks_schema (component VARCHAR(50) PRIMARY KEY, version INTEGER NOT NULL)");
    createMappingV1(ds);
    Db.exec(ds, "CREATE TABLE saltoks_generation (name VARCHAR(100) NOT NULL PRIMARY KEY, value BIGINT NOT NULL)");
    Db.exec(ds, "INSERT INTO saltoks_generation VALUES ('links', 7)");
    Db.exec(ds, "INSERT INTO saltoks_schema VALUES ('mapping', 1), ('generation', 1)");

    JdbcMappingStore store = Stores.of(ds).mappings(HOTEL);

    assertThat(store.all()).hasSize(50);
    assertThat(store.findByObject("room-7")).hasValueSatisfying(l -> assertThat(l.lockId()).isEqualTo(ALPHA));
    assertThat(Db.rows(ds, "SELECT name, value FROM saltoks_generation"))
        .containsExactly(List.of("stores:acceptance:" + HOTEL.id(), "1")); // the adoption counted as a change
    assertThat(Db.rows(ds, "SELECT component, version FROM saltoks_schema ORDER BY component"))
        .containsExactlyElementsOf(NEWEST);
    store.relink(new ObjectLockLink("room-7", "Room 7", BRAVO, "Lock Bravo", Instant.EPOCH));
    assertThat(Db.rows(ds, "SELECT value FROM saltoks_generation")).containsExactly(List.of("2"));
  }

  /**
   * The schema the previous release left (mapping v1, IQ keys v1 with keys encrypted in the version-1
   * format, a pending activation, the one "stores" counter at generation v2), with data in it: the
   * first site opened adopts every link and key, they decrypt with the same key, a second site sees
   * none of them, and the old tables are gone.
   */
  @Test
  void theSchemaBeforeSites_withLinksAndKeysInIt_isMigrated_keepingEveryLinkAndKey() throws Exception {
    DataSource ds = Db.fresh("migrate_unscoped");
    byte[] raw = Base64.getDecoder().decode(KeyEncryption.generateKey());
    KeyEncryption key = KeyEncryption.of(raw);
    Db.exec(ds, "CREATE TABLE saltoks_schema (component VARCHAR(50) PRIMARY KEY, version INTEGER NOT NULL)");
    createMappingV1(ds);
    Db.exec(ds, "CREATE TABLE saltoks_generation (name VARCHAR(100) NOT NULL PRIMARY KEY, value BIGINT NOT NULL)");
    Db.exec(ds, "INSERT INTO saltoks_generation VALUES ('stores', 41)");
    Db.exec(ds, "CREATE TABLE saltoks_iq_key (iq_id VARCHAR(36) NOT NULL PRIMARY KEY, secret_enc VARCHAR(512)"
        + " NOT NULL, pin_enc VARCHAR(512) NOT NULL, key_fingerprint VARCHAR(32) NOT NULL, updated_at BIGINT NOT NULL)");
    Db.exec(ds, "CREATE TABLE saltoks_iq_pending (iq_id VARCHAR(36) NOT NULL PRIMARY KEY, site_id VARCHAR(36)"
        + " NOT NULL, secret_enc VARCHAR(512) NOT NULL, key_fingerprint VARCHAR(32) NOT NULL, created_at BIGINT NOT NULL)");
    Db.exec(ds, "INSERT INTO saltoks_schema VALUES ('mapping', 1), ('generation', 2), ('iq_key', 1), ('iq_pending', 1)");
    String iq2 = "bbbbbbbb-2222-4222-8222-222222222222";
    String pendingIq = "cccccccc-3333-4333-8333-333333333333";
    Db.exec(ds, "INSERT INTO saltoks_iq_key VALUES ('" + IQ + "', '" + v1(raw, SECRET, IQ, "secret") + "', '"
        + v1(raw, "8317", IQ, "pin") + "', '" + key.fingerprint() + "', 0), ('" + iq2 + "', '"
        + v1(raw, "Q9x8W7v6U5t4S3r2", iq2, "secret") + "', '" + v1(raw, "4711", iq2, "pin")
        + "', '" + key.fingerprint() + "', 0)");
    Db.exec(ds, "INSERT INTO saltoks_iq_pending VALUES ('" + pendingIq + "', '" + HOTEL.id() + "', '"
        + v1(raw, "P1e2n3d4i5n6g7x8", pendingIq, "pending_secret") + "', '" + key.fingerprint() + "', 0)");

    JdbcMappingStore links = Stores.of(ds).mappings(HOTEL);
    JdbcIqKeyStore keys = Stores.of(ds).iqKeys(HOTEL, key);

    assertThat(links.all()).hasSize(50).allSatisfy(l -> assertThat(l.lockId()).isEqualTo(ALPHA));
    assertThat(keys.iqIds()).containsExactly(IQ, iq2);
    assertThat(keys.find(IQ)).contains(new IqKey(IQ, SECRET, "8317"));
    assertThat(keys.find(iq2)).contains(new IqKey(iq2, "Q9x8W7v6U5t4S3r2", "4711"));
    assertThat(keys.findPending(pendingIq)).hasValueSatisfying(p -> assertThat(p.secret()).isEqualTo("P1e2n3d4i5n6g7x8"));
    assertThat(Stores.of(ds).mappings(SPORTS).all()).isEmpty(); // adopted once, by the first site
    assertThat(Stores.of(ds).iqKeys(SPORTS, key).iqIds()).isEmpty();
    assertThat(Db.rows(ds, "SELECT component, version FROM saltoks_schema ORDER BY component"))
        .containsExactlyElementsOf(NEWEST);
    assertThat(Db.rows(ds, "SELECT count(*) FROM information_schema.tables WHERE table_name IN"
        + " ('saltoks_object_lock', 'saltoks_iq_key', 'saltoks_iq_pending')")).containsExactly(List.of("0"));
    assertThat(Db.rows(ds, "SELECT count(*) FROM saltoks_generation WHERE name = 'stores'")).containsExactly(List.of("0"));
    assertThat(keys.reencrypt()).as("under the configured key already: nothing to move").isZero();
    KeyEncryption next = KeyEncryption.fromBase64(KeyEncryption.generateKey());
    assertThat(Stores.of(ds).iqKeys(HOTEL, next.alsoReading(key)).reencrypt()).isEqualTo(3);
    assertThat(Stores.of(ds).iqKeys(HOTEL, next).find(IQ)).contains(new IqKey(IQ, SECRET, "8317"));
  }

  /**
   * Someone drops the SDK's tables (a test database reset by hand, a DBA's clean-up) while the schema table
   * still says they are at their newest version: a new store on the same data source creates them again
   * instead of failing at an unrelated step.
   */
  @Test
  void tablesDroppedWhileTheSchemaRowStays_areCreatedAgainByTheNextStore() {
    DataSource ds = Db.fresh("dropped_tables");
    Stores.of(ds).mappings(HOTEL).link(new ObjectLockLink("room-101", "Room 101", ALPHA, "Lock Alpha", Instant.EPOCH));
    Stores.of(ds).guards();
    for (List<String> row : Db.rows(ds, "SELECT table_name FROM information_schema.tables WHERE table_schema ="
        + " current_schema() AND table_name LIKE 'saltoks%' AND table_name <> 'saltoks_schema'")) {
      Db.exec(ds, "DROP TABLE " + row.get(0));
    }

    JdbcMappingStore again = Stores.of(ds).mappings(HOTEL);
    again.link(new ObjectLockLink("room-102", "Room 102", BRAVO, "Lock Bravo", Instant.EPOCH));
    var guards = Stores.of(ds).guards();

    assertThat(again.findByObject("room-102")).map(ObjectLockLink::lockId).contains(BRAVO);
    assertThat(again.findByObject("room-101")).as("the dropped link is gone, as dropped").isEmpty();
    assertThat(guards.state(HOTEL).active()).as("the guards' tables answer again").isTrue();
  }

  @Test
  void theOpeningsJournal_keepsItsRetention_andNoMore() {
    DataSource ds = Db.fresh("journal_retention");
    var guards = JdbcStores.builder(ds).migrateSchema(true).journalRetention(java.time.Duration.ofDays(1)).build().guards();
    Instant t0 = Instant.parse("2026-11-01T12:00:00Z");
    for (int i = 0; i < 3; i++) {
      guards.record(HOTEL, denied("old-" + i, t0.plusSeconds(i)));
    }
    guards.record(HOTEL, denied("new", t0.plus(java.time.Duration.ofDays(2))));

    assertThat(guards.journal(HOTEL, "old-0")).as("older than the retention").isEmpty();
    assertThat(guards.journal(HOTEL, "old-2")).isEmpty();
    assertThat(guards.journal(HOTEL, "new")).hasSize(1);
    assertThatThrownBy(() -> JdbcStores.builder(ds).migrateSchema(true).journalRetention(java.time.Duration.ofHours(1)).build().guards())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("journalRetention");
  }

  private static nl.ireserve.saltoks.access.AccessGuards.Attempt denied(String reservation, Instant at) {
    return new nl.ireserve.saltoks.access.AccessGuards.Attempt(java.util.UUID.randomUUID().toString(), reservation,
        "room-101", ALPHA, nl.ireserve.saltoks.access.OpenOutcome.Status.DENIED, List.of(), at, null, at);
  }

  @Test
  void twoSitesWithTheSameObjectId_areTwoRows() {
    DataSource ds = Db.fresh("two_sites");
    Stores.of(ds).mappings(HOTEL).link(new ObjectLockLink("room-101", "Room 101", ALPHA, "Lock Alpha", Instant.EPOCH));
    Stores.of(ds).mappings(SPORTS).link(new ObjectLockLink("room-101", "Room 101", BRAVO, "Lock Bravo", Instant.EPOCH));
    assertThat(Db.rows(ds, "SELECT site_id, lock_id FROM saltoks_link ORDER BY site_id"))
        .containsExactly(List.of(HOTEL.id(), ALPHA), List.of(SPORTS.id(), BRAVO));
  }

  @Test
  void aPendingActivationOfAnotherSite_isRefused() {
    DataSource ds = Db.fresh("pending_other_site");
    JdbcIqKeyStore keys = Stores.of(ds).iqKeys(HOTEL, KeyEncryption.fromBase64(KeyEncryption.generateKey()));
    assertThatThrownBy(() -> keys.savePending(
        new PendingActivation(SPORTS.id(), IQ, SECRET)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pending.siteId")
        .hasMessageNotContaining(SECRET);
  }

  private static void createMappingV1(DataSource ds) {
    Db.exec(ds, "CREATE TABLE saltoks_object_lock (object_id VARCHAR(200) NOT NULL PRIMARY KEY,"
        + " object_name VARCHAR(200) NOT NULL, lock_id VARCHAR(36) NOT NULL, lock_name VARCHAR(200) NOT NULL,"
        + " linked_at BIGINT NOT NULL)");
    Db.exec(ds, "CREATE INDEX saltoks_object_lock_lock ON saltoks_object_lock (lock_id)");
    for (int i = 0; i < 50; i++) {
      Db.exec(ds, "INSERT INTO saltoks_object_lock VALUES ('room-" + i + "', 'Room " + i + "', '" + ALPHA
          + "', 'Lock Alpha', 0)");
    }
  }

  /** The value format of the previous release (version 1: no key named in the value), for fixtures. */
  private static String v1(byte[] rawKey, String plain, String iqId, String column) throws Exception {
    byte[] iv = new byte[12];
    new SecureRandom().nextBytes(iv);
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(rawKey, "AES"), new GCMParameterSpec(128, iv));
    c.updateAAD(("saltoks:iq_key:" + iqId + ":" + column).getBytes(StandardCharsets.UTF_8));
    byte[] ct = c.doFinal(plain.getBytes(StandardCharsets.UTF_8));
    return Base64.getEncoder().encodeToString(ByteBuffer.allocate(1 + 12 + ct.length).put((byte) 1).put(iv).put(ct).array());
  }

  @Test
  void oneLockPerObject_isBackedByAConstraintInTheDatabase() {
    DataSource ds = Db.fresh("one_lock_rule");
    Stores.of(ds).mappings(HOTEL).link(new ObjectLockLink("room-101", "Room 101", ALPHA, "Lock Alpha", Instant.EPOCH));
    assertThatThrownBy(() -> Db.exec(ds, "INSERT INTO saltoks_link (environment, site_id, object_id, object_name,"
        + " lock_id, lock_name, linked_at) VALUES ('acceptance', '" + HOTEL.id() + "', 'room-101', 'Room 101', '"
        + BRAVO + "', 'Lock Bravo', 0)"))
        .hasMessageContaining("duplicate key");
  }
}
