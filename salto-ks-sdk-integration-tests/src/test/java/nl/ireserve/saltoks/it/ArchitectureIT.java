package nl.ireserve.saltoks.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.exception.SaltoKsException;
import org.junit.jupiter.api.Test;

/**
 * The public API shows no Feign, OkHttp, Jackson or WireMock type, and no internal type: hosts can
 * upgrade those libraries, and the SDK can change its internals, without breaking anyone.
 */
class ArchitectureIT {
  private static final List<String> FORBIDDEN =
      List.of("feign.", "okhttp3.", "okio.", "com.fasterxml.jackson.", "com.github.tomakehurst.", "wiremock.");

  private static final JavaClasses SDK =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("nl.ireserve.saltoks");

  @Test
  void publicSignatures_showNoThirdPartyHttpOrJsonTypeAndNoInternalType() {
    codeUnits()
        .that().arePublic()
        .and().areDeclaredInClassesThat().arePublic()
        .and().areDeclaredInClassesThat().resideOutsideOfPackage("..internal..")
        .should(exposeOnlyPublicApiTypes())
        .check(SDK);
  }

  private static ArchCondition<JavaCodeUnit> exposeOnlyPublicApiTypes() {
    return new ArchCondition<>("expose only public API types") {
      @Override
      public void check(JavaCodeUnit unit, ConditionEvents events) {
        List<JavaClass> types = new ArrayList<>(unit.getRawParameterTypes());
        types.add(unit.getRawReturnType());
        unit.getThrowsClause().getTypes().forEach(types::add);
        types.addAll(unit.getReturnType().getAllInvolvedRawTypes());
        for (JavaClass t : types) {
          String name = t.getName();
          boolean thirdParty = FORBIDDEN.stream().anyMatch(name::startsWith);
          boolean internal = name.startsWith("nl.ireserve.saltoks")
              && (name.contains(".internal.") || !t.getModifiers().contains(JavaModifier.PUBLIC));
          if (thirdParty || internal) {
            events.add(SimpleConditionEvent.violated(unit,
                unit.getFullName() + " exposes " + name));
          }
        }
      }
    };
  }

  @Test
  void coreInternals_areReachedFromCoreOnly() {
    noClasses().that().resideInAnyPackage("nl.ireserve.saltoks.mapping..", "nl.ireserve.saltoks.access..",
            "nl.ireserve.saltoks.jdbc..", "nl.ireserve.saltoks.contracts..", "nl.ireserve.saltoks.testkit..")
        .should().dependOnClassesThat().resideInAPackage("nl.ireserve.saltoks.internal..")
        .because("salto-ks-sdk-core's internal package is not part of its API")
        .check(SDK);
  }

  @Test
  void mappingInternals_areReachedFromTheModulesBuiltOnMappingOnly() {
    noClasses().that().resideOutsideOfPackages("nl.ireserve.saltoks.mapping..", "nl.ireserve.saltoks.access..",
            "nl.ireserve.saltoks.jdbc..")
        .should().dependOnClassesThat().resideInAPackage("nl.ireserve.saltoks.mapping.internal..")
        .check(SDK);
  }

  @Test
  void accessInternals_areReachedFromAccessAndItsPostgresStoresOnly() {
    noClasses().that().resideOutsideOfPackages("nl.ireserve.saltoks.access..", "nl.ireserve.saltoks.jdbc..")
        .should().dependOnClassesThat().resideInAPackage("nl.ireserve.saltoks.access.internal..")
        .check(SDK);
  }

  /**
   * The modules depend one way: core ← mapping ← access ← jdbc; the client knows nothing of links, links
   * nothing of reservations, and nothing but the PostgreSQL module knows PostgreSQL.
   */
  @Test
  void modules_dependOneWay() {
    noClasses().that().resideInAnyPackage("nl.ireserve.saltoks", "nl.ireserve.saltoks.spi..",
            "nl.ireserve.saltoks.iq..", "nl.ireserve.saltoks.diagnostics..", "nl.ireserve.saltoks.internal..")
        .should().dependOnClassesThat().resideInAnyPackage("nl.ireserve.saltoks.mapping..",
            "nl.ireserve.saltoks.access..", "nl.ireserve.saltoks.jdbc..")
        .because("salto-ks-sdk-core is the SALTO KS Connect client only")
        .check(SDK);
    noClasses().that().resideInAPackage("nl.ireserve.saltoks.mapping..")
        .should().dependOnClassesThat().resideInAnyPackage("nl.ireserve.saltoks.access..", "nl.ireserve.saltoks.jdbc..")
        .check(SDK);
    noClasses().that().resideInAPackage("nl.ireserve.saltoks.access..")
        .should().dependOnClassesThat().resideInAPackage("nl.ireserve.saltoks.jdbc..")
        .orShould().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..")
        .check(SDK);
  }

  /**
   * The door opening is a one-way pipeline: no stage calls back into {@code AccessService}, and the
   * guests, the troubleshooter and the settler depend on the narrow {@code SiteRules}, not on the service.
   * Only the registry of many customers holds services.
   */
  @Test
  void nothingButTheTenantsRegistry_dependsOnTheAccessService() {
    noClasses().that().resideInAPackage("nl.ireserve.saltoks.access..")
        .and().doNotHaveSimpleName("AccessService").and().doNotHaveSimpleName("Tenant")
        .and().doNotHaveSimpleName("Tenants").and().doNotHaveSimpleName("TenantRegistry")
        .and().haveNameNotMatching(".*AccessService\\$.*")
        .should().dependOnClassesThat().haveFullyQualifiedName("nl.ireserve.saltoks.access.AccessService")
        .check(SDK);
  }

