package nl.ireserve.saltoks.diagnostics;

/** The outcome of one check. */
public enum CheckStatus {
  /** The check found nothing wrong. */
  PASS,
  /** Works, but something deserves attention. */
  WARN,
  /** Something is wrong; the fix says what to do. */
  FAIL,
  /** Not run, because an earlier blocking check failed. */
  SKIPPED
}
