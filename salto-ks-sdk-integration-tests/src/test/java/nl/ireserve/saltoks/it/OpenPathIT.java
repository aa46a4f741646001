package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.access.AccessPolicy;
import nl.ireserve.saltoks.access.AccessService;
import nl.ireserve.saltoks.access.Reservation;
import nl.ireserve.saltoks.mapping.IqKeyStore;
import nl.ireserve.saltoks.mapping.MappingStore;
import nl.ireserve.saltoks.mapping.ObjectLockLink;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The path of one remote open, measured on the stack (README "The path of one open"): between the
 * caller and Feign there are at most 4 SDK frames, and the retry happens inside Feign's own loop,
 * driven by the SDK's retryer. The stack is read where the retryer waits, after a 503 from the fake.
 */
class OpenPathIT {
  private final List<StackTraceElement[]> waits = new CopyOnWriteArrayList<>();
  private FakeSaltoKsServer fake;
  private SaltoKsClient client;
  private SiteClient site;
  private FakeIq iq;
  private FakeLock alpha;

  @BeforeEach
  void arrange() {
    fake = FakeSaltoKsServer.create().start();
    FakeSite hotel = fake.addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    iq = hotel.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    alpha = hotel.addLock("Lock Alpha", iq);
    client = fake.clientBuilder()
        .retryPolicy(RetryPolicy.builder().sleeper(d -> waits.add(Thread.currentThread().getStackTrace())).build())
        .build();
    site = client.site(fake.site(hotel));
    client.authenticate();
  }

  @AfterEach
  void close() {
    client.close();
    fake.close();
  }

  @Test
  void locksOpen_reachesFeignThroughOneSdkFrame_andRetriesInsideFeign() {
    fake.faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.status(503));
    site.locks().open(alpha.id(), iq.key());

    assertThat(fake.openings()).hasSize(1);
    assertThat(waits).hasSize(1);
    List<String> between = sdkFramesBetweenCallerAndFeign(waits.get(0), "locksOpen_reachesFeign");
    assertThat(between).containsExactly("nl.ireserve.saltoks.internal.DefaultLocks.open",
        "nl.ireserve.saltoks.internal.OtpGuard.send", "nl.ireserve.saltoks.internal.DefaultLocks.lambda$open");
    assertThat(between).hasSizeLessThanOrEqualTo(4);
    assertThat(frames(waits.get(0))).as("the one retry loop is Feign's, driven by the SDK's retryer")
        .contains("nl.ireserve.saltoks.internal.RetryLoop.continueOrPropagate",
            "feign.SynchronousMethodHandler.invoke");
  }

  @Test
  void accessServiceOpen_addsThePipelineAndItsCommandStage() {
    MappingStore links = MappingStore.inMemory();
    links.link(new ObjectLockLink("room-101", "Room 101", alpha.id(), "Lock Alpha", Instant.EPOCH));
    IqKeyStore keys = IqKeyStore.inMemory();
    keys.save(iq.key());
    AccessService access = AccessService.builder().site(site).mappings(links).keys(keys)
        .policy(AccessPolicy.builder().allowedStatuses("Paid").minutesBefore(30).build()).build();
    fake.faults().on(FakeRoute.OPEN_LOCK).next(1, FakeFault.status(503));
    Instant now = Instant.now();
    access.open(Reservation.builder().id("r-1").objectId("room-101").status("Paid")
        .start(now.minus(Duration.ofMinutes(5))).end(now.plus(Duration.ofHours(2))).paymentComplete(true)
        .build());

    assertThat(fake.openings()).hasSize(1);
    assertThat(sdkFramesBetweenCallerAndFeign(waits.get(0), "accessServiceOpen_addsThePipeline"))
        .containsExactly("nl.ireserve.saltoks.access.AccessService.open",
            "nl.ireserve.saltoks.access.DoorOpening.open", "nl.ireserve.saltoks.access.Claims.claim",
            "nl.ireserve.saltoks.access.Command.send", "nl.ireserve.saltoks.access.Command.answer",
            "nl.ireserve.saltoks.internal.DefaultLocks.open", "nl.ireserve.saltoks.internal.OtpGuard.send",
            "nl.ireserve.saltoks.internal.DefaultLocks.lambda$open");
  }

  private static List<String> frames(StackTraceElement[] stack) {
    List<String> out = new ArrayList<>();
    for (StackTraceElement e : stack) {
      out.add(e.getClassName() + "." + e.getMethodName());
    }
    return out;
  }

  /** From the caller's frame up to the first Feign frame (the proxy), the SDK's frames in call order. */
  private static List<String> sdkFramesBetweenCallerAndFeign(StackTraceElement[] stack, String callerMethod) {
    int caller = -1;
    for (int i = 0; i < stack.length; i++) {
      if (stack[i].getMethodName().startsWith(callerMethod)) {
        caller = i;
        break;
      }
    }
    assertThat(caller).as("the test method is on the stack").isPositive();
    List<String> between = new ArrayList<>();
    for (int i = caller - 1; i >= 0; i--) {
      String cls = stack[i].getClassName();
      if (cls.startsWith("feign.") || cls.contains("$Proxy") || cls.startsWith("jdk.proxy")) {
        return between;
      }
      if (cls.startsWith("nl.ireserve.saltoks.")) {
        between.add(cls + "." + stack[i].getMethodName().replaceAll("\\$\\d+$", "")); // lambda$open$0
      }
    }
    throw new AssertionError("no Feign frame above the caller: " + frames(stack));
  }
}
