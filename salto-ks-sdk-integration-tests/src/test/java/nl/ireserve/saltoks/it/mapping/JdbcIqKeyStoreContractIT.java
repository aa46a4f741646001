package nl.ireserve.saltoks.it.mapping;

import javax.sql.DataSource;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.contracts.ContractSites;
import nl.ireserve.saltoks.contracts.IqKeyStoreContract;
import nl.ireserve.saltoks.it.support.Stores;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import org.junit.jupiter.api.BeforeAll;

/** The IQ key contract on a real PostgreSQL server, encrypted. */
class JdbcIqKeyStoreContractIT extends IqKeyStoreContract {
  static DataSource ds;
  static final KeyEncryption KEY = KeyEncryption.fromBase64(KeyEncryption.generateKey());

  @BeforeAll
  static void database() {
    ds = Db.fresh("iqkey_contract");
  }

  @Override
  protected IqKeyStore newStore(Site site) {
    IqKeyStore s = Stores.of(ds).iqKeys(site, KEY);
    Db.exec(ds, "DELETE FROM saltoks_site_iq_key WHERE site_id = '" + site.id() + "'");
    Db.exec(ds, "DELETE FROM saltoks_site_iq_pending WHERE site_id = '" + site.id() + "'");
    return s;
  }

  @Override
  protected IqKeyStore reopen(IqKeyStore store) {
    return Stores.of(ds).iqKeys(ContractSites.HOTEL, KEY);
  }
}
