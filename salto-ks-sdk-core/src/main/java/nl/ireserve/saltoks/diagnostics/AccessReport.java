package nl.ireserve.saltoks.diagnostics;

import java.util.List;
import java.util.Optional;

/**
 * The result of a Test Access Request: one {@link CheckResult} per {@link AccessCheck}, in order.
 *
 * @param results every check's result, in {@link AccessCheck} order
 */
public record AccessReport(List<CheckResult> results) {

  /** Copies the list. */
  public AccessReport {
    results = List.copyOf(results);
  }

  /** Whether no check failed (warnings allowed): the manual's "no error message". */
  public boolean passed() {
    return results.stream().noneMatch(r -> r.status() == CheckStatus.FAIL);
  }

  /** The first failed check, if any. */
  public Optional<CheckResult> firstFailure() {
    return results.stream().filter(r -> r.status() == CheckStatus.FAIL).findFirst();
  }

  /**
   * The result of one check.
   *
   * @param check the check
   * @return its result
   */
  public CheckResult result(AccessCheck check) {
    return results.stream().filter(r -> r.check() == check).findFirst()
        .orElseThrow(() -> new IllegalStateException("no result for " + check));
  }

  /** The report as plain text, one check a line, each failure followed by its fix. */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    for (CheckResult r : results) {
      sb.append(String.format("%-8s %-30s %s%n", "[" + r.status() + "]", r.check().title(), r.evidence()));
      if (!r.fix().isEmpty() && r.status() != CheckStatus.PASS) {
        sb.append(String.format("%-8s %-30s → %s%n", "", "", r.fix()));
      }
    }
    return sb.toString();
  }
}
