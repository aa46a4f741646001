package nl.ireserve.saltoks.it;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;

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
  void sdkClassesOutsideInternal_areSmallInNumber() {
    long publicTypes = SDK.stream()
        .filter(c -> c.getModifiers().contains(JavaModifier.PUBLIC))
        .filter(c -> !c.getPackageName().contains(".internal"))
        .count();
    // A guard against the public surface growing by accident; raise it deliberately when adding API.
    org.assertj.core.api.Assertions.assertThat(publicTypes).isBetween(10L, 120L);
  }
}
