package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.contracts.StoreContracts;
import nl.ireserve.saltoks.mapping.IqKeyStore;

class InMemoryIqKeyStoreContractIT extends StoreContracts.IqKeys {
  @Override
  protected IqKeyStore newStore(Site site) {
    return IqKeyStore.inMemory();
  }
}
