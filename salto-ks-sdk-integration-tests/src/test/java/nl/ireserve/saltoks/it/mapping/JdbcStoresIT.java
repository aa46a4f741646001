package nl.ireserve.saltoks.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.mapping.StoreException;
import nl.ireserve.saltoks.mapping.jdbc.JdbcIqKeyStore;
import nl.ireserve.saltoks.mapping.jdbc.JdbcMappingStore;
import nl.ireserve.saltoks.mapping.jdbc.KeyEncryption;
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
    JdbcIqKeyStore store = JdbcIqKeyStore.create(ds, KeyEncryption.fromBase64(KeyEncryption.generateKey()));
    store.save(new IqKey(IQ, SECRET, "8317"));
    List<List<String>> rows = Db.rows(ds, "SELECT iq_id, secret_enc, pin_enc, key_fingerprint FROM saltoks_iq_key");
    assertThat(rows).hasSize(1);
    String all = String.join("|", rows.get(0));
    assertThat(all).doesNotContain(SECRET).doesNotContain("8317");
    assertThat(Db.rows(ds, "SELECT count(*) FROM saltoks_iq_key WHERE secret_enc LIKE '%" + SECRET
        + "%' OR pin_enc LIKE '%8317%'")).containsExactly(List.of("0"));
    assertThat(rows.get(0).get(1)).isNotEqualTo(rows.get(0).get(2));
  }

  @Test
  void wrongKey_failsClearly_neverGarbage() {
    DataSource ds = Db.fresh("wrong_key");
    JdbcIqKeyStore.create(ds, KeyEncryption.fromBase64(KeyEncryption.generateKey())).save(new IqKey(IQ, SECRET, "8317"));
    JdbcIqKeyStore other = JdbcIqKeyStore.create(ds, KeyEncryption.fromBase64(KeyEncryption.generateKey()));
    assertThatThrownBy(() -> other.find(IQ))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("stored under another encryption key")
        .hasMessageNotContaining(SECRET);
  }

  @Test
  void ciphertextMovedToAnotherRow_doesNotDecrypt() {
    DataSource ds = Db.fresh("moved_row");
    KeyEncryption key = KeyEncryption.fromBase64(KeyEncryption.generateKey());
    JdbcIqKeyStore store = JdbcIqKeyStore.create(ds, key);
    String iq2 = "bbbbbbbb-2222-4222-8222-222222222222";
    store.save(new IqKey(IQ, SECRET, "8317"));
    store.save(new IqKey(iq2, "Q9x8W7v6U5t4S3r2", "4711"));
    Db.exec(ds, "UPDATE saltoks_iq_key SET secret_enc = (SELECT secret_enc FROM saltoks_iq_key WHERE iq_id = '"
        + IQ + "') WHERE iq_id = '" + iq2 + "'");
    assertThatThrownBy(() -> store.find(iq2)).isInstanceOf(StoreException.class).hasMessageContaining("does not decrypt");
  }

  @Test
  void failureInjectedMidRelink_leavesTheStoreUnchanged() {
    DataSource real = Db.fresh("mid_write");
    AtomicBoolean armed = new AtomicBoolean();
    JdbcMappingStore store = JdbcMappingStore.create(Db.failing(real, armed, "UPDATE saltoks_generation"));
    ObjectLockLink alpha = new ObjectLockLink("room-101", "Room 101", ALPHA, "Lock Alpha", Instant.EPOCH);
    store.link(alpha);
    armed.set(true); // relink = UPDATE the link, then bump the generation, in one transaction; the bump fails
    assertThatThrownBy(() -> store.relink(new ObjectLockLink("room-101", "Room 101", BRAVO, "Lock Bravo", Instant.EPOCH)))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("nothing was changed");
    assertThat(store.findByObject("room-101")).contains(alpha);
    assertThat(JdbcMappingStore.create(real).all()).containsExactly(alpha);
  }

  @Test
  void failureInjectedMidSave_leavesTheOldKey() {
    DataSource real = Db.fresh("mid_save");
    AtomicBoolean armed = new AtomicBoolean();
    KeyEncryption key = KeyEncryption.fromBase64(KeyEncryption.generateKey());
    JdbcIqKeyStore store = JdbcIqKeyStore.create(Db.failingInserts(real, armed), key);
    armed.set(true);
    assertThatThrownBy(() -> store.save(new IqKey(IQ, SECRET, "8317"))).isInstanceOf(StoreException.class);
    assertThat(store.find(IQ)).isEmpty();
    assertThat(Db.rows(real, "SELECT count(*) FROM saltoks_iq_key")).containsExactly(List.of("0"));
  }

  @Test
  void schema_isCreatedOnceAndVersioned_evenWhenEightProcessesStartTogether() throws Exception {
    DataSource ds = Db.fresh("schema_race");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> starts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      // each its own DataSource instance, as separate host processes would have
      DataSource own = nl.ireserve.saltoks.it.support.LocalPostgres.get().dataSourceFor("schema_race");
      starts.add(pool.submit(() -> JdbcMappingStore.create(own)));
    }
    for (Future<?> f : starts) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    JdbcMappingStore.create(ds);
    assertThat(Db.rows(ds, "SELECT component, version FROM saltoks_schema ORDER BY component"))
        .containsExactly(List.of("generation", "2"), List.of("mapping", "1"));
    assertThat(Db.rows(ds, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'saltoks_object_lock'"))
        .containsExactly(List.of("1"));
  }

  @Test
  void aDatabaseOfTheFirstSchema_withLinksInIt_isMigrated_keepingEveryLink() {
    DataSource ds = Db.fresh("migrate_v1");
    // the schema as the first release of this SDK left it: mapping v1 and generation v1 ("links")
    Db.exec(ds, "CREATE TABLE saltoks_schema (component VARCHAR(50) PRIMARY KEY, version INTEGER NOT NULL)");
    Db.exec(ds, "CREATE TABLE saltoks_object_lock (object_id VARCHAR(200) NOT NULL PRIMARY KEY,"
        + " object_name VARCHAR(200) NOT NULL, lock_id VARCHAR(36) NOT NULL, lock_name VARCHAR(200) NOT NULL,"
        + " linked_at BIGINT NOT NULL)");
    Db.exec(ds, "CREATE INDEX saltoks_object_lock_lock ON saltoks_object_lock (lock_id)");
    Db.exec(ds, "CREATE TABLE saltoks_generation (name VARCHAR(100) NOT NULL PRIMARY KEY, value BIGINT NOT NULL)");
    Db.exec(ds, "INSERT INTO saltoks_generation VALUES ('links', 7)");
    Db.exec(ds, "INSERT INTO saltoks_schema VALUES ('mapping', 1), ('generation', 1)");
    for (int i = 0; i < 50; i++) {
      Db.exec(ds, "INSERT INTO saltoks_object_lock VALUES ('room-" + i + "', 'Room " + i + "', '" + ALPHA
          + "', 'Lock Alpha', 0)");
    }

    JdbcMappingStore store = JdbcMappingStore.create(ds);

    assertThat(store.all()).hasSize(50);
    assertThat(store.findByObject("room-7")).hasValueSatisfying(l -> assertThat(l.lockId()).isEqualTo(ALPHA));
    assertThat(Db.rows(ds, "SELECT name, value FROM saltoks_generation")).containsExactly(List.of("stores", "7"));
    assertThat(Db.rows(ds, "SELECT component, version FROM saltoks_schema ORDER BY component"))
        .containsExactly(List.of("generation", "2"), List.of("mapping", "1"));
    store.relink(new ObjectLockLink("room-7", "Room 7", BRAVO, "Lock Bravo", Instant.EPOCH));
    assertThat(Db.rows(ds, "SELECT value FROM saltoks_generation")).containsExactly(List.of("8"));
  }

  @Test
  void oneLockPerObject_isBackedByAConstraintInTheDatabase() {
    DataSource ds = Db.fresh("one_lock_rule");
    JdbcMappingStore.create(ds).link(new ObjectLockLink("room-101", "Room 101", ALPHA, "Lock Alpha", Instant.EPOCH));
    assertThatThrownBy(() -> Db.exec(ds, "INSERT INTO saltoks_object_lock (object_id, object_name, lock_id, lock_name,"
        + " linked_at) VALUES ('room-101', 'Room 101', '" + BRAVO + "', 'Lock Bravo', 0)"))
        .hasMessageContaining("duplicate key");
  }
}
