package nl.ireserve.saltoks.testkit;

import nl.ireserve.saltoks.testkit.internal.FakeState;
import nl.ireserve.saltoks.testkit.internal.FakeState.LockRec;

/** A lock on the fake server. */
public final class FakeLock {
  private final FakeState state;
  final LockRec rec;
  private final FakeIq iq;

  FakeLock(FakeState state, LockRec rec, FakeIq iq) {
    this.state = state;
    this.rec = rec;
    this.iq = iq;
  }

  /** The lock's UUID. */
  public String id() {
    return rec.id;
  }

  /** The lock's name. */
  public String name() {
    synchronized (state) {
      return rec.name;
    }
  }

  /**
   * Renames the lock in SALTO.
   *
   * @param name the new name
   * @return this lock
   */
  public FakeLock rename(String name) {
    state.update(() -> rec.name = name);
    return this;
  }

  /** The IQ the lock is attached to. */
  public FakeIq iq() {
    return iq;
  }

  /**
   * Sets whether the lock is online.
   *
   * @param online the state
   * @return this lock
   */
  public FakeLock online(boolean online) {
    state.update(() -> rec.online = online);
    return this;
  }

  @Override
  public String toString() {
    return "FakeLock[" + rec.name + ", id=" + rec.id + "]";
  }
}
