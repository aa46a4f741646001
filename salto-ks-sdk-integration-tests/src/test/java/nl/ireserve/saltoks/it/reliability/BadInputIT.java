package nl.ireserve.saltoks.it.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import nl.ireserve.saltoks.testkit.FakeRoute;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.iq.PendingActivation;
import nl.ireserve.saltoks.jdbc.KeyEncryption;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingService;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every public entry point with bad input (a null included): each must throw {@link IllegalArgumentException} whose
 * message names the field, before anything is sent, and never echo a secret. The tried inputs are
 * written to {@code docs/reliability.md}.
 */
class BadInputIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  private static final String UUID = "3fa85f64-5717-4562-b3fc-2c963f66afa6";
  private static final String SECRET_INPUT = "s3cr3t-Value-Typed";
  private static final String LONG = "x".repeat(10_000);
  private static final Instant T = Instant.parse("2026-12-01T14:00:00Z");

  /** One try. */
  record Try(String entryPoint, String field, String input, Runnable call) {}

  private final List<Try> tries = new ArrayList<>();

  private void t(String entryPoint, String field, String input, Runnable call) {
    tries.add(new Try(entryPoint, field, input, call));
  }

  @Test
  void everyPublicEntryPoint_refusesBadInput_namingTheField_beforeAnyRequest() throws Exception {
    FakeSaltoKsServer fake = SALTO.server();
    FakeSite site = fake.addSite("NL6254340082", "Hotel", ZoneId.of("UTC"));
    String lock = site.addLock("Lock Alpha", site.addIq("IQ", "a1b2c3d4e5f6g7h8", "1234")).id();
    SaltoKsClient client = SALTO.client();
    Site ref = client.sites().retrieve("NL6254340082");
    SiteClient siteClient = client.site(ref);
    MappingService mapping = MappingService.create(siteClient, MappingStore.inMemory());
    IqKey key = new IqKey(UUID, "a1b2c3d4e5f6g7h8", "1234");
    fake.clearHistory();

    // credentials and environment (manual 1.1, 1.5, 1.6)
    t("SaltoCredentials.of", "clientId", "null", () -> SaltoCredentials.of(null, "s", "u", "p"));
    t("SaltoCredentials.of", "clientSecret", "blank", () -> SaltoCredentials.of("c", "   ", "u", "p"));
    t("SaltoCredentials.of", "clientSecret", "whitespace-padded", () -> SaltoCredentials.of("c", " " + SECRET_INPUT + " ", "u", "p"));
    t("SaltoCredentials.of", "username", "whitespace-padded", () -> SaltoCredentials.of("c", "s", " svc@example.com", "p"));
    t("SaltoCredentials.of", "password", "empty", () -> SaltoCredentials.of("c", "s", "u", ""));
    t("SaltoCredentials.of", "password", "whitespace-padded", () -> SaltoCredentials.of("c", "s", "u", SECRET_INPUT + "\t"));
    t("SaltoEnvironment.custom", "identityUrl", "plain http to a LAN host", () -> SaltoEnvironment.custom("http://10.0.0.5/i", "https://a.example/api"));
    t("SaltoEnvironment.custom", "apiUrl", "null", () -> SaltoEnvironment.custom("https://i.example", null));
    t("SaltoEnvironment.custom", "apiUrl", "oversized", () -> SaltoEnvironment.custom("https://i.example", "https://" + LONG));
    t("SaltoEnvironment.custom", "identityUrl", "not a URL", () -> SaltoEnvironment.custom("identity server", "https://a.example"));
    t("SaltoEnvironment.named", "environment", "unknown name", () -> SaltoEnvironment.named("prod"));
    // client builder
    t("SaltoKsClient.builder().build", "environment", "missing", () -> SaltoKsClient.builder().build());
    t("SaltoKsClient.builder().build", "credentials", "missing", () -> SaltoKsClient.builder().environment(SaltoEnvironment.ACCEPTANCE).build());
    t("SaltoKsClient.Builder.readTimeout", "readTimeout", "zero", () -> SaltoKsClient.builder().readTimeout(Duration.ZERO));
    t("SaltoKsClient.Builder.connectTimeout", "connectTimeout", "negative", () -> SaltoKsClient.builder().connectTimeout(Duration.ofSeconds(-1)));
    t("SaltoKsClient.Builder.userAgent", "userAgent", "blank", () -> SaltoKsClient.builder().userAgent(" "));
    t("SaltoKsClient.Builder.userAgent", "userAgent", "oversized", () -> SaltoKsClient.builder().userAgent(LONG));
    t("SaltoKsClient.Builder.maxConcurrentRequests", "maxConcurrentRequests", "0", () -> SaltoKsClient.builder().maxConcurrentRequests(0));
    t("RetryPolicy.Builder.maxAttempts", "maxAttempts", "0", () -> RetryPolicy.builder().maxAttempts(0));
    t("RetryPolicy.Builder.sleeper", "sleeper", "null", () -> RetryPolicy.builder().sleeper(null));
    // sites, locks, IQs (ids must be UUIDs)
    t("Sites.get", "siteId", "null", () -> client.sites().get(null));
    t("Sites.get", "siteId", "site UID instead of UUID", () -> client.sites().get("NL6254340082"));
    t("Sites.get", "siteId", "whitespace-padded UUID", () -> client.sites().get(" " + UUID));
    t("Sites.findByUid", "siteUid", "blank", () -> client.sites().findByUid("  "));
    t("Sites.retrieve", "siteUid", "oversized", () -> client.sites().retrieve(LONG));
    t("new Site", "id", "non-UUID", () -> new Site("fake", "https://a", "NL1", "Hotel", "n", null));
    t("new Site", "id", "oversized", () -> new Site("fake", "https://a", "NL1", LONG, "n", null));
    t("Locks.get", "lockId", "lock name instead of UUID", () -> siteClient.locks().get("Lock Alpha"));
    t("Locks.open", "lockId", "blank", () -> siteClient.locks().open(" ", key));
    t("Locks.open", "key", "null", () -> siteClient.locks().open(lock, null));
    t("Iqs.get", "iqId", "null", () -> siteClient.iqs().get(null));
    // IQ keys and setup (manual 1.4)
    t("new IqKey", "pin", "3 digits", () -> new IqKey(UUID, "a1b2c3d4e5f6g7h8", "123"));
    t("new IqKey", "pin", "5 digits", () -> new IqKey(UUID, "a1b2c3d4e5f6g7h8", "12345"));
    t("new IqKey", "pin", "letters", () -> new IqKey(UUID, "a1b2c3d4e5f6g7h8", "12a4"));
    t("new IqKey", "secret", "whitespace-padded", () -> new IqKey(UUID, " " + SECRET_INPUT, "1234"));
    t("new IqKey", "secret", "oversized", () -> new IqKey(UUID, LONG, "1234"));
    t("new IqKey", "iqId", "non-UUID", () -> new IqKey("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234"));
    t("IqSetup.status", "iqId", "site UID", () -> siteClient.iqSetup().status("NL6254340082"));
    t("IqSetup.activateWithNewPin", "newPin", "wrong length", () -> siteClient.iqSetup()
        .activateWithNewPin(new PendingActivation(site.id(), UUID, "a1b2c3d4e5f6g7h8"), "1234", "12"));
    t("IqSetup.activate", "emailedPin", "null", () -> siteClient.iqSetup()
        .activate(new PendingActivation(site.id(), UUID, "a1b2c3d4e5f6g7h8"), null));
    t("IqSetup.changePin", "newPin", "letters", () -> siteClient.iqSetup().changePin(key, "abcd"));
    t("new PendingActivation", "secret", "blank", () -> new PendingActivation(site.id(), UUID, " "));
    t("new Site", "id", "site UID", () -> new Site("acceptance", "https://a", "NL1", "NL6254340082", "n", null));
    // mapping (manual 2)
    t("MappingService.link", "objectId", "blank", () -> mapping.link(" ", "Room 101", lock));
    t("MappingService.link", "objectId", "oversized", () -> mapping.link(LONG, "Room 101", lock));
    t("MappingService.link", "lockId", "lock name instead of UUID", () -> mapping.link("room-101", "Room 101", "Lock Alpha"));
    t("MappingService.link", "lockId", "unknown lock", () -> mapping.link("room-101", "Room 101", UUID));
    t("new ObjectLockLink", "objectName", "oversized", () -> new ObjectLockLink("r", LONG, UUID, "L", T));
    t("MappingStore.inMemory().findByLock", "lockId", "non-UUID", () -> MappingStore.inMemory().findByLock("Lock Alpha"));
    t("IqKeyStore.inMemory().find", "iqId", "null", () -> IqKeyStore.inMemory().find(null));
    t("KeyEncryption.of", "key", "16 bytes", () -> KeyEncryption.of(new byte[16]));
    t("KeyEncryption.fromBase64", "key", "not Base64", () -> KeyEncryption.fromBase64("not base64!"));
    // policy and reservations (manual 3)
    t("AccessPolicy.Builder.minutesBefore", "minutesBefore", "-1", () -> AccessPolicy.builder().minutesBefore(-1));
    t("AccessPolicy.Builder.minutesBefore", "minutesBefore", "more than a year", () -> AccessPolicy.builder().minutesBefore(600_000));
    t("AccessPolicy.Builder.graceMinutesAfter", "graceMinutesAfter", "-15", () -> AccessPolicy.builder().graceMinutesAfter(-15));
    t("AccessPolicy.Builder.allowedStatuses", "status", "blank", () -> AccessPolicy.builder().allowedStatuses("Paid", " "));
    t("AccessPolicy.Builder.statusAfterOpening", "statusAfterOpening", "whitespace-padded", () -> AccessPolicy.builder().statusAfterOpening(" 23-LOCKOPOPEN"));
    t("AccessPolicy.Builder.lastOpenField", "lastOpenField", "oversized", () -> AccessPolicy.builder().lastOpenField(LONG));
    t("Reservation.builder()…build()", "end", "before start", () -> Reservation.builder().id("r").objectId("o").status("Paid").start(T).end(T.minusSeconds(1)).paymentComplete(true).build());
    t("Reservation.builder()…build()", "objectId", "blank", () -> Reservation.builder().id("r").objectId(" ").status("Paid").start(T).end(T.plusSeconds(1)).paymentComplete(true).build());
    t("Reservation.builder()…build()", "id", "null", () -> Reservation.builder().id(null).objectId("o").status("Paid").start(T).end(T.plusSeconds(1)).paymentComplete(true).build());
    t("AccessService.Builder.build", "site", "missing", () -> AccessService.builder().build());
    t("AccessService.Builder.duplicateWindow", "duplicateWindow", "two hours", () -> AccessService.builder().duplicateWindow(Duration.ofHours(2)));
    t("AccessService.Builder.maxOpensPerLockPerMinute", "maxOpensPerLockPerMinute", "0", () -> AccessService.builder().maxOpensPerLockPerMinute(0));
    t("MappingStore.cached", "store", "null", () -> nl.ireserve.saltoks.mapping.MappingStore.cached(null, Duration.ofSeconds(5)));
    t("IqKeyStore.cached", "store", "null", () -> nl.ireserve.saltoks.mapping.IqKeyStore.cached(null, Duration.ofSeconds(5)));
    t("Entries.Query.lock", "lockId", "null", () -> nl.ireserve.saltoks.Entries.Query.newestFirst().lock(null));
    t("AccessGuards.settleUnknown (in memory)", "attempt", "null",
        () -> nl.ireserve.saltoks.access.AccessGuards.inMemory().settleUnknown(nl.ireserve.saltoks.contracts.ContractSites.HOTEL, null));
    t("GuestGrantStore.release (in memory)", "holder", "null",
        () -> nl.ireserve.saltoks.access.GuestGrantStore.inMemory().release(nl.ireserve.saltoks.contracts.ContractSites.HOTEL, "r", null));
    t("GuestGrantStore.release (in memory)", "holder", "blank",
        () -> nl.ireserve.saltoks.access.GuestGrantStore.inMemory().release(nl.ireserve.saltoks.contracts.ContractSites.HOTEL, "r", " "));
    t("MappingService.create", "store", "another site's store", () -> nl.ireserve.saltoks.mapping.MappingService.create(
        SALTO.site(site), foreignStore(nl.ireserve.saltoks.contracts.ContractSites.SPORTS)));

    StringBuilder md = new StringBuilder("| entry point | field | input | message (start) |\n|---|---|---|---|\n");
    List<String> wrong = new ArrayList<>();
    for (Try t : tries) {
      Throwable thrown = catchThrowable(t.call()::run);
      String message = thrown == null ? "" : String.valueOf(thrown.getMessage());
      if (!(thrown instanceof IllegalArgumentException) || !message.contains(t.field())
          || message.contains(SECRET_INPUT) || message.length() > 2_000) {
        wrong.add(t.entryPoint() + " " + t.field() + " " + t.input() + " → " + thrown);
      }
      String start = message.length() > 90 ? message.substring(0, 90) + "…" : message;
      md.append("| `").append(t.entryPoint()).append("` | ").append(t.field()).append(" | ").append(t.input())
          .append(" | ").append(start.replace("|", "\\|")).append(" |\n");
    }
    md.append("\nInputs tried: ").append(tries.size()).append(". Refused naming the field, with IllegalArgumentException (a null included): ")
        .append(tries.size() - wrong.size()).append(". Requests sent to SALTO: ").append(fake.requests().size())
        .append(" (the unknown lock is checked against the site's live lock list).\n");
    assertThat(wrong).as("entry points that did not refuse bad input clearly").isEmpty();
    assertThat(fake.requests()).as("bad input is refused before any request, but for the live lock check")
        .extracting(r -> r.route()).containsExactly(nl.ireserve.saltoks.testkit.FakeRoute.LIST_LOCKS);
    String committed = DocSection.sync("bad-input", md.toString());
    assertThat(committed)
        .as("docs/reliability.md must carry the bad-input table (target/reliability/bad-input.md);"
            + " rerun with -Dsaltoks.updateDocs=true to update it")
        .isEqualTo(md.toString());
  }

  /** A mapping store scoped to another site: what a host with many customers can hand over by mistake. */
  private static nl.ireserve.saltoks.mapping.MappingStore foreignStore(nl.ireserve.saltoks.Site other) {
    return (nl.ireserve.saltoks.mapping.MappingStore) java.lang.reflect.Proxy.newProxyInstance(
        BadInputIT.class.getClassLoader(), new Class<?>[] {nl.ireserve.saltoks.mapping.MappingStore.class},
        (proxy, method, args) -> {
          if (method.getName().equals("site")) {
            return java.util.Optional.of(other);
          }
          throw new AssertionError("nothing may be written to another site's store: " + method.getName());
        });
  }
}
