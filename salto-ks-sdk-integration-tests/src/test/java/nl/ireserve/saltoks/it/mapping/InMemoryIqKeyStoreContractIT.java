package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.testkit.IqKeyStoreContract;

class InMemoryIqKeyStoreContractIT extends IqKeyStoreContract {
  @Override
  protected IqKeyStore newStore() {
    return IqKeyStore.inMemory();
  }
}
