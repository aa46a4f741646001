package nl.ireserve.saltoks.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The PIN-change {@code delta}, against vectors worked out by hand from salto-ks-api.md §4.4 ("ECC
 * measured a digit-wise mod-10 rule, new = old − delta"): delta digit = (old digit − new digit) mod
 * 10. Independent of the fake server's own implementation of the rule.
 */
class PinDeltaTest {
  @Test
  void handWorkedVectors() {
    // 1234 → 4711: (1−4)=−3→7, (2−7)=−5→5, (3−1)=2, (4−1)=3; check 1−7→4, 2−5→7, 3−2=1, 4−3=1
    assertThat(PinDelta.between("1234", "4711")).isEqualTo("7523");
    // 8317 → 0420: 8, (3−4)→9, (1−2)→9, 7; check 8−8=0, 3−9→4, 1−9→2, 7−7=0
    assertThat(PinDelta.between("8317", "0420")).isEqualTo("8997");
    assertThat(PinDelta.between("0000", "9999")).isEqualTo("1111");
    assertThat(PinDelta.between("9999", "0000")).isEqualTo("9999");
  }

  @Test
  void keepingThePin_isDelta0000() {
    assertThat(PinDelta.between("4711", "4711")).isEqualTo(PinDelta.KEEP).isEqualTo("0000");
  }
}
