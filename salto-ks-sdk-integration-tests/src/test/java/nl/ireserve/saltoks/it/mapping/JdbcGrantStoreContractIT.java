package nl.ireserve.saltoks.it.mapping;

import javax.sql.DataSource;
import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.contracts.StoreContracts;
import nl.ireserve.saltoks.it.support.Stores;
import org.junit.jupiter.api.BeforeAll;

/** The grant store contract on a real PostgreSQL server started by the suite. */
class JdbcGrantStoreContractIT extends StoreContracts.Grants {
  static DataSource ds;

  @BeforeAll
  static void database() {
    ds = Db.fresh("grant_contract");
  }

  @Override
  protected GuestAccessService.GrantStore newStore() {
    GuestAccessService.GrantStore s = Stores.of(ds).grants();
    Db.exec(ds, "DELETE FROM saltoks_guest_grant");
    return s;
  }
}
