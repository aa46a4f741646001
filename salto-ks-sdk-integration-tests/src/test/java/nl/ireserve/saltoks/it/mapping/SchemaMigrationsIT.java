package nl.ireserve.saltoks.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import nl.ireserve.saltoks.exception.StoreException;
import nl.ireserve.saltoks.jdbc.JdbcStores;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * The schema as SQL a host can own: Flyway and the SDK's own runner make the same schema from the migrations in
 * {@code db/saltoks/migration}; a database whose tables the SDK's earlier runtime DDL created upgrades either way
 * without losing a row; without the opt-in the SDK changes nothing and names what to run.
 */
class SchemaMigrationsIT {
  /** Every saltoks table of a database, with its columns, constraints and indexes: what "the same schema" means. */
  private static Map<String, List<List<String>>> schemaOf(DataSource ds) {
    Map<String, List<List<String>>> out = new TreeMap<>();
    out.put("columns", Db.rows(ds, "SELECT table_name, ordinal_position, column_name, data_type,"
        + " character_maximum_length, is_nullable, column_default FROM information_schema.columns"
        + " WHERE table_schema = current_schema() AND table_name LIKE 'saltoks%' AND table_name <> '"
        + JdbcStores.FLYWAY_TABLE + "' ORDER BY table_name, ordinal_position"));
    out.put("constraints", Db.rows(ds, "SELECT c.conrelid::regclass::text, c.conname, c.contype,"
        + " pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace"
        + " WHERE n.nspname = current_schema() AND c.conrelid::regclass::text LIKE 'saltoks%'"
        + " AND c.conrelid::regclass::text <> '" + JdbcStores.FLYWAY_TABLE + "' ORDER BY 1, 2"));
    out.put("indexes", Db.rows(ds, "SELECT tablename, indexname, indexdef FROM pg_indexes"
        + " WHERE schemaname = current_schema() AND tablename LIKE 'saltoks%' AND tablename <> '"
        + JdbcStores.FLYWAY_TABLE + "' ORDER BY 1, 2"));
    out.put("versions", Db.rows(ds, "SELECT component, version FROM saltoks_schema ORDER BY component"));
    return out;
  }

  private static Flyway flyway(DataSource ds, boolean existingDatabase) {
    var config = Flyway.configure().dataSource(ds).locations("classpath:" + JdbcStores.FLYWAY_LOCATION)
        .table(JdbcStores.FLYWAY_TABLE);
    if (existingDatabase) {
      config = config.baselineOnMigrate(true).baselineVersion("0"); // V1 is idempotent: it runs, and upgrades
    }
    return config.load();
  }

  private static String resource(String path) throws IOException {
    try (InputStream in = SchemaMigrationsIT.class.getClassLoader().getResourceAsStream(path)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Map<String, List<List<String>>> rowsOfEveryTable(DataSource ds) {
    Map<String, List<List<String>>> out = new TreeMap<>();
    for (List<String> t : Db.rows(ds, "SELECT table_name FROM information_schema.tables WHERE table_schema ="
        + " current_schema() AND table_name LIKE 'saltoks%' AND table_name NOT IN ('saltoks_schema', '"
        + JdbcStores.FLYWAY_TABLE + "')")) {
      out.put(t.get(0), Db.rows(ds, "SELECT * FROM " + t.get(0) + " ORDER BY 1, 2"));
    }
    return out;
  }

  @Test
  void flywayAndTheSdk_makeTheSameSchema_andEachReadsTheOthers() {
    DataSource byFlyway = Db.fresh("schema_by_flyway");
    DataSource bySdk = Db.fresh("schema_by_sdk");

    assertThat(flyway(byFlyway, false).migrate().migrationsExecuted).isEqualTo(1);
    JdbcStores.builder(bySdk).migrateSchema(true).build();

    assertThat(schemaOf(byFlyway)).isEqualTo(schemaOf(bySdk));
    assertThat(schemaOf(bySdk).get("columns")).hasSizeGreaterThan(60);
    // the SDK checks Flyway's work and uses it; Flyway finds nothing to do after itself
    JdbcStores.create(byFlyway).guards().state(nl.ireserve.saltoks.contracts.ContractSites.HOTEL);
    assertThat(flyway(byFlyway, false).migrate().migrationsExecuted).isZero();
    // the SDK's runner is idempotent: a second start changes nothing
    JdbcStores.builder(bySdk).migrateSchema(true).build();
    assertThat(schemaOf(bySdk)).isEqualTo(schemaOf(byFlyway));
  }

  @Test
  void aDatabaseOfTheRuntimeDdl_withARowInEveryTable_upgradesEitherWay_keepingEveryRow() throws IOException {
    DataSource fresh = Db.fresh("schema_reference");
    JdbcStores.builder(fresh).migrateSchema(true).build();
    Map<String, List<List<String>>> reference = schemaOf(fresh);
    for (boolean withFlyway : new boolean[] {false, true}) {
      DataSource old = Db.fresh("schema_runtime_ddl_" + withFlyway);
      Db.exec(old, resource("schema/runtime-ddl-before-migrations.sql"));
      Map<String, List<List<String>>> rowsBefore = rowsOfEveryTable(old);
      assertThat(rowsBefore.values()).as("a row in every table").allSatisfy(rows -> assertThat(rows).isNotEmpty());
      assertThat(rowsBefore).hasSize(11);
      assertThatThrownBy(() -> JdbcStores.create(old)).as("without the 'sql' version: not yet migrated")
          .isInstanceOf(StoreException.class).hasMessageContaining("missing");

      if (withFlyway) {
        flyway(old, true).migrate();
      } else {
        JdbcStores.builder(old).migrateSchema(true).build();
      }

      assertThat(schemaOf(old)).as(withFlyway ? "by Flyway" : "by the SDK").isEqualTo(reference);
      assertThat(rowsOfEveryTable(old)).isEqualTo(rowsBefore);
      JdbcStores.create(old); // the check passes now
    }
  }

  @Test
  void withoutTheOptIn_nothingIsCreated_andTheErrorNamesWhatToRun() {
    DataSource empty = Db.fresh("schema_absent");

    assertThatThrownBy(() -> JdbcStores.create(empty)).isInstanceOf(StoreException.class)
        .hasMessageContaining("tables are missing").hasMessageContaining("classpath:db/saltoks/migration")
        .hasMessageContaining("table=saltoks_flyway_history").hasMessageContaining("migrateSchema(true)");
    assertThat(Db.rows(empty, "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()"
        + " AND table_name LIKE 'saltoks%'")).containsExactly(List.of("0"));
  }

  @Test
  void aDatabaseOfANewerSdk_isRefusedByAnOlderOne_eitherWay_andNotChanged() {
    DataSource newer = Db.fresh("schema_newer");
    JdbcStores.builder(newer).migrateSchema(true).build();
    Db.exec(newer, "UPDATE saltoks_schema SET version = 2 WHERE component = 'sql'");

    assertThatThrownBy(() -> JdbcStores.create(newer)).isInstanceOf(StoreException.class)
        .hasMessageContaining("version 2, newer than this SDK knows (1)").hasMessageContaining("Upgrade this one");
    assertThatThrownBy(() -> JdbcStores.builder(newer).migrateSchema(true).build())
        .isInstanceOf(StoreException.class).hasMessageContaining("newer than this SDK knows");
    assertThat(Db.rows(newer, "SELECT version FROM saltoks_schema WHERE component = 'sql'"))
        .containsExactly(List.of("2"));
  }
}
