package nl.ireserve.saltoks.internal;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.Locks;
import nl.ireserve.saltoks.SaltoOtpBlockedException;
import nl.ireserve.saltoks.SaltoOtpInvalidException;
import nl.ireserve.saltoks.iq.IqKey;

/**
 * {@link Locks} of one site over the Connect API. A remote open is built here, in full: the OTP
 * guard's check, the OTP from the server-corrected clock, the command, and the guard's record of a
 * refusal. Below it there is only Feign (and its interceptor, decoders and retry loop).
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
    Objects.requireNonNull(key, "key");
    core.otpGuard().check(key);
    core.tokens().token(); // signed in first: the identity server's answer tells SALTO's time
    Dto.Locking body = new Dto.Locking("unlocked", key.otpAt(core.serverClock().now()));
    try {
      core.commands().openLock(siteId, id, body);
    } catch (SaltoOtpInvalidException | SaltoOtpBlockedException e) {
      core.otpGuard().refused(OtpGuard.Validator.LOCK, key, e);
      throw e;
    }
    core.otpGuard().opened(key);
  }
}
