package nl.ireserve.saltoks.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.Locks;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.Otp;

/** {@link Locks} of one site over the Connect API, with the OTP guard on remote opening. */
final class DefaultLocks implements Locks {
  private static final Operation LIST = Operation.read("GET /v1.2/sites/{id}/locks (list locks)");
  private static final Operation GET =
      Operation.read("GET /v1.2/sites/{id}/locks/{lock} (read lock)");
  private static final Operation OPEN =
      Operation.command("PATCH /v1.2/sites/{id}/locks/{lock}/locking (remote open)",
          "Check the lock's entries in SALTO KS before opening again.");

  private final ClientCore core;
  private final String siteId;

  DefaultLocks(ClientCore core, String siteId) {
    this.core = core;
    this.siteId = siteId;
  }

  @Override
  public List<Lock> list() {
    ConnectApi api = core.stack().reads;
    return core.calls()
        .mapAll(LIST, core.calls().list(LIST, auth -> api.listLocks(auth, siteId)), ModelMapper::lock);
  }

  @Override
  public Lock get(String lockId) {
    String id = Checks.uuid("lockId", lockId);
    ConnectApi api = core.stack().reads;
    return core.calls()
        .mapOne(GET, core.calls().call(GET, auth -> api.getLock(auth, siteId, id)), ModelMapper::lock);
  }

  @Override
  public void open(String lockId, IqKey key) {
    String id = Checks.uuid("lockId", lockId);
    Checks.notNull("key", key);
    ConnectApi api = core.stack().commands;
    // The OTP is computed as the request is sent: after the token fetch has read SALTO's clock.
    core.otpGuard().send(key, core.serverClock(),
        () -> core.calls().call(OPEN, auth -> api.openLock(auth, siteId, id, openBody(key))));
  }

  private Map<String, Object> openBody(IqKey key) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("locked_state", "unlocked");
    body.put("otp", Otp.at(key, core.serverClock().now()));
    return body;
  }
}
