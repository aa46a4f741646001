package nl.ireserve.saltoks.access;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The answer to one of the manual's problems (section 4): every check, with the fix.
 *
 * @param problem the problem asked about
 * @param findings the checks, in the manual's order
 */
public record TroubleshootingReport(Problem problem, List<Finding> findings) {

  /** The manual's problems. */
  public enum Problem {
    /** Problem 1: door won't open. */
    DOOR_WONT_OPEN("Problem 1: Door won't open"),
    /** Problem 2: no e-mail or SMS received. */
    NO_EMAIL_OR_SMS("Problem 2: No email or SMS received"),
    /** Problem 3: error during the access request test. */
    ACCESS_TEST_ERROR("Problem 3: Error during access request test"),
    /** Problem 4: wrong door opens. */
    WRONG_DOOR("Problem 4: Wrong door opens"),
    /** Problem 5: access too early or too late. */
    TOO_EARLY_OR_LATE("Problem 5: Access too early or too late");

    private final String title;

    Problem(String title) {
      this.title = title;
    }

    /** The manual's title. */
    public String title() {
      return title;
    }
  }

  /** Copies the list. */
  public TroubleshootingReport {
    findings = List.copyOf(findings);
  }

  /** The findings with verdict {@code PROBLEM}: the causes found. */
  public List<Finding> problems() {
    return findings.stream().filter(f -> f.verdict() == Finding.Verdict.PROBLEM).collect(Collectors.toList());
  }

  /** The report as text, one check a line, each problem or warning followed by its fix. */
  public String toText() {
    StringBuilder sb = new StringBuilder(problem.title()).append('\n');
    for (Finding f : findings) {
      sb.append(String.format("  %-9s %-34s %s%n", "[" + f.verdict() + "]", f.check(), f.result()));
      if (!f.fix().isEmpty() && f.verdict() != Finding.Verdict.OK) {
        sb.append(String.format("  %-9s %-34s → %s%n", "", "", f.fix()));
      }
    }
    return sb.toString();
  }
}
