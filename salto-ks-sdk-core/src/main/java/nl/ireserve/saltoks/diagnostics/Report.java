package nl.ireserve.saltoks.diagnostics;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A diagnosis: a title and its {@link Finding}s, in the order they were checked. Every report of the
 * SDK has this one type: the Test Access Request, the troubleshooter's answers to the manual's
 * problems, the mapping audit and the policy check.
 *
 * @param title what was diagnosed (for example "Problem 1: Door won't open")
 * @param findings the findings, in order
 */
public record Report(String title, List<Finding> findings) {

  /** Copies the list. */
  public Report {
    Objects.requireNonNull(title, "title");
    findings = List.copyOf(findings);
  }

  /** Whether no check failed (warnings allowed). */
  public boolean passed() {
    return findings.stream().noneMatch(Finding::failed);
  }

  /** Whether nothing failed and nothing deserves attention. */
  public boolean isClean() {
    return findings.stream()
        .noneMatch(f -> f.status() == Finding.Status.FAIL || f.status() == Finding.Status.WARN);
  }

  /** The failed findings: the causes found. */
  public List<Finding> failures() {
    return findings.stream().filter(Finding::failed).collect(Collectors.toUnmodifiableList());
  }

  /** The first failed finding, if any. */
  public Optional<Finding> firstFailure() {
    return findings.stream().filter(Finding::failed).findFirst();
  }

  /**
   * The findings of one check.
   *
   * @param check the check, as the finding names it
   * @return the findings, possibly none
   */
  public List<Finding> findings(String check) {
    return findings.stream().filter(f -> f.check().equals(check)).collect(Collectors.toUnmodifiableList());
  }

  /**
   * The one finding of a check.
   *
   * @param check the check
   * @return its finding
   * @throws IllegalArgumentException when the report has no finding, or several, for it
   */
  public Finding finding(String check) {
    List<Finding> of = findings(check);
    if (of.size() != 1) {
      throw new IllegalArgumentException(
          "check \"" + check + "\" has " + of.size() + " findings in \"" + title + "\", not one");
    }
    return of.get(0);
  }

  /**
   * The findings about one subject (an object, lock or IQ id).
   *
   * @param subject the id
   * @return the findings, possibly none
   */
  public List<Finding> about(String subject) {
    return findings.stream().filter(f -> f.subject().equals(subject))
        .collect(Collectors.toUnmodifiableList());
  }

  /**
   * The report as text: the title, then one finding a line; each finding that is not a pass is
   * followed by its fix and the manual's section.
   *
   * @return the text
   */
  public String toText() {
    StringBuilder sb = new StringBuilder(title).append('\n');
    for (Finding f : findings) {
      sb.append(String.format("  %-9s %-34s %s%n", "[" + f.status() + "]", f.check(), f.evidence()));
      if (!f.fix().isEmpty() && f.status() != Finding.Status.PASS) {
        boolean cited = f.manualReference().isEmpty() || f.fix().contains("manual");
        String ref = cited ? "" : " (manual " + f.manualReference() + ")";
        sb.append(String.format("  %-9s %-34s → %s%s%n", "", "", f.fix(), ref));
      }
    }
    return sb.toString();
  }
}
