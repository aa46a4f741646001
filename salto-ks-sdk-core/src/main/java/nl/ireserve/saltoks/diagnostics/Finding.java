package nl.ireserve.saltoks.diagnostics;

import java.util.Objects;

/**
 * One finding of a diagnosis: what was checked, its status, what was found, what to do, and where the
 * SALTO KS integration manual covers it. The one model of every report the SDK makes: the Test
 * Access Request ({@link AccessRequestCheck}), the troubleshooter, the mapping audit and the policy check.
 *
 * @param check what was checked, in the manual's words (for example "Sign-in (access token)")
 * @param status the outcome
 * @param evidence what was found; never a secret
 * @param fix what to do; empty when nothing
 * @param manualReference where the integration manual covers it (for example "1.7" or "problem 4");
 *     empty when it does not
 * @param subject the object, lock or IQ id the finding is about; empty when it is about the whole
 */
public record Finding(
    String check, Status status, String evidence, String fix, String manualReference, String subject) {

  /** The outcome of a check. */
  public enum Status {
    /** Nothing wrong here. */
    PASS,
    /** Works, but deserves attention. */
    WARN,
    /** This is (part of) the problem. */
    FAIL,
    /** Not checked, because an earlier check it depends on failed. */
    SKIPPED,
    /** Information, or a check outside the SDK. */
    INFO
  }

  /** Requires every field (use empty strings for none). */
  public Finding {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(manualReference, "manualReference");
    Objects.requireNonNull(subject, "subject");
  }

  /**
   * A finding about the whole, with no subject.
   *
   * @param check what was checked
   * @param status the outcome
   * @param evidence what was found
   * @param fix what to do, or empty
   * @param manualReference where the manual covers it, or empty
   * @return the finding
   */
  public static Finding of(
      String check, Status status, String evidence, String fix, String manualReference) {
    return new Finding(check, status, evidence, fix, manualReference, "");
  }

  /**
   * This finding about a subject (an object, lock or IQ id).
   *
   * @param subject the id
   * @return a new finding
   */
  public Finding about(String subject) {
    return new Finding(check, status, evidence, fix, manualReference, subject);
  }

  /** Whether this finding is a failure. */
  public boolean failed() {
    return status == Status.FAIL;
  }
}
