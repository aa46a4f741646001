package nl.ireserve.saltoks.it.mapping;

import nl.ireserve.saltoks.access.AccessGuards;
import nl.ireserve.saltoks.contracts.AccessGuardsContract;

class InMemoryAccessGuardsContractIT extends AccessGuardsContract {
  @Override
  protected AccessGuards newGuards() {
    return AccessGuards.inMemory();
  }
}
