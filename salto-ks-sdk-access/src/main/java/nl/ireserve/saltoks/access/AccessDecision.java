package nl.ireserve.saltoks.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a reservation may open its door now, and if not, every reason (not only the first).
 *
 * @param reservationId the reservation
 * @param at the instant decided for
 * @param opensAt the start of the access window (start minus the minutes before)
 * @param closesAt the end of the access window (end plus the grace minutes), exclusive
 * @param reasons why not; empty when granted
 */
public record AccessDecision(
    String reservationId, Instant at, Instant opensAt, Instant closesAt, List<DenialReason> reasons) {

  /** Copies the list. */
  public AccessDecision {
    reasons = List.copyOf(reasons);
  }

  /** Whether the door may open. */
  public boolean granted() {
    return reasons.isEmpty();
  }

  /**
   * Whether a reason with this code applies.
   *
   * @param code the code
   * @return whether it does
   */
  public boolean deniedFor(DenialReason.Code code) {
    return reasons.stream().anyMatch(r -> r.code() == code);
  }

  /** The codes of the reasons, in order. */
  public List<DenialReason.Code> codes() {
    return reasons.stream().map(DenialReason::code).collect(Collectors.toList());
  }

  /**
   * The reason with this code, if it applies.
   *
   * @param code the code
   * @return the reason
   */
  public Optional<DenialReason> reason(DenialReason.Code code) {
    return reasons.stream().filter(r -> r.code() == code).findFirst();
  }

  /**
   * This decision with more reasons (the flow adds mapping, key and lock reasons to the policy's).
   *
   * @param more the reasons to add
   * @return a new decision
   */
  public AccessDecision plus(List<DenialReason> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<DenialReason> all = new java.util.ArrayList<>(reasons);
    all.addAll(more);
    return new AccessDecision(reservationId, at, opensAt, closesAt, all);
  }
}
