package nl.ireserve.saltoks.internal;

import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.Iq.DataSyncState;
import nl.ireserve.saltoks.Iq;
import nl.ireserve.saltoks.Iq.IqState;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.Lock.LockIq;
import nl.ireserve.saltoks.Lock.LockedState;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.Site;

/** Turns the Connect API's {@link Dto} records into the public model; unknown enum values are kept. */
final class ModelMapper {
  private ModelMapper() {}

  static Site site(Dto.Site d, SaltoEnvironment environment) {
    return new Site(
        environment.name(),
        environment.apiUrl().toString(),
        text(d.siteUid()),
        d.id(),
        text(d.customerReference()),
        d.timeZone() == null || d.timeZone().isBlank() ? null : d.timeZone());
  }

  static Lock lock(Dto.Lock d) {
    Dto.LockIq iq = d.iq();
    LockIq lockIq = iq == null ? null
        : new LockIq(iq.id(), text(iq.customerReference()), bool(iq.isOnline()), bool(iq.otpEnabled()));
    Lock.Health health = new Lock.Health(Lock.Battery.fromWire(d.batteryLevel()), bool(d.privacyMode()),
        bool(d.leftOpenAlarm()), bool(d.intrusionAlarm()), Lock.IqLink.fromWire(d.iqLinkState()),
        d.offlineAccessKeysCount(), d.offlineAccessKeysLimit());
    return new Lock(d.id(), text(d.customerReference()), bool(d.online()),
        LockedState.fromWire(d.lockedState()), lockIq, Lock.Type.fromWire(d.lockType()), health);
  }

  static Iq iq(Dto.Iq d) {
    return new Iq(d.id(), text(d.customerReference()), bool(d.online()), IqState.fromWire(d.state()),
        bool(d.otpEnabled()), DataSyncState.fromWire(d.dataSyncState()));
  }

  private static String text(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static boolean bool(@Nullable Boolean b) {
    return b != null && b;
  }
}
