package nl.ireserve.saltoks.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.SiteClient;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.exception.SaltoTransportException;
import nl.ireserve.saltoks.iq.IqKey;
import nl.ireserve.saltoks.spi.ObservedCall;
import nl.ireserve.saltoks.spi.Observer;
import nl.ireserve.saltoks.testkit.FakeFault;
import nl.ireserve.saltoks.testkit.FakeIq;
import nl.ireserve.saltoks.testkit.FakeLock;
import nl.ireserve.saltoks.testkit.FakeSaltoKsExtension;
import nl.ireserve.saltoks.testkit.FakeRoute;
import nl.ireserve.saltoks.testkit.FakeSaltoKsServer;
import nl.ireserve.saltoks.testkit.FakeSite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Control over the HTTP client without OkHttp types: the observer sees every call, an interceptor adds
 * headers, calls go through a real local proxy that asks for authentication, and a custom trust store
 * reaches a real TLS server with a self-signed certificate.
 */
class HttpControlIT {
  @RegisterExtension
  static final FakeSaltoKsExtension SALTO = FakeSaltoKsExtension.create();

  FakeSite hotel;
  FakeLock alpha;
  FakeIq iq;
  WireMockServer relay;

  @BeforeEach
  void arrange() {
    hotel = SALTO.server().addSite("NL6254340082", "Hotel", ZoneId.of("Europe/Amsterdam"));
    iq = hotel.addIq("IQ Lobby", "a1b2c3d4e5f6g7h8", "1234");
    alpha = hotel.addLock("Lock Alpha", iq);
  }

  @AfterEach
  void stop() {
    if (relay != null) {
      relay.stop();
    }
  }

  @Test
  void theObserver_seesEveryCall_withOperationStatusDurationAttempts_andNoSecret() {
    List<ObservedCall> calls = new CopyOnWriteArrayList<>();
    List<String> suspended = new CopyOnWriteArrayList<>();
    try (SaltoKsClient client = SALTO.server().clientBuilder().retryPolicy(RetryPolicy.builder().sleeper(d -> { }).build())
        .observer(new Observer() {
          @Override
          public void call(ObservedCall call) {
            calls.add(call);
          }

          @Override
          public void otpSuspended(String iqId) {
            suspended.add(iqId);
          }
        }).build()) {
      SiteClient site = client.site(SALTO.server().site(hotel));
      SALTO.server().faults().on(FakeRoute.GET_LOCK).next(1, FakeFault.status(503));
      site.locks().get(alpha.id());
      site.locks().open(alpha.id(), iq.key());
      assertThatThrownBy(() -> site.locks().open(alpha.id(), new IqKey(iq.id(), "a1b2c3d4e5f6g7h8", "9999")))
          .isInstanceOf(SaltoOtpInvalidException.class);
    }
    assertThat(calls).filteredOn(c -> c.kind() == ObservedCall.Kind.SIGN_IN).hasSize(1)
        .allSatisfy(c -> assertThat(c.status()).isEqualTo(200));
    ObservedCall read = calls.stream().filter(c -> c.operation().contains("read lock")).findFirst().orElseThrow();
    assertThat(read.kind()).isEqualTo(ObservedCall.Kind.READ);
    assertThat(read.attempts()).as("503, then 200").isEqualTo(2);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.succeeded()).isTrue();
    assertThat(calls).filteredOn(c -> c.operation().contains("remote open")).extracting(ObservedCall::status)
        .containsExactly(200, 400);
    assertThat(calls).filteredOn(c -> c.operation().contains("remote open")).last()
        .satisfies(c -> assertThat(c.failure()).isEqualTo("SaltoOtpInvalidException"));
    assertThat(calls).allSatisfy(c -> assertThat(c.duration()).isPositive());
    assertThat(suspended).containsExactly(iq.id());
    String all = calls.toString();
    assertThat(all).doesNotContain(FakeSaltoKsServer.CLIENT_SECRET).doesNotContain(FakeSaltoKsServer.PASSWORD)
        .doesNotContain(hotel.id()).doesNotContain(alpha.id()).doesNotContain("a1b2c3d4e5f6g7h8");
  }

  @Test
  void throughARealLocalProxy_thatAsksForAuthentication_withTheInterceptorsHeaders() {
    String credential = "Basic " + Base64.getEncoder().encodeToString("relay:s3cr3t-proxy".getBytes(StandardCharsets.UTF_8));
    relay = new WireMockServer(options().dynamicPort().enableBrowserProxying(true));
    relay.start();
    relay.stubFor(any(anyUrl()).atPriority(1).withHeader("Proxy-Authorization", equalTo(credential))
        .willReturn(aResponse().proxiedFrom(SALTO.server().baseUrl())));
    relay.stubFor(any(anyUrl()).atPriority(2).willReturn(aResponse().withStatus(407)
        .withHeader("Proxy-Authenticate", "Basic realm=\"relay\"")));
    Proxy proxy = new Proxy(Proxy.Type.HTTP, new InetSocketAddress("127.0.0.1", relay.port()));

    try (SaltoKsClient client = SALTO.server().clientBuilder().proxy(proxy)
        .proxyAuthentication("relay", "s3cr3t-proxy")
        .interceptor(r -> r.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"))
        .build()) {
      assertThat(client.sites().list()).hasSize(1);
    }
    assertThat(relay.findAll(anyRequestedFor(anyUrl())).stream().filter(r -> r.containsHeader("Proxy-Authorization")))
        .as("every call went through the proxy, authenticated").isNotEmpty()
        .allSatisfy(r -> assertThat(r.getHeader("traceparent")).startsWith("00-4bf92f"));
    assertThat(SALTO.server().requestCount(FakeRoute.LIST_SITES)).isEqualTo(1);

    try (SaltoKsClient wrong = SALTO.server().clientBuilder().proxy(proxy).proxyAuthentication("relay", "nope")
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> wrong.sites().list()).isInstanceOf(SaltoKsException.class)
          .hasMessageNotContaining("nope");
    }
    assertThatThrownBy(() -> SALTO.server().clientBuilder().interceptor(r -> r.header("Authorization", "x")).build()
        .sites().list()).hasMessageContaining("may not set Authorization");
  }

  @Test
  void aCustomTrustStore_reachesATlsServerWithASelfSignedCertificate(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("relay.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "relay", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
        "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit").inheritIO().start();
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).isZero();
    relay = new WireMockServer(options().dynamicPort().dynamicHttpsPort().keystorePath(store.toString())
        .keystorePassword("changeit").keyManagerPassword("changeit").keystoreType("PKCS12"));
    relay.start();
    relay.stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom(SALTO.server().baseUrl())));
    String base = "https://localhost:" + relay.httpsPort();
    SaltoEnvironment tls = SaltoEnvironment.custom(base + "/identity", base + "/api");

    try (SaltoKsClient untrusting = SaltoKsClient.builder().environment(tls).credentials(SALTO.server().credentials())
        .retryPolicy(RetryPolicy.none()).build()) {
      assertThatThrownBy(() -> untrusting.sites().list()).isInstanceOf(SaltoTransportException.class);
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (FileInputStream in = new FileInputStream(store.toFile())) {
      trust.load(in, "changeit".toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    X509TrustManager tm = (X509TrustManager) tmf.getTrustManagers()[0];
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
    try (SaltoKsClient trusting = SaltoKsClient.builder().environment(tls).credentials(SALTO.server().credentials())
        .tls(ctx, tm).connectionPool(2, Duration.ofSeconds(5)).build()) {
      assertThat(trusting.sites().list()).hasSize(1);
    }
    assertThat(Files.exists(store)).isTrue();
  }
}
