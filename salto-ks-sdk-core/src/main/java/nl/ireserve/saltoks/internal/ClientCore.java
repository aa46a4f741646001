package nl.ireserve.saltoks.internal;

import javax.annotation.Nullable;
import nl.ireserve.saltoks.Iqs;
import nl.ireserve.saltoks.Locks;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.Sites;
import nl.ireserve.saltoks.auth.TokenManager;

/**
 * Everything one {@link nl.ireserve.saltoks.SaltoKsClient} is made of, wired once. The client facade
 * holds one of these; the parts are shared by every call and are thread-safe.
 */
public final class ClientCore implements AutoCloseable {
  private final ClientOptions options;
  private final HttpStack stack;
  private final ServerClock serverClock;
  private final ErrorMapper errors;
  private final Transport transport;
  private final TokenManager tokens;
  private final ConnectCalls calls;
  private final OtpGuard otpGuard = new OtpGuard();
  private final Sites sites;

  /**
   * Wires a client.
   *
   * @param options validated options
   * @param credentials credentials for the default token manager, or null when {@code tokens} is given
   * @param customTokens a host-supplied token manager, or null
   */
  public ClientCore(
      ClientOptions options,
      @Nullable SaltoCredentials credentials,
      @Nullable TokenManager customTokens) {
    this.options = options;
    this.stack = new HttpStack(options);
    this.serverClock = new ServerClock(options.clock(), options.maxClockSkew());
    this.errors = new ErrorMapper(options.environment().name(), options.clock());
    this.transport = new Transport(options, serverClock);
    this.tokens =
        customTokens != null
            ? customTokens
            : new PasswordGrantTokenManager(
                stack.identity,
                transport,
                errors,
                options.clock(),
                options.tokenRefreshAhead(),
                Checks.notNull("credentials", credentials));
    this.calls =
        new ConnectCalls(stack.reads, tokens, transport, errors, options.environment().apiUrl());
    this.sites = new DefaultSites(this);
  }

  /** The options. */
  public ClientOptions options() {
    return options;
  }

  /** The sites API. */
  public Sites sites() {
    return sites;
  }

  /** The locks API of a site. */
  public Locks locks(String siteId) {
    return new DefaultLocks(this, Checks.uuid("siteId", siteId));
  }

  /** The IQ API of a site. */
  public Iqs iqs(String siteId) {
    return new DefaultIqs(this, Checks.uuid("siteId", siteId));
  }

  /** The IQ setup of a site. */
  public nl.ireserve.saltoks.iq.IqSetup iqSetup(String siteId) {
    return new DefaultIqSetup(this, Checks.uuid("siteId", siteId));
  }

  /** Fetches a token now (if none is cached): the first step of every call, done on its own. */
  public void authenticate() {
    tokens.token();
  }

  /** Pooled connections. */
  public int openConnections() {
    return stack.pooledConnections();
  }

  /** The server-corrected clock. */
  public ServerClock serverClock() {
    return serverClock;
  }

  /** The token manager. */
  public TokenManager tokens() {
    return tokens;
  }

  /** The OTP guard. */
  public OtpGuard otpGuard() {
    return otpGuard;
  }

  ConnectCalls calls() {
    return calls;
  }

  HttpStack stack() {
    return stack;
  }

  @Override
  public void close() {
    stack.close();
  }
}
