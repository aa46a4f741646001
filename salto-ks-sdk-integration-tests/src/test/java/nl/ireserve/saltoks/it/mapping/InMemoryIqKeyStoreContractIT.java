package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.mapping.InMemoryIqKeyStore;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.testkit.IqKeyStoreContract;

class InMemoryIqKeyStoreContractIT extends IqKeyStoreContract {
  @Override
  protected IqKeyStore newStore() {
    return new InMemoryIqKeyStore();
  }
}
