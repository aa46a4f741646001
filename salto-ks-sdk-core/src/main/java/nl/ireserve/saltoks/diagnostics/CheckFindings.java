package nl.ireserve.saltoks.diagnostics;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The vocabulary of the Test Access Request's report: its checks in order with the manual's sections, a
 * finding of each, and the rest of the checks skipped after one that failed.
 */
final class CheckFindings {
  private CheckFindings() {}

  /** The checks in order, with the manual's section. */
  private record Check(String title, String manualReference) {}

  private static final List<Check> CHECKS = List.of(
      new Check(AccessRequestCheck.CREDENTIALS, "1.5, 1.6"),
      new Check(AccessRequestCheck.ENVIRONMENT_REACHABLE, "1.1, 1.7"),
      new Check(AccessRequestCheck.TOKEN, "1.5, 1.6"),
      new Check(AccessRequestCheck.SITES_READABLE, "1.5"),
      new Check(AccessRequestCheck.SITE_ID, "1.2, 1.3"),
      new Check(AccessRequestCheck.REMOTE_ACCESS, "1.5"),
      new Check(AccessRequestCheck.IQ_ACTIVATED, "1.4"),
      new Check(AccessRequestCheck.LOCKS_VISIBLE, "2.2"),
      new Check(AccessRequestCheck.CLOCK, "1.4"));

  static Report skipRest(List<Finding> out, String failed) {
    boolean after = false;
    for (Check c : CHECKS) {
      if (after) {
        out.add(Finding.of(c.title(), Finding.Status.SKIPPED, "skipped: \"" + failed + "\" failed", "",
            c.manualReference()));
      }
      after |= c.title().equals(failed);
    }
    return report(out);
  }

  static Report report(List<Finding> out) {
    return new Report("Test Access Request (manual 1.7)", out);
  }

  static Finding pass(String check, String evidence) {
    return finding(check, Finding.Status.PASS, evidence, "");
  }

  static Finding warn(String check, String evidence, String fix) {
    return finding(check, Finding.Status.WARN, evidence, fix);
  }

  static Finding fail(String check, @Nullable String evidence, String fix) {
    return finding(check, Finding.Status.FAIL, evidence == null ? "" : evidence, fix);
  }

  private static Finding finding(String check, Finding.Status status, String evidence, String fix) {
    String ref = CHECKS.stream().filter(c -> c.title().equals(check)).map(Check::manualReference)
        .findFirst().orElse("");
    return Finding.of(check, status, evidence, fix, ref);
  }
}
