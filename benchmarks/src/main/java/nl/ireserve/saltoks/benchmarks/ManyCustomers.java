package nl.ireserve.saltoks.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SharedHttp;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.SiteLimits;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.testkit.DemoSite;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;

/**
 * Measures N customers' clients in one JVM, each with its own credentials and tokens, once with their
 * own HTTP stacks and once sharing one ({@code SharedHttp}): live threads, heap after a
 * full GC, and the time of a cold customer's first opening (token, then the open) and of a warm one.
 * Run in its own JVM per mode against the standalone fake ({@code benchmarks/many-customers}).
 *
 * <pre>java -cp benchmarks.jar nl.ireserve.saltoks.benchmarks.ManyCustomers FAKE_URL shared|own N</pre>
 */
public final class ManyCustomers {
  private ManyCustomers() {}

  public static void main(String[] args) throws Exception {
    String fake = args[0];
    boolean shared = args[1].equals("shared");
    int n = Integer.parseInt(args[2]);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode state = mapper.readTree(HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(fake + "/_fake/state")).build(), HttpResponse.BodyHandlers.ofString()).body());
    JsonNode siteNode = state.get("sites").get(0);
    SaltoEnvironment env = SaltoEnvironment.custom("fake", state.get("identityUrl").asText(),
        state.get("apiUrl").asText());
    String lockId = siteNode.get("locks").get(0).get("id").asText();
    IqKey key = new IqKey(siteNode.get("iqs").get(0).get("id").asText(), DemoSite.IQ_SECRET, DemoSite.IQ_PIN);
    Site site = new Site("fake", env.apiUrl().toString(), DemoSite.SITE_UID, siteNode.get("id").asText(),
        DemoSite.SITE_NAME, "Europe/Amsterdam");
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    int fdsBefore = openFiles();
    long heapBefore = heapAfterGc();

    SharedHttp http = shared ? SharedHttp.create(256) : null;
    List<SaltoKsClient> clients = new ArrayList<>(n);
    long[] cold = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      SaltoKsClient.Builder b = SaltoKsClient.builder().siteLimits(SiteLimits.unlimited()).environment(env).maxConcurrentRequests(4)
          .credentials(SaltoCredentials.of(FakeSaltoKsServer.CLIENT_ID, FakeSaltoKsServer.CLIENT_SECRET,
              FakeSaltoKsServer.USERNAME, FakeSaltoKsServer.PASSWORD));
      if (http != null) {
        b.sharedHttp(http);
      }
      SaltoKsClient c = b.build();
      SiteClient s = c.site(site);
      s.locks().open(lockId, key); // cold: a new client signs in, connects and opens
      cold[i] = System.nanoTime() - t0;
      clients.add(c);
    }
    long[] warm = new long[n];
    for (int round = 0; round < 3; round++) { // every customer warm; the last round is measured
      for (int i = 0; i < n; i++) {
        long t0 = System.nanoTime();
        clients.get(i).site(site).locks().open(lockId, key);
        warm[i] = System.nanoTime() - t0;
      }
    }
    int threads = ManagementFactory.getThreadMXBean().getThreadCount();
    int fds = openFiles();
    long heap = heapAfterGc();
    System.out.printf(Locale.ROOT, "| %s | %d | %d | %d | %.1f MB | %.1f ms | %.1f ms | %.2f ms | %.2f ms |%n",
        shared ? "shared (`SharedHttp`, budget 256)" : "each its own HTTP stack", n, threads - threadsBefore,
        fds - fdsBefore,
        (heap - heapBefore) / 1e6, pct(cold, 50) / 1e6, pct(cold, 99) / 1e6, pct(warm, 50) / 1e6,
        pct(warm, 99) / 1e6);
    for (SaltoKsClient c : clients) {
      c.close();
    }
    if (http != null) {
      http.close();
    }
  }

  /** Open file descriptors of this process (sockets included), on Linux. */
  private static int openFiles() {
    String[] fds = new java.io.File("/proc/self/fd").list();
    return fds == null ? -1 : fds.length;
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long pct(long[] values, int p) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
  }
}
