package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.contracts.StoreContracts;

class InMemoryGrantStoreContractIT extends StoreContracts.Grants {
  @Override
  protected GuestAccessService.GrantStore newStore() {
    return GuestAccessService.GrantStore.inMemory();
  }
}
