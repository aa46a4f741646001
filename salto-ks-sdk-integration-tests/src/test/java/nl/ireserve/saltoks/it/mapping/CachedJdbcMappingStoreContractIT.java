package nl.ireserve.saltoks.it.mapping;

import java.time.Duration;
import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.contracts.ContractSites;
import nl.ireserve.saltoks.contracts.MappingStoreContract;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.mapping.MappingStore;
import org.junit.jupiter.api.BeforeAll;

/** The contract holds with the cache in front of PostgreSQL, as hosts deploy it. */
class CachedJdbcMappingStoreContractIT extends MappingStoreContract {
  static DataSource ds;

  @BeforeAll
  static void database() {
    ds = Db.fresh("mapping_cached_contract");
  }

  @Override
  protected MappingStore newStore(Site site) {
    MappingStore s = Stores.of(ds).mappings(site);
    Db.exec(ds, "DELETE FROM saltoks_link WHERE site_id = '" + site.id() + "'");
    return MappingStore.cached(s, Duration.ofSeconds(30));
  }

  @Override
  protected MappingStore reopen(MappingStore store) {
    return MappingStore.cached(Stores.of(ds).mappings(ContractSites.HOTEL), Duration.ofSeconds(30));
  }
}
