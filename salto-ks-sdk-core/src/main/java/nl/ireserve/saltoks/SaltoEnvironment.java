package nl.ireserve.saltoks;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import nl.ireserve.saltoks.internal.Checks;

/**
 * A SALTO KS installation: the identity server that issues tokens and the Connect API host.
 *
 * <p>Acceptance and production are separate installations with separate accounts, sites, IQs and
 * client credentials (manual 1.1): test on {@link #ACCEPTANCE} first and move to {@link
 * #PRODUCTION} only when everything works. {@link #custom} points the SDK at a proxy or at the
 * testkit's fake server. Plain {@code http://} is accepted only for loopback hosts.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SaltoEnvironment {
  /** SALTO's acceptance (test) installation. */
  public static final SaltoEnvironment ACCEPTANCE =
      new SaltoEnvironment(
          "acceptance",
          URI.create("https://identity-acc.eu.my-clay.com"),
          URI.create("https://clp-accept-user.my-clay.com"));

  /** SALTO's production (live) installation. */
  public static final SaltoEnvironment PRODUCTION =
      new SaltoEnvironment(
          "production",
          URI.create("https://identity.eu.my-clay.com"),
          URI.create("https://connect.my-clay.com"));

  private final String name;
  private final URI identityUrl;
  private final URI apiUrl;

  private SaltoEnvironment(String name, URI identityUrl, URI apiUrl) {
    this.name = name;
    this.identityUrl = identityUrl;
    this.apiUrl = apiUrl;
  }

  /**
   * An environment at other URLs, for a proxy or a fake server.
   *
   * @param identityUrl base URL of the identity server ({@code /connect/token} is appended)
   * @param apiUrl base URL of the Connect API ({@code /v1.2/...} is appended)
   * @throws IllegalArgumentException when a URL is not absolute, has a query, or uses plain HTTP to a
   *     host that is not a loopback address
   */
  public static SaltoEnvironment custom(String identityUrl, String apiUrl) {
    return custom("custom", identityUrl, apiUrl);
  }

  /**
   * Like {@link #custom(String, String)}, with a name for messages (for example {@code fake}).
   *
   * @param name a short name of letters, digits and dashes
   * @param identityUrl base URL of the identity server
   * @param apiUrl base URL of the Connect API
   * @return the environment
   */
  public static SaltoEnvironment custom(String name, String identityUrl, String apiUrl) {
    Checks.text("name", name, 32);
    if (!name.matches("[A-Za-z0-9-]+")) {
      throw new IllegalArgumentException("name must be letters, digits and dashes, got \"" + Checks.echo(name) + "\"");
    }
    return new SaltoEnvironment(
        name, parse("identityUrl", identityUrl), parse("apiUrl", apiUrl));
  }

  /** Looks up an environment by name: {@code acceptance} or {@code production}. */
  public static SaltoEnvironment named(String name) {
    Checks.notNull("environment", name);
    switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "acceptance":
      case "accept":
        return ACCEPTANCE;
      case "production":
        return PRODUCTION;
      default:
        throw new IllegalArgumentException(
            "environment must be \"acceptance\" or \"production\", got \"" + Checks.echo(name) + "\"");
    }
  }

  private static URI parse(String field, @Nullable String url) {
    Checks.text(field, url, 2048);
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(field + " is not a valid URL: " + e.getReason(), e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw new IllegalArgumentException(
          field + " must be an absolute https:// URL such as https://connect.my-clay.com");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException(field + " must not have a query or fragment");
    }
    if (scheme.equals("http") && !isLoopback(uri.getHost())) {
      throw new IllegalArgumentException(
          field
              + " uses plain http:// to "
              + uri.getHost()
              + "; tokens and one-time passwords would travel unencrypted. Use https://"
              + " (plain http is allowed only to loopback addresses such as 127.0.0.1)");
    }
    String path = uri.getRawPath() == null ? "" : uri.getRawPath();
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    boolean ipLiteral = h.matches("[0-9.]+") || h.contains(":");
    if (!ipLiteral) {
      return false; // never resolve names here: a DNS answer must not decide about plain HTTP
    }
    try {
      return InetAddress.getByName(h).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** A short name for messages: {@code acceptance}, {@code production} or {@code custom}. */
  public String name() {
    return name;
  }

  /** Base URL of the identity server, without a trailing slash. */
  public URI identityUrl() {
    return identityUrl;
  }

  /** Base URL of the Connect API, without a trailing slash. */
  public URI apiUrl() {
    return apiUrl;
  }

  /** Whether this environment uses plain HTTP (only possible for loopback hosts). */
  public boolean isPlainHttp() {
    return identityUrl.getScheme().equals("http") || apiUrl.getScheme().equals("http");
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof SaltoEnvironment)) {
      return false;
    }
    SaltoEnvironment that = (SaltoEnvironment) o;
    return name.equals(that.name) && identityUrl.equals(that.identityUrl) && apiUrl.equals(that.apiUrl);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, identityUrl, apiUrl);
  }

  @Override
  public String toString() {
    return "SaltoEnvironment[" + name + ", identity=" + identityUrl + ", api=" + apiUrl + "]";
  }
}
