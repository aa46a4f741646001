package nl.ireserve.saltoks.internal;

import java.util.List;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.Locks;
import nl.ireserve.saltoks.iq.IqKey;

/**
 * {@link Locks} of one site over the Connect API. A remote open is built here, in full: the OTP
 * guard's single flight (its check and its record of the answer), SALTO's time known before the
 * first OTP, the OTP from the server-corrected clock, and the command. Below it there is only Feign (and its interceptor, decoders and retry loop).
 */
final class DefaultLocks implements Locks {
  private final ClientCore core;
  private final String siteId;

  DefaultLocks(ClientCore core, String siteId) {
    this.core = core;
    this.siteId = siteId;
  }

  @Override
  public List<Lock> list() {
    ConnectApi api = core.reads();
    return Pages.all("GET …/sites/{id}/locks (list locks)", api.listLocks(siteId), api::locksPage,
            core.options().environment().apiUrl())
        .stream().map(ModelMapper::lock).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public Lock get(String lockId) {
    return ModelMapper.lock(core.reads().getLock(siteId, Checks.uuid("lockId", lockId)));
  }

  @Override
  public void open(String lockId, IqKey key) {
    String id = Checks.uuid("lockId", lockId);
    Checks.notNull("key", key);
    core.otpGuard().send(OtpGuard.Validator.LOCK, key, false, () -> {
      core.knowServerTime(() -> core.reads().getLock(siteId, id));
      core.commands().openLock(siteId, id, new Dto.Locking("unlocked", key.otpAt(core.serverClock().now())));
    });
  }
}
