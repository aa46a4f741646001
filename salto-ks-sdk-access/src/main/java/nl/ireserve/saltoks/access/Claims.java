package nl.ireserve.saltoks.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.iq.IqKey;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second stage of the door opening: the reservation's claim on its lock (throttle, duplicate) and the
 * IQ key's turn to send a one-time password, in the guards every instance shares. It ends the attempt, or
 * hands it to the {@link Command}, saying whether this is the key's first OTP.
 */
final class Claims {
  private static final Logger LOG = LoggerFactory.getLogger(Claims.class);
  /** How long a claim in progress holds when its holder vanishes. */
  static final Duration IN_PROGRESS_LEASE = Duration.ofMinutes(2);
  /** How long a key's OTP turn holds when its holder vanishes. */
  static final Duration OTP_LEASE = Duration.ofMinutes(1);

  private final Site site;
  private final AccessGuards guards;
  private final AccessGuards.ClaimRules rules;
  private final StoreCalls calls;
  private final Clock clock;
  private final Duration otpWait;
  private final Command next;
  private final OpeningEnd end;

  Claims(Site site, AccessGuards guards, AccessGuards.ClaimRules rules, StoreCalls calls, Clock clock,
      Duration otpWait, Command next, OpeningEnd end) {
    this.site = site;
    this.guards = guards;
    this.rules = rules;
    this.calls = calls;
    this.clock = clock;
    this.otpWait = otpWait;
    this.next = next;
    this.end = end;
  }

  /**
   * What the claim decided: the attempt ends here ({@code ending}), or it goes on, and then {@code firstOtp}
   * says whether this is the first OTP of a key whose validity is not known yet.
   */
  private record Claimed(@Nullable Ending ending, boolean firstOtp) {}

  /** A digest that names an IQ key in the guards without revealing it (the key itself is never stored). */
  static String digest(IqKey key) {
    return Digests.sha256Hex(key.iqId(), key.secret(), key.pin());
  }

  /**
   * Claims the lock for the attempt and waits for the key's OTP turn; then hands the attempt to the
   * command, or ends it.
   *
   * @param r the reservation
   * @param p what was decided (granted), with its link and key
   * @param attempt the attempt, in progress, with its lock
   * @return the outcome
   */
  OpenOutcome claim(Reservation r, Prepared p, AccessGuards.Attempt attempt) {
    Claimed claimed = claimed(p, attempt);
    return claimed.ending() != null ? end.finish(r, p, claimed.ending(), attempt)
        : next.send(r, p, attempt, claimed.firstOtp());
  }

  private Claimed claimed(Prepared p, AccessGuards.Attempt attempt) {
    IqKey key = p.key();
    String digest = digest(key);
    AccessGuards.Claim claim;
    AccessGuards.OtpTurn turn;
    try {
      // the claim and the key's first OTP turn in one call: one trip to the guards' thread, not two
      Started started = calls.call("the access guards", guards, () -> {
        AccessGuards.Claim c = guards.claim(site, attempt, rules);
        return new Started(c, c.result() == AccessGuards.Claim.Result.CLAIMED
            ? guards.otpTurn(site, key.iqId(), digest, clock.instant(), OTP_LEASE) : null);
      }, late -> releaseLate(late, attempt, key.iqId(), digest));
      claim = started.claim();
      turn = started.turn();
    } catch (StoreCalls.Failed e) {
      return stop(Ending.unsent(OpenOutcome.Status.DENIED, List.of(e.reason), null, false));
    }
    if (claim.result() == AccessGuards.Claim.Result.THROTTLED) {
      return stop(Ending.unsent(OpenOutcome.Status.DENIED, List.of(new DenialReason(DenialReason.Code.THROTTLED,
          "lock " + p.lockName() + " was opened too often in the last minute",
          "Wait a minute; a flood of openings of one door is refused locally.", null)), null, false));
    }
    if (claim.result() == AccessGuards.Claim.Result.DUPLICATE) {
      return stop(duplicate(p, claim.earlier(), attempt));
    }
    return awaitOtpTurn(p, digest, turn);
  }

  private static Claimed stop(Ending ending) {
    return new Claimed(ending, false);
  }

