package nl.ireserve.saltoks.access;

/**
 * One check of a troubleshooting report: what was checked, the verdict, what was found, the fix.
 *
 * @param check what was checked, in the manual's words
 * @param verdict the verdict
 * @param result what was found
 * @param fix what to do (empty when nothing)
 */
public record Finding(String check, Verdict verdict, String result, String fix) {
  /** A check's verdict. */
  public enum Verdict {
    /** Nothing wrong here. */
    OK,
    /** This is (part of) the problem. */
    PROBLEM,
    /** Works, but deserves attention. */
    WARNING,
    /** Information, or a check outside the SDK. */
    INFO
  }
}
