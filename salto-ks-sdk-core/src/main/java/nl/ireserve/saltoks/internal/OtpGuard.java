package nl.ireserve.saltoks.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import nl.ireserve.saltoks.SaltoOtpSuspendedException;
import nl.ireserve.saltoks.iq.IqKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one bad IQ key from getting remote opening blocked. After SALTO refuses an OTP computed from
 * a key ({@code otp_invalid}), every later OTP from that same key for that IQ is refused locally
 * until the key is verified again ({@link #cleared}) or a different key is used. Only a digest of the
 * key is kept, in memory.
 *
 * <p>The protocol, as each command that carries an OTP follows it: {@link #check} before sending,
 * {@link #refused} when SALTO answers {@code otp_invalid}, {@link #cleared} when the key is proven.
 */
final class OtpGuard {
  private static final Logger LOG = LoggerFactory.getLogger(OtpGuard.class);

  private record Suspension(byte[] keyDigest, Instant since) {}

  private final ConcurrentMap<String, Suspension> suspended = new ConcurrentHashMap<>();

  /** Throws when OTPs from this key are suspended. */
  void check(IqKey key) {
    Suspension s = suspended.get(key.iqId());
    if (s != null && Arrays.equals(s.keyDigest(), digest(key))) {
      throw new SaltoOtpSuspendedException(
          "No one-time password was sent for IQ "
              + key.iqId()
              + ": SALTO KS refused one from this key at "
              + s.since()
              + " (otp_invalid), and more wrong ones would block remote opening for about 20"
              + " minutes. "
              + ErrorMapper.OTP_CAUSES
              + ". Verify the key again, or re-activate the IQ and store the new key.",
          key.iqId());
    }
  }

  /** Records an {@code otp_invalid} for this key. */
  void refused(IqKey key, Instant at) {
    suspended.put(key.iqId(), new Suspension(digest(key), at));
    LOG.warn(
        "SALTO KS refused a one-time password for IQ {}; one-time passwords from this key are"
            + " suspended until it is verified again or replaced",
        key.iqId());
  }

  /** Lifts the suspension of an IQ (its key was verified or replaced). */
  void cleared(String iqId) {
    suspended.remove(iqId);
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
