package nl.ireserve.saltoks.internal;

import nl.ireserve.saltoks.iq.IqKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class OtpTest {
  private static final String IQ = "3fa85f64-5717-4562-b3fc-2c963f66afa6";

  @Test
  void vector1_fromTheApiReference() {
    assertThat(Otp.compute(Instant.parse("2026-11-25T12:00:00Z"), "a1b2c3d4e5f6g7h8", "1234"))
        .isEqualTo("66076");
  }

  @Test
  void vector2_fromTheApiReference() {
    assertThat(Otp.compute(Instant.parse("2026-08-25T09:30:15Z"), "Q9x8W7v6U5t4S3r2", "0420"))
        .isEqualTo("5ace2");
  }

  @Test
  void at_usesWholeSecondsOnly() {
    IqKey key = new IqKey(IQ, "a1b2c3d4e5f6g7h8", "1234");
    assertThat(key.otpAt(Instant.parse("2026-11-25T12:00:00.999Z"))).isEqualTo("66076");
    assertThat(key.otpAt(Instant.parse("2026-11-25T12:00:01Z"))).isNotEqualTo("66076");
  }

  @Test
  void iqKey_toStringHidesSecretAndPin() {
    IqKey key = new IqKey(IQ, "a1b2c3d4e5f6g7h8", "1234");
    assertThat(key.toString()).contains(IQ).doesNotContain("a1b2c3d4e5f6g7h8").doesNotContain("1234");
  }

  @Test
  void iqKey_rejectsBadPinWithoutEchoingIt() {
    assertThatThrownBy(() -> new IqKey(IQ, "a1b2c3d4e5f6g7h8", "12345"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("pin must be exactly 4 digits")
        .hasMessageNotContaining("12345");
    assertThatThrownBy(() -> new IqKey(IQ, "a1b2c3d4e5f6g7h8", "12a4"))
        .hasMessageContaining("pin must be exactly 4 digits");
  }

  @Test
  void iqKey_rejectsSiteUidAsIqId() {
    assertThatThrownBy(() -> new IqKey("NL6254340082", "a1b2c3d4e5f6g7h8", "1234"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("iqId");
  }
}
