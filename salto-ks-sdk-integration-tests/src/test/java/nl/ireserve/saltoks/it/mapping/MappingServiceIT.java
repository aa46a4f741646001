package nl.ireserve.saltoks.it.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.diagnostics.Finding;
import nl.ireserve.saltoks.diagnostics.Report;
import nl.ireserve.saltoks.mapping.LinkConflictException;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MappingServiceIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  FakeSite site;
  FakeLock alpha;
  FakeLock bravo;
  MappingService mapping;

  @BeforeEach
  void arrange() {
    site = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    FakeIq iq = site.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    bravo = site.addLock("Lock Bravo", iq);
    alpha = site.addLock("Lock Alpha", iq).online(false);
    Site ref = SALTO.client().sites().retrieve("NL6254340082");
    mapping = MappingService.create(SALTO.client().site(ref), MappingStore.inMemory());
  }

  @Test
  void availableLocks_areTheSitesLiveLocks_withOnlineStateAndIq() {
    assertThat(mapping.availableLocks()).extracting(Lock::name).containsExactly("Lock Alpha", "Lock Bravo");
    Lock a = mapping.availableLocks().get(0);
    assertThat(a.online()).isFalse();
    assertThat(a.iq().name()).isEqualTo("IQ Lobby");
  }

  @Test
  void manualExample_room101ToAlpha_room102ToBravo_andTheAuditIsClean() {
    mapping.link("room-101", "Room 101", alpha.id());
    mapping.link("room-102", "Room 102", bravo.id());
    assertThat(mapping.lockOf("room-101").orElseThrow().lockName()).isEqualTo("Lock Alpha");
    assertThat(mapping.lockOf("room-102").orElseThrow().lockName()).isEqualTo("Lock Bravo");
    assertThat(mapping.audit(List.of("room-101", "room-102")).isClean()).isTrue();
  }

  @Test
  void unknownOrForeignLock_isRefused() {
    FakeSite other = SALTO.server().addSite("DE4520168385", "Berlin", ZoneId.of("Europe/Berlin"));
    FakeLock foreign = other.addLock("Berlin Door", other.addIq("IQ B", "a1b2c3d4e5f6g7h8", "1234"));
    assertThatThrownBy(() -> mapping.link("room-101", "Room 101", foreign.id()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not a lock of site Hotel (NL6254340082)")
        .hasMessageContaining("availableLocks()");
    assertThatThrownBy(() -> mapping.link("room-101", "Room 101", "3fa85f64-5717-4562-b3fc-2c963f66afa6"))
        .hasMessageContaining("is not a lock of site");
    assertThatThrownBy(() -> mapping.link("room-101", "Room 101", "Lock Alpha"))
        .hasMessageContaining("lockId must be a UUID");
    assertThat(mapping.lockOf("room-101")).isEmpty();
  }

  @Test
  void secondLockForAnObject_needsRelink() {
    mapping.link("room-101", "Room 101", alpha.id());
    assertThatThrownBy(() -> mapping.link("room-101", "Room 101", bravo.id()))
        .isInstanceOf(LinkConflictException.class);
    mapping.relink("room-101", "Room 101", bravo.id());
    assertThat(mapping.lockOf("room-101").orElseThrow().lockName()).isEqualTo("Lock Bravo");
  }

  @Test
  void audit_reportsMissingLock_sharedLock_renamedLock_andUnmappedObject() {
    FakeLock charlie = site.addLock("Lock Charlie", site.iqs().get(0));
    mapping.link("room-101", "Room 101", alpha.id());
    mapping.link("room-101b", "Room 101b", alpha.id());
    mapping.link("room-102", "Room 102", bravo.id());
    mapping.link("room-103", "Room 103", charlie.id());
    site.removeLock(bravo);
    charlie.rename("Lock Charlie (old wing)");

    Report audit = mapping.audit(List.of("room-101", "room-102", "room-103", "room-104"));
    assertThat(audit.findings(MappingService.LOCK_MISSING)).extracting(Finding::subject).containsExactly("room-102");
    assertThat(audit.findings(MappingService.LOCK_SHARED)).extracting(Finding::subject).containsExactly("room-101", "room-101b");
    assertThat(audit.about("room-101").get(0).evidence()).contains("shares lock Lock Alpha with Room 101b");
    assertThat(audit.findings(MappingService.LOCK_RENAMED)).singleElement()
        .satisfies(f -> assertThat(f.evidence()).contains("\"Lock Charlie\"").contains("Lock Charlie (old wing)"));
    assertThat(audit.findings(MappingService.OBJECT_UNMAPPED)).extracting(Finding::subject).containsExactly("room-104");
    assertThat(audit.findings()).allSatisfy(f -> assertThat(f.fix()).isNotBlank());
  }

  @Test
  void audit_showsALinkedLocksHealth_whenItNeedsAttention() {
    mapping.link("room-101", "Room 101", alpha.id());
    mapping.link("room-102", "Room 102", bravo.id());
    bravo.battery("low");

    Report audit = mapping.audit(List.of("room-101", "room-102"));

    assertThat(audit.findings(MappingService.LOCK_HEALTH)).singleElement().satisfies(f -> {
      assertThat(f.subject()).isEqualTo("room-102");
      assertThat(f.status()).isEqualTo(Finding.Status.WARN);
      assertThat(f.evidence()).contains("battery", "low");
    });
    bravo.battery("fresh").privacyMode(true);
    assertThat(mapping.audit(List.of("room-102")).findings(MappingService.LOCK_HEALTH)).singleElement()
        .satisfies(f -> assertThat(f.status()).isEqualTo(Finding.Status.FAIL));
  }
}
