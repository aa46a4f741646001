package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.testkit.MappingStoreContract;

class InMemoryMappingStoreContractIT extends MappingStoreContract {
  @Override
  protected MappingStore newStore() {
    return MappingStore.inMemory();
  }
}
