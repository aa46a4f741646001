package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.contracts.IqKeyStoreContract;
import nl.ireserve.saltoks.mapping.IqKeyStore;

class InMemoryIqKeyStoreContractIT extends IqKeyStoreContract {
  @Override
  protected IqKeyStore newStore(Site site) {
    return IqKeyStore.inMemory();
  }
}
