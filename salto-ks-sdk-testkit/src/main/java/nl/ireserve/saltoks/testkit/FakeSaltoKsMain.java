package nl.ireserve.saltoks.testkit;

import java.util.concurrent.CountDownLatch;

/**
 * The standalone fake behind {@link FakeSaltoKsServer#main}: seeded with {@link DemoSite}, logging
 * every request, until Ctrl-C.
 */
final class FakeSaltoKsMain {
  private FakeSaltoKsMain() {}

  /**
   * Starts the server and serves until the JVM stops.
   *
   * @param args {@code --port N} (default 8089; 0 picks a free one), {@code --quiet} (no request log)
   * @throws InterruptedException when interrupted while serving
   */
  public static void run(String[] args) throws InterruptedException {
    int port = 8089;
    boolean quiet = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length) {
        port = Integer.parseInt(args[++i]);
      } else if (args[i].equals("--quiet")) {
        quiet = true;
      } else {
        System.out.println("usage: FakeSaltoKsServer [--port N] [--quiet]   (port default 8089; 0 picks a free one)");
        return;
      }
    }
    FakeSaltoKsServer fake = FakeSaltoKsServer.create().logRequests(!quiet);
    if (port > 0) {
      fake.port(port);
    }
    fake.start();
    DemoSite.seed(fake, true);
    fake.onControlReset(() -> DemoSite.seed(fake, true));
    FakeSite site = fake.site(DemoSite.SITE_UID);
    System.out.println("Fake SALTO KS listening on " + fake.baseUrl());
    System.out.println("  identity URL   " + fake.identityUrl() + "   (POST /connect/token)");
    System.out.println("  Connect API    " + fake.apiUrl() + "   (GET /v1.2/sites, ...)");
    System.out.println("  client id      " + FakeSaltoKsServer.CLIENT_ID);
    System.out.println("  client secret  " + FakeSaltoKsServer.CLIENT_SECRET);
    System.out.println("  KS user        " + FakeSaltoKsServer.USERNAME + " / " + FakeSaltoKsServer.PASSWORD);
    System.out.println("  site           " + DemoSite.SITE_UID + " → " + site.id() + " (" + DemoSite.SITE_NAME + ")");
    FakeIq iq = site.iqs().get(0);
    System.out.println("  IQ             " + iq.name() + " " + iq.id() + "  secret " + DemoSite.IQ_SECRET
        + ", PIN " + DemoSite.IQ_PIN + " (fake values)");
    site.locks().forEach(l -> System.out.println("  lock           " + l.name() + " " + l.id()));
    System.out.println("  control        " + fake.baseUrl() + "/_fake/state  (see the README)");
    System.out.println("Ctrl-C stops it.");
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      fake.close();
      stop.countDown();
    }, "fake-salto-stop"));
    stop.await();
  }
}
