package nl.ireserve.saltoks.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.exception.SaltoApiException;
import nl.ireserve.saltoks.exception.SaltoServerException;
import org.junit.jupiter.api.Test;

/**
 * A token answer that is blank or malformed is an API error (a {@link SaltoServerException}), made in
 * the one place where malformed answers are made, never an {@code IllegalArgumentException}; the
 * message names what is missing and never contains the body.
 */
class TokenAnswerIT {
  @Test
  void blankOrMissingOrWrongTypedToken_isAnApiError_withoutTheBody() throws IOException {
    for (String body : List.of("{\"access_token\":\"  \",\"expires_in\":3600,\"x\":\"LEAK-ME\"}",
        "{\"expires_in\":3600,\"x\":\"LEAK-ME\"}", "{\"access_token\":{\"x\":\"LEAK-ME\"}}", "[\"LEAK-ME\"]")) {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.createContext("/", exchange -> {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      });
      server.start();
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      try (SaltoKsClient client = SaltoKsClient.builder()
          .environment(SaltoEnvironment.custom(base + "/identity", base + "/api"))
          .credentials(SaltoCredentials.of("id", "secret", "svc@example.com", "pw"))
          .retryPolicy(RetryPolicy.none())
          .build()) {
        assertThatThrownBy(client::authenticate)
            .as(body)
            .isInstanceOf(SaltoServerException.class)
            .isInstanceOf(SaltoApiException.class)
            .hasMessageContaining("POST /connect/token")
            .hasMessageContaining("not readable")
            .hasMessageNotContaining("LEAK-ME");
      } finally {
        server.stop(0);
      }
    }
  }
}
