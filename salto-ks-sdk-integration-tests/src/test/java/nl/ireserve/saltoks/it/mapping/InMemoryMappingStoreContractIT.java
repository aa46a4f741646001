package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.testkit.StoreContracts;

class InMemoryMappingStoreContractIT extends StoreContracts.Mappings {
  @Override
  protected MappingStore newStore(Site site) {
    return MappingStore.inMemory();
  }
}
