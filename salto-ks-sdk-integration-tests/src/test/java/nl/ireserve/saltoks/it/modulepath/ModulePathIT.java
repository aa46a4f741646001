package nl.ireserve.saltoks.it.modulepath;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code salto-ks-sdk-core} works as a named module: its descriptor exports only API packages, and Feign's
 * proxies and Jackson's decoding still reach what they need inside it. A JVM of its own runs {@link
 * ModulePathProbe} with the core module and the modules it requires on the module path (resolved from this
 * test's class path by their descriptors) against the fake in this JVM.
 */
class ModulePathIT {
  private static final String CORE = "nl.ireserve.saltoks.core";

  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  @Test
  void theClientRunsOnTheModulePath_withItsInternalsNotExported() throws Exception {
    FakeSite site = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    FakeIq iq = site.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    FakeLock door = site.addLock("Room 101", iq);
    FakeSaltoKsServer fake = SALTO.server();

    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "--module-path", modulePathOf(CORE),
        "--add-modules", CORE,
        "-cp", probeClassesDir().toString(),
        ModulePathProbe.class.getName(),
        fake.environment().identityUrl().toString(), fake.environment().apiUrl().toString(),
        FakeSaltoKsServer.CLIENT_ID, FakeSaltoKsServer.CLIENT_SECRET, FakeSaltoKsServer.USERNAME,
        FakeSaltoKsServer.PASSWORD, site.siteUid(), iq.id(), "a1b2c3d4e5f6g7h8", "1234"));
    Path out = Files.createTempFile("module-path-probe", ".txt");
    Process probe = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(probe.waitFor(120, TimeUnit.SECONDS)).as("probe finished").isTrue();
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    Files.delete(out);

    assertThat(probe.exitValue()).as(printed).isZero();
    assertThat(printed.lines()).as(printed).contains(
        "module=" + CORE,
        "internalExported=false",
        "lock=Room 101",
        "opened=" + door.id(),
        "missing=SaltoNotFoundException");
    assertThat(fake.openings()).singleElement().satisfies(o -> assertThat(o.lockId()).isEqualTo(door.id()));
  }

  /** The named module and everything it requires, found among this JVM's class-path entries. */
  private static String modulePathOf(String root) {
    Map<String, Path> byName = new LinkedHashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Paths.get(entry);
      if (!Files.exists(path)) {
        continue;
      }
      try {
        for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
          byName.putIfAbsent(ref.descriptor().name(), path);
        }
      } catch (FindException notAModule) {
        // an entry whose module name cannot be derived is not one the SDK requires
      }
    }
    assertThat(byName).as("the core module is on this test's class path").containsKey(root);
    Set<String> closure = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(root));
    while (!todo.isEmpty()) {
      String name = todo.pop();
      if (!closure.add(name) || !byName.containsKey(name)) {
        continue;
      }
      ModuleDescriptor descriptor = ModuleFinder.of(byName.get(name)).find(name).orElseThrow().descriptor();
      descriptor.requires().stream()
          .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
          .map(ModuleDescriptor.Requires::name)
          .filter(n -> !n.startsWith("java.") && !n.startsWith("jdk."))
          .forEach(todo::push);
    }
    assertThat(byName.keySet()).as("every module the core requires is on this test's class path")
        .containsAll(closure);
    return closure.stream().map(byName::get).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
  }

  private static Path probeClassesDir() throws URISyntaxException {
    return Paths.get(ModulePathProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
