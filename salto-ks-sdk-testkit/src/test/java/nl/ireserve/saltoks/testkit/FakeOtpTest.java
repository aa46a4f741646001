package nl.ireserve.saltoks.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The fake applies a PIN-change {@code delta} as salto-ks-api.md §4.4 states it, new = old − delta
 * digit by digit (mod 10), checked against the same hand-worked vectors as the SDK's side, so the
 * SDK is never only tested against its own copy of the rule.
 */
class FakeOtpTest {
  @Test
  void applyDelta_handWorkedVectors() {
    assertThat(FakeOtp.applyDelta("1234", "7523")).isEqualTo("4711");
    assertThat(FakeOtp.applyDelta("8317", "8997")).isEqualTo("0420");
    assertThat(FakeOtp.applyDelta("0000", "1111")).isEqualTo("9999");
    assertThat(FakeOtp.applyDelta("9999", "9999")).isEqualTo("0000");
    assertThat(FakeOtp.applyDelta("4711", "0000")).isEqualTo("4711");
  }
}
