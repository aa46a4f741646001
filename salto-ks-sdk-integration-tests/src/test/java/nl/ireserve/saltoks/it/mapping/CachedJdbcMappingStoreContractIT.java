package nl.ireserve.saltoks.it.mapping;

import java.time.Duration;
import javax.sql.DataSource;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.jdbc.JdbcMappingStore;
import nl.ireserve.saltoks.testkit.StoreContracts;
import org.junit.jupiter.api.BeforeAll;

/** The contract holds with the cache in front of PostgreSQL, as hosts deploy it. */
class CachedJdbcMappingStoreContractIT extends StoreContracts.Mappings {
  static DataSource ds;

  @BeforeAll
  static void database() {
    ds = Db.fresh("mapping_cached_contract");
  }

  @Override
  protected MappingStore newStore() {
    MappingStore s = JdbcMappingStore.create(ds);
    Db.exec(ds, "DELETE FROM saltoks_object_lock");
    return MappingStore.cached(s, Duration.ofSeconds(30));
  }

  @Override
  protected MappingStore reopen(MappingStore store) {
    return MappingStore.cached(JdbcMappingStore.create(ds), Duration.ofSeconds(30));
  }
}
