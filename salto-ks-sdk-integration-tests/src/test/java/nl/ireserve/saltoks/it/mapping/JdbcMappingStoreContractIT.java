package nl.ireserve.saltoks.it.mapping;

import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.contracts.ContractSites;
import nl.ireserve.saltoks.contracts.MappingStoreContract;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.mapping.MappingStore;
import org.junit.jupiter.api.BeforeAll;

/** The mapping contract on a real PostgreSQL server started by the suite. */
class JdbcMappingStoreContractIT extends MappingStoreContract {
  static DataSource ds;

  @BeforeAll
  static void database() {
    ds = Db.fresh("mapping_contract");
  }

  @Override
  protected MappingStore newStore(Site site) {
    MappingStore s = Stores.of(ds).mappings(site);
    Db.exec(ds, "DELETE FROM saltoks_link WHERE site_id = '" + site.id() + "'");
    return s;
  }

  @Override
  protected MappingStore reopen(MappingStore store) {
    return Stores.of(ds).mappings(ContractSites.HOTEL);
  }
}
