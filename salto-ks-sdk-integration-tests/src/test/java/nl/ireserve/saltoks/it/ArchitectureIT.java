package nl.ireserve.saltoks.it;

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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
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
          boolean internal = name.startsWith("nl.ireserve.saltoks") && name.contains(".internal.");
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
    noClasses().that().resideInAnyPackage("nl.ireserve.saltoks", "nl.ireserve.saltoks.auth..",
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

  @Test
  void testkitInternals_areReachedFromTheTestkitOnly() {
    noClasses().that().resideOutsideOfPackage("nl.ireserve.saltoks.testkit..")
        .should().dependOnClassesThat().resideInAPackage("nl.ireserve.saltoks.testkit.internal..")
        .check(SDK);
  }

  /**
   * Every exception the SDK throws at a host is one of its own, under one root: a host catches {@code
   * SaltoKsException} (or a store's {@code StoreException}, or an argument's {@code IllegalArgumentException})
   * and nothing else. (This replaces the withdrawn "at most 60 public top-level types" rule, which was met
   * by nesting types where users could not find them.)
   */
  @Test
  void publicExceptions_shareOneRoot() {
    List<String> strays = SDK.stream()
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .filter(c -> c.isAssignableTo(RuntimeException.class))
        .filter(c -> !c.getPackageName().contains(".internal"))
        .filter(c -> !c.isAssignableTo(nl.ireserve.saltoks.SaltoKsException.class))
        .filter(c -> !c.isAssignableTo("nl.ireserve.saltoks.mapping.StoreException"))
        .map(JavaClass::getName)
        .sorted()
        .collect(Collectors.toList());
    assertThat(strays).as("public exceptions outside SaltoKsException").isEmpty();
  }
}
