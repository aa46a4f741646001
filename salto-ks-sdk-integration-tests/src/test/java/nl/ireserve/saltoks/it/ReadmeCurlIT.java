package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.DemoSite;
import org.junit.jupiter.api.Test;

/**
 * The README's curl block for the standalone fake runs as written, pasted into bash (with {@code set
 * -euo pipefail}, so any failing line fails the test): against a fake seeded as the standalone one
 * is, on a free port instead of 8089.
 */
class ReadmeCurlIT {
  @Test
  void theCurlBlock_runsAsWritten_andOpensLockAlpha() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int section = readme.indexOf("Script it from outside the JVM");
    int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
    String block = readme.substring(start, readme.indexOf("```", start));
    assertThat(section).isPositive();
    assertThat(block).contains("TOKEN=", "IQ_ID=", "/_fake/reset");

    try (FakeSaltoKsServer fake = FakeSaltoKsServer.create().start()) {
      DemoSite.seed(fake, true);
      fake.onControlReset(() -> DemoSite.seed(fake, true));
      String script = block.replace("http://127.0.0.1:8089", fake.baseUrl());
      Process p = new ProcessBuilder("bash", "-euo", "pipefail", "-c", script).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).as(out).isZero();
      assertThat(out)
          .contains("\"siteUid\":\"NL6254340082\"")          // sites, through the API with the token
          .contains("\"online\":false")                      // the state shows offline Lock Charlie
          .contains("\"lockName\":\"Lock Alpha\"")           // the opening scripted with the fake's OTP
          .contains("\"name\":\"Lock Delta\"")               // the lock added by name of its IQ
          .contains("[OPEN_LOCK] HTTP 503 2 more");           // the armed faults, listed
      assertThat(fake.faults().armed()).isEmpty();           // and cleared
      assertThat(fake.site(DemoSite.SITE_UID).locks()).extracting(l -> l.name())
          .doesNotContain("Lock Delta");                     // reset: back to the demo site
    }
  }
}