  /**
   * Every exception the SDK throws at a host is one of its own, under one root: a host catches {@code
   * SaltoKsException} (or an argument's {@code IllegalArgumentException}) and nothing else. The client's
   * and the stores' exceptions are in {@code nl.ireserve.saltoks.exception}; the one exception of a concept
   * a module adds ({@code LinkConflictException}, which carries the link that stays) is beside that concept.
   */
  @Test
  void publicExceptions_shareOneRoot_inTheExceptionPackage() {
    List<String> strays = SDK.stream()
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .filter(c -> c.isAssignableTo(Throwable.class))
        .filter(c -> !c.isAssignableTo(SaltoKsException.class)
            || !c.getPackageName().equals("nl.ireserve.saltoks.exception")
                && !c.getName().equals("nl.ireserve.saltoks.mapping.LinkConflictException"))
        .map(JavaClass::getName)
        .sorted()
        .collect(Collectors.toList());
    assertThat(strays).as("public exceptions outside SaltoKsException or outside the exception package").isEmpty();
  }

  /**
   * The host's extension points are top-level types in {@code nl.ireserve.saltoks.spi}, the package that
   * says what it holds; nothing else lives there.
   */
  @Test
  void extensionPoints_areTopLevelInTheSpiPackage() {
    classes().that().haveSimpleNameEndingWith("Observer").or().haveSimpleName("Interceptor")
        .or().haveSimpleName("TokenManager").or().haveSimpleName("OutgoingRequest")
        .and().resideInAPackage("nl.ireserve.saltoks..")
        .should().resideInAPackage("nl.ireserve.saltoks.spi").andShould().beTopLevelClasses()
        .check(SDK);
  }

  /**
   * No public class in an {@code internal} package can be reached by a host: either the module's JPMS
   * descriptor does not export the package (or exports it only to the SDK's own modules), or the class is
   * not public. (This replaces the withdrawn "at most 60 public top-level types" rule.)
   */
  @Test
  void internalPackages_areHiddenFromHosts() {
    Map<String, ModuleDescriptor> descriptorOfPackage = new HashMap<>();
    sdkModuleDescriptors().forEach(d -> d.packages().forEach(p -> descriptorOfPackage.put(p, d)));
    assertThat(descriptorOfPackage).as("the modules with a descriptor")
        .containsKeys("nl.ireserve.saltoks.internal", "nl.ireserve.saltoks.mapping.internal",
            "nl.ireserve.saltoks.access.internal");
    List<String> reachable = new ArrayList<>();
    for (ModuleDescriptor d : sdkModuleDescriptors()) {
      d.exports().stream()
          .filter(e -> e.source().contains(".internal"))
          .filter(e -> !e.isQualified() || e.targets().stream().anyMatch(t -> !t.startsWith("nl.ireserve.saltoks.")))
          .forEach(e -> reachable.add(d.name() + " exports " + e));
    }
    SDK.stream()
        .filter(c -> c.getPackageName().contains(".internal"))
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .filter(c -> !descriptorOfPackage.containsKey(c.getPackageName()))
        .forEach(c -> reachable.add(c.getName() + " is public in a module without a descriptor"));
    assertThat(reachable).isEmpty();
  }

  /**
   * A public nested type belongs to its owner: a builder, or a type the owner's (or its builder's) public
   * API takes, returns or defines a constant of, or a part of a record or enum. Anything else is a top-level type where users look for it.
   */
  @Test
  void publicNestedTypes_belongToTheirOwner() {
    List<String> strays = SDK.stream()
        .filter(JavaClass::isNestedClass)
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .filter(c -> c.getEnclosingClass().orElseThrow().getModifiers().contains(JavaModifier.PUBLIC))
        .filter(c -> !c.getSimpleName().equals("Builder"))
        .filter(c -> !usedByOwnersApi(c, c.getEnclosingClass().orElseThrow()))
        .map(JavaClass::getName)
        .sorted()
        .collect(Collectors.toList());
    assertThat(strays).as("public nested types their owner's API does not use").isEmpty();
  }

  private static boolean usedByOwnersApi(JavaClass nested, JavaClass owner) {
    List<JavaCodeUnit> api = new ArrayList<>(owner.getCodeUnits());
    SDK.stream()
        .filter(c -> c.getEnclosingClass().filter(owner::equals).isPresent() && c.getSimpleName().equals("Builder"))
        .forEach(builder -> api.addAll(builder.getCodeUnits()));
    return api.stream()
            .filter(u -> u.getModifiers().contains(JavaModifier.PUBLIC))
            .anyMatch(u -> signatureTypes(u).contains(nested))
        || owner.getFields().stream()
            .filter(f -> f.getModifiers().contains(JavaModifier.PUBLIC))
            .anyMatch(f -> f.getType().getAllInvolvedRawTypes().contains(nested))
        || owner.isRecord() || owner.isEnum();
  }

  private static List<JavaClass> signatureTypes(JavaCodeUnit unit) {
    List<JavaClass> types = new ArrayList<>();
    unit.getParameterTypes().forEach(t -> types.addAll(t.getAllInvolvedRawTypes()));
    types.addAll(unit.getReturnType().getAllInvolvedRawTypes());
    unit.getThrowsClause().getTypes().forEach(types::add);
    return types;
  }

  private static List<ModuleDescriptor> sdkModuleDescriptors() {
    List<ModuleDescriptor> found = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Paths.get(entry);
      if (Files.isDirectory(path) ? Files.exists(path.resolve("module-info.class")) : entry.endsWith(".jar")) {
        try {
          ModuleFinder.of(path).findAll().stream()
              .map(ModuleReference::descriptor)
              .filter(d -> !d.isAutomatic() && d.name().startsWith("nl.ireserve.saltoks"))
              .forEach(found::add);
        } catch (FindException notAModule) {
          // not one of the SDK's
        }
      }
    }
    return found;
  }
}
