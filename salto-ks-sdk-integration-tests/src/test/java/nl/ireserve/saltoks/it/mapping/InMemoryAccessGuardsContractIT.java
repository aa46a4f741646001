package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.contracts.StoreContracts;

class InMemoryAccessGuardsContractIT extends StoreContracts.Guards {
  @Override
  protected AccessGuards newGuards() {
    return AccessGuards.inMemory();
  }
}
