package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.testkit.StoreContracts;

class InMemoryIqKeyStoreContractIT extends StoreContracts.IqKeys {
  @Override
  protected IqKeyStore newStore(Site site) {
    return IqKeyStore.inMemory();
  }
}
