package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeOpening;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The README's "Testing with the fake SALTO server" snippet, verbatim, run (see {@link ReadmeSnippetsIT}). */
class ReadmeTestingSnippetIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  @Test
  void opensLockAlpha() {
    FakeSite site = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    FakeIq iq = site.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    FakeLock alpha = site.addLock("Lock Alpha", iq);
    SALTO.site(site).locks().open(alpha.id(), iq.key());   // SALTO.site(fake) = client().site(…)
    assertThat(SALTO.server().openings()).extracting(FakeOpening::lockName).containsExactly("Lock Alpha");
  }
}
