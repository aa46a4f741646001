package nl.ireserve.saltoks.internal;

/**
 * The {@code delta} of SALTO's IQ PIN change, in one replaceable place. SALTO does not document it;
 * a field measurement found, digit by digit, {@code new = old − delta (mod 10)}, so {@code delta =
 * (old − new) mod 10} per digit. Another client uses {@code (new − old) mod 10000}; it is not
 * implemented here because it was not measured.
 */
public final class PinDelta {
  private PinDelta() {}

  /** The delta that turns {@code current} into {@code next}. Both are 4 digits. */
  public static String between(String current, String next) {
    char[] out = new char[4];
    for (int i = 0; i < 4; i++) {
      int c = current.charAt(i) - '0';
      int n = next.charAt(i) - '0';
      out[i] = (char) ('0' + Math.floorMod(c - n, 10));
    }
    return new String(out);
  }

  /** The delta that keeps the PIN. */
  public static final String KEEP = "0000";
}
