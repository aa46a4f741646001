package nl.ireserve.saltoks.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import nl.ireserve.saltoks.exception.SaltoApiException;
import nl.ireserve.saltoks.exception.SaltoOtpBlockedException;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.exception.SaltoOtpSuspendedException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.spi.Observer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one bad IQ key from getting remote opening blocked. After SALTO refuses an OTP computed from
 * a key ({@code otp_invalid}), every later OTP from that same key for that IQ is refused locally.
 * Only a digest of the key is kept, in memory.
 *
 * <p>Two validators check OTPs, and a refusal remembers which: the cloud ({@code PUT …/pin}) and the
 * IQ at the lock ({@code PATCH …/locking}). Measured at a real door, the cloud can accept a key that
 * the lock refuses (after a PIN change with a non-zero delta), so a passing cloud check ({@link
 * #verified}) lifts only a suspension the cloud caused. A lock's refusal is lifted by a new key
 * ({@link #cleared}, after re-activation) or by the operator ({@link #retryAllowed}).
 *
 * <p>Keys whose PIN was changed with a delta are also remembered as not yet proven at a lock, until a
 * remote opening with them succeeds.
 *
 * <p><b>One OTP in flight while a key's validity is unknown.</b> Every command that carries an OTP goes
 * through {@link #send}: until a validator has accepted an OTP from a key, at most one such command is
 * in flight per key and validator; the others wait for its answer. After an acceptance they all go;
 * after a refusal none does (they fail with {@link SaltoOtpSuspendedException}); after a lost answer the
 * next waiter goes alone. Checking and acting are one step, so concurrent taps with a stale key send one
 * wrong OTP, not one each.
 */
final class OtpGuard {
  private static final Logger LOG = LoggerFactory.getLogger(OtpGuard.class);

  /** Which validator refused an OTP. */
  enum Validator {
    /** The cloud ({@code PUT …/iqs/{iq}/pin}). */
    CLOUD,
    /** The IQ at the lock ({@code PATCH …/locking}). */
    LOCK
  }

  private record Suspension(byte[] keyDigest, Instant since, Validator by) {}

  /** How long no OTP is sent for an IQ after SALTO answered {@code otp_blocked}: its ~20 min and a margin. */
  static final Duration BLOCK_PAUSE = Duration.ofMinutes(25);

  /** A key's standing with one validator; guarded by its own monitor. */
  private static final class Standing {
    boolean accepted;
    @Nullable CompletableFuture<Void> inFlight;
  }

  private final ServerClock serverClock;
  private final java.time.Clock local;
  private final Duration maxWait;
  private final nl.ireserve.saltoks.spi.Observer observer;
  private final ConcurrentMap<String, Standing> standings = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Suspension> suspended = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, Instant> blockedUntil = new ConcurrentHashMap<>();
  private final ConcurrentMap<String, byte[]> unproven = new ConcurrentHashMap<>();
  /** Keys that opened a lock through this client: proven, whatever a stored copy still says. */
  private final ConcurrentMap<String, byte[]> provenHere = new ConcurrentHashMap<>();

  /**
   * A guard for one client.
   *
   * @param serverClock the time a refusal is recorded at (SALTO's, as the OTP was computed)
   * @param local the clock the pause after {@code otp_blocked} is measured on
   * @param maxWait how long a command waits for another one's answer before it gives up, unsent
   */
  OtpGuard(ServerClock serverClock, java.time.Clock local, Duration maxWait) {
    this(serverClock, local, maxWait, nl.ireserve.saltoks.spi.Observer.NONE);
  }

  OtpGuard(ServerClock serverClock, java.time.Clock local, Duration maxWait,
      nl.ireserve.saltoks.spi.Observer observer) {
    this.serverClock = serverClock;
    this.local = local;
    this.maxWait = maxWait;
    this.observer = observer;
  }

  /**
   * Sends one command that carries an OTP made from {@code key}: the single place where the guard's
   * check, the single flight and the record of the answer meet.
   *
   * @param by the validator that will check the OTP
   * @param key the key the OTP is made from
   * @param evenIfSuspended true only for the operator's explicit cloud check ({@code IqSetup.verify})
   * @param command computes the OTP (at the server-corrected time, when it runs) and sends it
   */
  void send(Validator by, IqKey key, boolean evenIfSuspended, Runnable command) {
    Standing standing = standings.computeIfAbsent(by + ":" + key.iqId() + ":" + hex(digest(key)),
        k -> new Standing());
    boolean first = awaitTurn(by, key, evenIfSuspended, standing);
    Boolean accepted = null; // null: no answer about the OTP (a transport failure, another error)
    try {
      command.run();
      accepted = Boolean.TRUE;
      if (by == Validator.LOCK) {
        opened(key);
      }
    } catch (SaltoOtpInvalidException | SaltoOtpBlockedException e) {
      accepted = Boolean.FALSE;
      refused(by, key, e);
      throw e;
    } finally {
      synchronized (standing) {
        if (accepted != null) {
          standing.accepted = accepted;
        }
        if (first) {
          CompletableFuture<Void> done = standing.inFlight;
          standing.inFlight = null;
          if (done != null) {
            done.complete(null);
          }
        }
      }
    }
  }

  /** Waits until this command may go; true when it is the one in flight for an unproven key. */
  private boolean awaitTurn(Validator by, IqKey key, boolean evenIfSuspended, Standing standing) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      CompletableFuture<Void> other;
      synchronized (standing) {
        if (!evenIfSuspended) {
          check(key); // after a wait too: the command we waited for may have been refused
        }
        if (standing.accepted) {
          return false;
        }
        if (standing.inFlight == null) {
          standing.inFlight = new CompletableFuture<>();
          return true;
        }
        other = standing.inFlight;
      }
      long left = deadline - System.nanoTime();
      try {
        if (left <= 0) {
          throw new TimeoutException();
        }
        other.get(left, TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        throw inFlight(by, key);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw inFlight(by, key);
      } catch (ExecutionException e) {
        // never completed exceptionally; loop and look again
      }
    }
  }

  private SaltoOtpSuspendedException inFlight(Validator by, IqKey key) {
    return new SaltoOtpSuspendedException(
        "No one-time password was sent for IQ " + key.iqId() + ": another command with a one-time"
            + " password from this key is still waiting for " + (by == Validator.LOCK ? "the lock" : "SALTO")
            + " to accept it, and until one is accepted only one is sent at a time (more wrong ones would"
            + " get remote opening blocked). Try again in a moment.",
        key.iqId());
  }

  /** Throws when OTPs from this key are suspended, or the IQ's pause after a block still runs. */
  void check(IqKey key) {
    Instant until = blockedUntil.get(key.iqId());
    if (until != null && local.instant().isBefore(until)) {
      throw new SaltoOtpSuspendedException(
          "No one-time password was sent for IQ " + key.iqId() + ": SALTO KS blocked remote opening for"
              + " it (otp_blocked) after repeated wrong one-time passwords; the block clears by itself"
              + " after about 20 minutes, and this client sends none before " + until + " (tags keep"
              + " working). " + ErrorMapper.OTP_CAUSES + ".",
          key.iqId());
    }
    checkSuspension(key);
  }

  /**
   * SALTO refused an OTP made from this key: {@code otp_invalid} suspends the key, {@code
   * otp_blocked} pauses every OTP for the IQ for {@link #BLOCK_PAUSE}. The one place where a refusal
   * becomes guard state, for every command that carries an OTP.
   *
   * @param by the validator that refused it
   * @param key the key the OTP was made from
   * @param refusal {@link SaltoOtpInvalidException} or {@link SaltoOtpBlockedException}
   */
  private void refused(Validator by, IqKey key, SaltoApiException refusal) {
    if (refusal instanceof SaltoOtpBlockedException) {
      Instant until = local.instant().plus(BLOCK_PAUSE);
      blockedUntil.put(key.iqId(), until);
      LOG.warn("SALTO KS blocked remote opening for IQ {}; no one-time password is sent for it before {}",
          key.iqId(), until);
      return;
    }
    suspended.put(key.iqId(), new Suspension(digest(key), serverClock.now(), by));
    Observed.otpSuspended(observer, key.iqId());
    LOG.warn(
        "SALTO KS ({}) refused a one-time password for IQ {}; one-time passwords from this key are"
            + " suspended",
        by == Validator.LOCK ? "the lock" : "the cloud", key.iqId());
  }

  /** Throws when OTPs from this key are suspended. */
  private void checkSuspension(IqKey key) {
    Suspension s = suspended.get(key.iqId());
    if (s != null && Arrays.equals(s.keyDigest(), digest(key))) {
      String where = s.by() == Validator.LOCK
          ? "the lock (its IQ) refused one from this key at " + s.since() + " (otp_invalid). A passing"
              + " IqSetup.verify does not lift this: it proves only that the cloud accepts the key."
              + " Likely causes: the PIN was changed with a non-zero delta (the cloud then accepts the"
              + " new PIN while the IQ keeps the old one), or the service account was activated in the"
              + " KS mobile app (which rotates the secret). Re-activate the IQ keeping the e-mailed PIN"
              + " (IqSetup.activate), or, when the cause is fixed otherwise, allow one more attempt with"
              + " IqSetup.allowRetryAfterLockRefusal."
          : "SALTO KS refused one from this key at " + s.since() + " (otp_invalid). "
              + ErrorMapper.OTP_CAUSES + ". Verify the key again, or re-activate the IQ and store the"
              + " new key.";
      throw new SaltoOtpSuspendedException(
          "No one-time password was sent for IQ " + key.iqId() + ": " + where
              + " More wrong ones would block remote opening for about 20 minutes.",
          key.iqId());
    }
  }

  /** The cloud accepted this key: lifts a suspension the cloud caused, never one the lock caused. */
  void verified(IqKey key) {
    suspended.computeIfPresent(key.iqId(), (id, s) ->
        s.by() == Validator.CLOUD && Arrays.equals(s.keyDigest(), digest(key)) ? null : s);
  }

  /** The operator's explicit decision to let this key try the lock once more. */
  void retryAllowed(IqKey key) {
    suspended.computeIfPresent(key.iqId(), (id, s) ->
        Arrays.equals(s.keyDigest(), digest(key)) ? null : s);
  }

  /** A new key for the IQ (activation): nothing of the old one applies. */
  void cleared(String iqId) {
    suspended.remove(iqId);
    unproven.remove(iqId);
  }

  /** This key's PIN was changed with a delta: not yet proven at a lock. */
  void unproven(IqKey key) {
    unproven.put(key.iqId(), digest(key));
  }

  /** A remote opening with this key succeeded: proven at a lock. */
  private void opened(IqKey key) {
    byte[] d = digest(key);
    unproven.computeIfPresent(key.iqId(), (id, u) -> Arrays.equals(u, d) ? null : u);
    provenHere.put(key.iqId(), d);
  }

  /** Whether the lock refused this key and the suspension stands. */
  boolean isRefusedByLock(IqKey key) {
    Suspension s = suspended.get(key.iqId());
    return s != null && s.by() == Validator.LOCK && Arrays.equals(s.keyDigest(), digest(key));
  }

  /**
   * Whether this key was changed with a delta and has not opened a lock since: as this client saw it, or as
   * the key says (a stored key marked {@link IqKey#provenAtLock()} false, after a restart).
   */
  boolean isUnproven(IqKey key) {
    byte[] d = digest(key);
    byte[] u = unproven.get(key.iqId());
    if (u != null && Arrays.equals(u, d)) {
      return true;
    }
    byte[] p = provenHere.get(key.iqId());
    return !key.provenAtLock() && (p == null || !Arrays.equals(p, d));
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  private static byte[] digest(IqKey key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(key.secret().getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(key.pin().getBytes(StandardCharsets.UTF_8));
      return sha.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }
}
