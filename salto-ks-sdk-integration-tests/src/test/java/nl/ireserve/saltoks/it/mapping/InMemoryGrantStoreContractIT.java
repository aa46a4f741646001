package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.access.GuestGrantStore;
import nl.ireserve.saltoks.contracts.GuestGrantStoreContract;

class InMemoryGrantStoreContractIT extends GuestGrantStoreContract {
  @Override
  protected GuestGrantStore newStore() {
    return GuestGrantStore.inMemory();
  }
}
