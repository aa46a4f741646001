package nl.ireserve.saltoks.it.mapping;

import javax.sql.DataSource;
import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.contracts.AccessGuardsContract;
import nl.ireserve.saltoks.it.support.Stores;
import org.junit.jupiter.api.BeforeAll;

/** The guards' contract on a real PostgreSQL server started by the suite. */
class JdbcAccessGuardsContractIT extends AccessGuardsContract {
  static DataSource ds;

  @BeforeAll
  static void database() {
    ds = Db.fresh("guards_contract");
  }

  @Override
  protected AccessGuards newGuards() {
    AccessGuards g = Stores.of(ds).guards();
    for (String table : new String[] {"saltoks_site_state", "saltoks_lock_guard", "saltoks_open_claim",
        "saltoks_open_journal", "saltoks_check_in", "saltoks_otp_key"}) {
      Db.exec(ds, "DELETE FROM " + table);
    }
    return g;
  }
}
