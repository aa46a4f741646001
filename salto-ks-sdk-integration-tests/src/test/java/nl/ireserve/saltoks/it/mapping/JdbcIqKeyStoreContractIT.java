package nl.ireserve.saltoks.it.mapping;

import javax.sql.DataSource;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.jdbc.JdbcIqKeyStore;
import nl.ireserve.saltoks.mapping.jdbc.KeyEncryption;
import nl.ireserve.saltoks.testkit.StoreContracts;
import org.junit.jupiter.api.BeforeAll;

/** The IQ key contract on a real PostgreSQL server, encrypted. */
class JdbcIqKeyStoreContractIT extends StoreContracts.IqKeys {
  static DataSource ds;
  static final KeyEncryption KEY = KeyEncryption.fromBase64(KeyEncryption.generateKey());

  @BeforeAll
  static void database() {
    ds = Db.fresh("iqkey_contract");
  }

  @Override
  protected IqKeyStore newStore() {
    IqKeyStore s = JdbcIqKeyStore.create(ds, KEY);
    Db.exec(ds, "DELETE FROM saltoks_iq_key");
    Db.exec(ds, "DELETE FROM saltoks_iq_pending");
    return s;
  }

  @Override
  protected IqKeyStore reopen(IqKeyStore store) {
    return JdbcIqKeyStore.create(ds, KEY);
  }
}