  /** A second attempt while the first holds the claim: says truthfully what the first one did. */
  private static Ending duplicate(Prepared p, AccessGuards.@Nullable Attempt earlier, AccessGuards.Attempt attempt) {
    OpenOutcome.Status was = earlier == null ? OpenOutcome.Status.IN_PROGRESS : earlier.status();
    Instant at = earlier == null ? attempt.startedAt()
        : earlier.sentAt() != null ? earlier.sentAt() : earlier.startedAt();
    if (was == OpenOutcome.Status.OPENED || was == OpenOutcome.Status.OPENED_RECORDING_FAILED) {
      return Ending.unsent(OpenOutcome.Status.ALREADY_OPENED, List.of(),
          "the door was opened for this reservation at " + at + "; no second command was sent", false);
    }
    if (was == OpenOutcome.Status.UNKNOWN) {
      return Ending.unsent(OpenOutcome.Status.UNKNOWN, List.of(), "an opening sent at " + at + " got no answer,"
          + " so the door may have opened; nothing was sent again. Ask the guest or check the door (SALTO KS's"
          + " entries of lock " + p.lockName() + "); a new attempt is possible after the duplicate window", false);
    }
    return Ending.unsent(OpenOutcome.Status.IN_PROGRESS, List.of(), "another attempt for this reservation"
        + " started at " + at + " and is being sent now; nothing was sent. Its outcome follows in the journal",
        false);
  }

  /** The claim, and the key's OTP turn when claimed. */
  private record Started(AccessGuards.Claim claim, AccessGuards.@Nullable OtpTurn turn) {}

  /** Waits for this key's OTP turn, starting from the one the claim got. */
  private Claimed awaitOtpTurn(Prepared p, String digest, AccessGuards.OtpTurn first) {
    long deadline = System.nanoTime() + otpWait.toNanos();
    long pause = 10;
    AccessGuards.OtpTurn turn = first;
    while (true) {
      switch (turn) {
        case FIRST:
          return new Claimed(null, true);
        case GO:
          return new Claimed(null, false);
        case REFUSED:
          return otpStop(otpRefused(p.lockName()));
        default:
          break;
      }
      if (System.nanoTime() + pause * 1_000_000 > deadline) {
        return otpStop(new DenialReason(DenialReason.Code.OTP_PENDING, "another opening is checking whether the"
            + " key of the IQ of lock " + p.lockName() + " is still valid", "Try again in a moment; only one"
            + " one-time password at a time may test a key, so that a stale key is not blocked by SALTO.",
            null));
      }
      try {
        Thread.sleep(pause);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return otpStop(new DenialReason(DenialReason.Code.OTP_PENDING, "interrupted while another opening"
            + " checked the IQ key", "Try again.", null));
      }
      pause = Math.min(100, pause * 2);
      try {
        turn = calls.call("the access guards", guards,
            () -> guards.otpTurn(site, p.key().iqId(), digest, clock.instant(), OTP_LEASE));
      } catch (StoreCalls.Failed e) {
        return otpStop(e.reason);
      }
    }
  }

  /** Claimed, but no OTP may go: the attempt fails, and its claim is settled. */
  private static Claimed otpStop(DenialReason reason) {
    return stop(Ending.unsent(OpenOutcome.Status.FAILED, List.of(reason), null, true));
  }

  static DenialReason otpRefused(@Nullable String lockName) {
    return new DenialReason(DenialReason.Code.OTP_REFUSED, "SALTO refused the one-time password for lock "
        + lockName + " (or one from the same IQ key before)",
        "Verify the IQ key (IqSetup.verify) or re-activate the IQ and store its new key (manual 1.4).", null);
  }

  /**
   * A claim (and OTP turn) that committed after its caller gave up waiting: released, as nothing was
   * sent.
   */
  private void releaseLate(Started late, AccessGuards.Attempt attempt, String iqId, String digest) {
    if (late.turn() == AccessGuards.OtpTurn.FIRST) {
      try {
        guards.otpAnswered(site, iqId, digest, null);
      } catch (RuntimeException e) {
        LOG.warn("A late OTP turn could not be released; it expires after {}", OTP_LEASE);
      }
    }
    if (late.claim().result() == AccessGuards.Claim.Result.CLAIMED) {
      try {
        guards.settle(site, new AccessGuards.Attempt(attempt.id(), attempt.reservationId(),
            attempt.objectId(), attempt.lockId(), OpenOutcome.Status.DENIED,
            List.of(DenialReason.Code.STORE_UNAVAILABLE), attempt.startedAt(), null, clock.instant()));
      } catch (RuntimeException e) {
        LOG.warn("A late claim could not be released; it expires after {}", IN_PROGRESS_LEASE);
      }
    }
  }
}
