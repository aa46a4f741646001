package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.contracts.StoreContracts;
import nl.ireserve.saltoks.mapping.MappingStore;

class InMemoryMappingStoreContractIT extends StoreContracts.Mappings {
  @Override
  protected MappingStore newStore(Site site) {
    return MappingStore.inMemory();
  }
}
