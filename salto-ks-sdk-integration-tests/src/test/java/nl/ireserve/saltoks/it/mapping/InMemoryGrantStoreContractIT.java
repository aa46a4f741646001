package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.access.GuestAccessService;
import nl.ireserve.saltoks.testkit.StoreContracts;

class InMemoryGrantStoreContractIT extends StoreContracts.Grants {
  @Override
  protected GuestAccessService.GrantStore newStore() {
    return GuestAccessService.GrantStore.inMemory();
  }
}
