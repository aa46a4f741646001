package nl.ireserve.saltoks.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import org.junit.jupiter.api.Test;

class ManualWalkthroughTest {
  private static String run(Map<String, String> env, String... args) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int code = ManualWalkthrough.run(args, new PrintStream(bytes, true, StandardCharsets.UTF_8), env);
    return code + "\n" + bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void onTheEmbeddedFake_walksTheWholeManual_opensRoom101_andExplainsTheDenial() {
    String out = run(Map.of());
    assertThat(out).startsWith("0\n");
    assertThat(out).contains("1.3 Retrieve and save Site ID", "IQ is activated, keeping the e-mailed PIN", "1.7 Test Access Request",
        "401 → incorrect client ID/secret", "Room 101 → Lock Alpha", "Room 102 → Lock Bravo",
        "Policy check: no warnings", "→ OPENED: door Lock Alpha opened",
        "status Confirmed → 23-LOCKOPOPEN", "SALTO recorded the opening of: Lock Alpha",
        "SALTO's entries confirm it: Lock Alpha opened remotely by the service account at", "(EXACT match)",
        "→ GRANTED: PIN *****", "a minute before stays shut, at the start opens, in the last minute opens, at the end stays shut",
        "Revoked after the stay: REVOKED",
        "→ DENIED, nothing was sent to SALTO", "Problem 1: Door won't open", "too early: access opens at",
        "[SDK: client.sites().retrieve(siteUid)]", "SDK: access.troubleshooter().doorWontOpen(r)",
        "This walkthrough's source: examples/src/main/java/nl/ireserve/saltoks/examples/ManualWalkthrough.java");
    assertThat(out).doesNotContain(" UTC").containsPattern("CES?T"); // one date style: the site's local time
    assertThat(out).doesNotContain(FakeSaltoKsServer.CLIENT_SECRET).doesNotContain(FakeSaltoKsServer.PASSWORD);
  }

  @Test
  void production_isRefusedUnlessAskedExplicitly() {
    String out = run(Map.of("SALTO_ENVIRONMENT", "production", "SALTO_CLIENT_ID", "x"));
    assertThat(out).startsWith("2\n").contains("Refusing to run against PRODUCTION").contains("--allow-production");
  }

  @Test
  void realEnvironment_withAMissingSetting_namesIt() {
    String out = run(Map.of("SALTO_ENVIRONMENT", "acceptance"));
    assertThat(out).startsWith("2\n").contains("missing setting: salto.clientId").contains("SALTO_CLIENT_ID");
  }

  @Test
  void unknownArgument_isExplained() {
    assertThat(run(Map.of(), "--prod")).startsWith("2\n").contains("unknown argument --prod");
  }
}
