package nl.ireserve.saltoks.it.mapping;

import javax.sql.DataSource;
import nl.ireserve.saltoks.access.GuestGrantStore;
import nl.ireserve.saltoks.contracts.GuestGrantStoreContract;
import nl.ireserve.saltoks.it.support.Stores;
import org.junit.jupiter.api.BeforeAll;

/** The grant store contract on a real PostgreSQL server started by the suite. */
class JdbcGrantStoreContractIT extends GuestGrantStoreContract {
  static DataSource ds;

  @BeforeAll
  static void database() {
    ds = Db.fresh("grant_contract");
  }

  @Override
  protected GuestGrantStore newStore() {
    GuestGrantStore s = Stores.of(ds).grants();
    Db.exec(ds, "DELETE FROM saltoks_guest_grant");
    return s;
  }
}
