package nl.ireserve.saltoks.diagnostics;

import static nl.ireserve.saltoks.diagnostics.CheckFindings.fail;
import static nl.ireserve.saltoks.diagnostics.CheckFindings.pass;
import static nl.ireserve.saltoks.diagnostics.CheckFindings.report;
import static nl.ireserve.saltoks.diagnostics.CheckFindings.skipRest;

import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.SaltoKsClient;
import nl.ireserve.saltoks.Site;
import nl.ireserve.saltoks.exception.SaltoAuthenticationException;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.exception.SaltoPermissionException;
import nl.ireserve.saltoks.exception.SaltoServerException;
import nl.ireserve.saltoks.exception.SaltoTimeoutException;
import nl.ireserve.saltoks.exception.SaltoTransportException;
import nl.ireserve.saltoks.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * "Test Access Request" (manual 1.7, problem 3): runs its checks ({@link #CREDENTIALS} to {@link
 * #CLOCK}) in order and reports each as a {@link Finding} with its evidence and fix. It never throws
 * for a failing check; it stops at the first failing blocking check and marks the later ones skipped.
 *
 * <pre>{@code
 * Report report = AccessRequestCheck.builder()
 *     .environment(SaltoEnvironment.ACCEPTANCE)
 *     .clientId(form.clientId()).clientSecret(form.clientSecret())
 *     .username(form.username()).password(form.password())
 *     .siteUid("NL6254340082")
 *     .build()
 *     .run();
 * screen.show(report.toText());
 * }</pre>
 *
 * <p>The raw form values are checked as typed (so "copied with a space" is reported, not thrown).
 * Alternatively {@link Builder#client} tests an existing client.
 */
public final class AccessRequestCheck {
  /** Check 1 (blocking: later checks are skipped when it fails). */
  public static final String CREDENTIALS = "Credentials entered correctly";
  /** Check 2 (blocking: later checks are skipped when it fails). */
  public static final String ENVIRONMENT_REACHABLE = "SALTO environment reachable";
  /** Check 3 (blocking: later checks are skipped when it fails). */
  public static final String TOKEN = "Sign-in (access token)";
  /** Check 4 (blocking: later checks are skipped when it fails). */
  public static final String SITES_READABLE = "Sites readable";
  /** Check 5 (blocking: later checks are skipped when it fails). */
  public static final String SITE_ID = "Site UID and UUID";
  /** Check 6: the service account's site user may open remotely ({@code remote_access}). */
  public static final String REMOTE_ACCESS = "Remote opening allowed";
  /** Check 7. */
  public static final String IQ_ACTIVATED = "IQ activated";
  /** Check 8. */
  public static final String LOCKS_VISIBLE = "Locks visible";
  /** Check 9. */
  public static final String CLOCK = "Clock in sync with SALTO";

  private final Settings b;

  private AccessRequestCheck(Settings settings) {
    this.b = settings;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs every check; never throws for a failing one. */
  public Report run() {
    List<Finding> out = new ArrayList<>();
    SaltoKsClient client = b.client();
    boolean own = false;
    try {
      if (client == null) {
        Finding creds = credentials();
        out.add(creds);
        if (creds.status() == Finding.Status.FAIL) {
          return skipRest(out, CREDENTIALS);
        }
        client = b.customizer().apply(SaltoKsClient.builder().environment(environment())
            .credentials(SaltoCredentials.of(b.clientId(), b.clientSecret(), b.username(), b.password())))
            .build();
        own = true;
      } else {
        out.add(pass(CREDENTIALS, "checked when the client was built"));
      }
      return runAgainst(client, out);
    } finally {
      if (own) {
        client.close();
      }
    }
  }

  private SaltoEnvironment environment() {
    return b.environment();
  }

  private Report runAgainst(SaltoKsClient client, List<Finding> out) {
    SaltoEnvironment env = client.environment();
    // 2 + 3: reachability and token, from one sign-in
    try {
      client.authenticate();
      out.add(pass(ENVIRONMENT_REACHABLE, "the " + env.name() + " identity server answered"));
      out.add(pass(TOKEN, "SALTO issued an access token"));
    } catch (SaltoAuthenticationException e) {
      out.add(pass(ENVIRONMENT_REACHABLE, "the " + env.name() + " identity server answered"));
      out.add(fail(TOKEN, e.getMessage(), tokenFix(e, env)));
      return skipRest(out, TOKEN);
    } catch (SaltoKsException e) {
      out.add(fail(ENVIRONMENT_REACHABLE, e.getMessage(), reachFix(e, env)));
      return skipRest(out, ENVIRONMENT_REACHABLE);
    }
    // 4: sites
    List<Site> sites;
    try {
      sites = client.sites().list();
      out.add(pass(SITES_READABLE, "the account sees " + sites.size() + " site(s)"));
    } catch (SaltoKsException e) {
      String fix = e instanceof SaltoPermissionException
          ? "403 → insufficient permissions: give the KS service account administrative rights on"
              + " the site (manual 1.5)."
          : e instanceof SaltoAuthenticationException
              ? "401 → incorrect client ID/secret for this environment (manual 1.6)."
              : reachFix(e, env);
      out.add(fail(SITES_READABLE, e.getMessage(), fix));
      return skipRest(out, SITES_READABLE);
    }
    // 5: site UID ↔ UUID
    Optional<Site> site = siteCheck(sites, env, out);
    if (site.isEmpty()) {
      return skipRest(out, SITE_ID);
    }
    SiteChecks checks = new SiteChecks(client, site.get(), b.iqId());
    out.add(checks.remoteAccess());
    out.add(checks.iqs());
    out.add(checks.locks());
    out.add(checks.clock());
    return report(out);
  }

  private Finding credentials() {
    List<String> faults = new ArrayList<>();
    hygiene(faults, "client ID", b.clientId());
    hygiene(faults, "client secret", b.clientSecret());
    hygiene(faults, "KS user name", b.username());
    hygiene(faults, "KS password", b.password());
    if (faults.isEmpty()) {
      return pass(CREDENTIALS, "all four fields filled in, no stray spaces");
    }
    return fail(CREDENTIALS, String.join("; ", faults),
        "Copy the client ID and secret again from the SALTO KS developer portal without spaces"
            + " (manual 1.6) and enter the KS service account's user name and password (manual 1.5).");
  }

  private static void hygiene(List<String> faults, String field, @Nullable String value) {
    if (value == null || value.isEmpty()) {
      faults.add(field + " is empty");
    } else if (value.isBlank()) {
      faults.add(field + " is only spaces");
    } else if (!value.equals(value.strip())) {
      faults.add(field + " starts or ends with a space (copied with a space?)");
    }
  }

  private Optional<Site> siteCheck(List<Site> sites, SaltoEnvironment env, List<Finding> out) {
    String uid = b.siteUid() == null ? "" : b.siteUid().strip();
    if (uid.isEmpty()) {
      out.add(fail(SITE_ID, "no site UID entered", "Enter the site UID SALTO gave you (manual 1.2)."));
      return Optional.empty();
    }
    String visible = sites.stream().map(Site::siteUid).collect(Collectors.joining(", "));
    Optional<Site> found = sites.stream().filter(s -> s.siteUid().equalsIgnoreCase(uid)).findFirst();
    if (found.isEmpty()) {
      out.add(fail(SITE_ID,
          "site UID " + Checks.echo(uid) + " is not among this account's sites in " + env.name()
              + (visible.isEmpty() ? " (it sees none)" : " (" + visible + ")"),
          "Check that the UID matches the correct site and that you are in the correct environment"
              + " (acceptance vs production) (manual 1.2, problem 3)."));
      return Optional.empty();
    }
    Site saved = b.savedSite();
    if (saved != null && !saved.belongsTo(env)) {
      out.add(fail(SITE_ID,
          "the saved site ID was retrieved in " + saved.environment() + ", this test runs in " + env.name(),
          "Press \"Retrieve and save Site ID\" again in this environment (manual 1.3)."));
      return Optional.empty();
    }
    if (saved != null && !saved.id().equalsIgnoreCase(found.get().id())) {
      out.add(fail(SITE_ID,
          "the saved UUID " + saved.id() + " is not the UUID of site " + uid + " (" + found.get().id() + ")",
          "Press \"Retrieve and save Site ID\" again (manual 1.3)."));
      return Optional.empty();
    }
    out.add(pass(SITE_ID, uid + " → " + found.get().id() + " (" + found.get().name() + ")"));
    return found;
  }

  private static String tokenFix(SaltoAuthenticationException e, SaltoEnvironment env) {
    switch (e.reason()) {
      case INVALID_CLIENT:
        return "401 → incorrect client ID/secret: copy them again without spaces, for the " + env.name()
            + " environment (acceptance ≠ production), and check they have not expired (manual 1.6).";
      case INVALID_GRANT:
        return "Check the KS user name and password: use the service account, not a personal e-mail"
            + " address (manual 1.5).";
      case FLOW_NOT_ENABLED:
        return "Ask SALTO (api@my-clay.com) to enable the password flow with scope"
            + " user_api.full_access for this client ID.";
      default:
        return "Check the client ID/secret (1.6) and the service account (1.5).";
    }
  }

  private static String reachFix(SaltoKsException e, SaltoEnvironment env) {
    Throwable cause = e.getCause();
    String hosts = env.identityUrl().getHost() + " and " + env.apiUrl().getHost();
    if (e instanceof SaltoTimeoutException) {
      return "Timeout → network/firewall problem: allow outgoing HTTPS from this host to " + hosts + " (manual 1.7).";
    }
    if (cause instanceof UnknownHostException) {
      return "DNS: " + hosts + " do not resolve from this host. Check the DNS settings and the environment.";
    }
    if (cause instanceof SSLException) {
      return "TLS failed: a proxy that inspects HTTPS, or a missing CA certificate, blocks " + hosts + ".";
    }
    if (e instanceof SaltoTransportException) {
      return "Network/firewall problem: allow outgoing HTTPS from this host to " + hosts + " (manual 1.7).";
    }
    if (e instanceof SaltoServerException) {
      return "Check that the environment is set correctly (problem 3); the acceptance environment is"
          + " sometimes down for hours — try again later.";
    }
    return "See the message.";
  }

  /** What a test was built with: a copy, so the builder can change afterwards. */
  private record Settings(
      SaltoEnvironment environment,
      @Nullable String clientId,
      @Nullable String clientSecret,
      @Nullable String username,
      @Nullable String password,
      @Nullable String siteUid,
      @Nullable Site savedSite,
      @Nullable String iqId,
      @Nullable SaltoKsClient client,
      UnaryOperator<SaltoKsClient.Builder> customizer) {
    @Override
    public String toString() {
      return "AccessRequestCheck.Settings[" + environment.name() + ", siteUid=" + siteUid + "]";
    }
  }

  /** Builds an {@link AccessRequestCheck}. */
  public static final class Builder {
    private SaltoEnvironment environment = SaltoEnvironment.ACCEPTANCE;
    private @Nullable String clientId;
    private @Nullable String clientSecret;
    private @Nullable String username;
    private @Nullable String password;
    private @Nullable String siteUid;
    private @Nullable Site savedSite;
    private @Nullable String iqId;
    private @Nullable SaltoKsClient client;
    private UnaryOperator<SaltoKsClient.Builder> customizer = UnaryOperator.identity();

    private Builder() {}

    /**
     * The environment to test. Default acceptance.
     *
     * @param environment the environment
     * @return this builder
     */
    public Builder environment(SaltoEnvironment environment) {
      this.environment = Checks.notNull("environment", environment);
      return this;
    }

    /**
     * The client ID as typed (checked, not trimmed).
     *
     * @param clientId the value
     * @return this builder
     */
    public Builder clientId(@Nullable String clientId) {
      this.clientId = clientId;
      return this;
    }

    /**
     * The client secret as typed.
     *
     * @param clientSecret the value
     * @return this builder
     */
    public Builder clientSecret(@Nullable String clientSecret) {
      this.clientSecret = clientSecret;
      return this;
    }

    /**
     * The KS user name as typed.
     *
     * @param username the value
     * @return this builder
     */
    public Builder username(@Nullable String username) {
      this.username = username;
      return this;
    }

    /**
     * The KS password as typed.
     *
     * @param password the value
     * @return this builder
     */
    public Builder password(@Nullable String password) {
      this.password = password;
      return this;
    }

    /**
     * The site UID to look for.
     *
     * @param siteUid the value
     * @return this builder
     */
    public Builder siteUid(@Nullable String siteUid) {
      this.siteUid = siteUid;
      return this;
    }

    /**
     * The saved site reference to check against the UID, if one is saved.
     *
     * @param savedSite the reference
     * @return this builder
     */
    public Builder savedSite(@Nullable Site savedSite) {
      this.savedSite = savedSite;
      return this;
    }

    /**
     * The IQ to check; by default every IQ of the site.
     *
     * @param iqId the IQ's UUID
     * @return this builder
     */
    public Builder iqId(@Nullable String iqId) {
      this.iqId = iqId == null ? null : Checks.uuid("iqId", iqId);
      return this;
    }

    /**
     * Tests an existing client instead of the entered credentials.
     *
     * @param client the client (not closed by the test)
     * @return this builder
     */
    public Builder client(SaltoKsClient client) {
      this.client = Checks.notNull("client", client);
      return this;
    }

    /**
     * Adjusts the client the test builds from the entered credentials (timeouts, clock, …).
     *
     * @param customizer receives the preconfigured builder
     * @return this builder
     */
    public Builder clientOptions(UnaryOperator<SaltoKsClient.Builder> customizer) {
      this.customizer = Checks.notNull("customizer", customizer);
      return this;
    }

    /** Builds the test; the builder stays usable, and later changes to it do not reach the test. */
    public AccessRequestCheck build() {
      return new AccessRequestCheck(new Settings(environment, clientId, clientSecret, username, password, siteUid,
          savedSite, iqId, client, customizer));
    }
  }
}
