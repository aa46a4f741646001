package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.contracts.MappingStoreContract;
import nl.ireserve.saltoks.mapping.MappingStore;

class InMemoryMappingStoreContractIT extends MappingStoreContract {
  @Override
  protected MappingStore newStore(Site site) {
    return MappingStore.inMemory();
  }
}
