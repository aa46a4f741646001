package nl.ireserve.saltoks.internal;

import java.time.Duration;
import java.util.Optional;
import nl.ireserve.saltoks.AccessGroups;
import nl.ireserve.saltoks.Entries;
import nl.ireserve.saltoks.Incidents;
import nl.ireserve.saltoks.Iqs;
import nl.ireserve.saltoks.Locks;
import nl.ireserve.saltoks.SaltoCredentials;
import nl.ireserve.saltoks.Sites;
import nl.ireserve.saltoks.Users;
import nl.ireserve.saltoks.iq.IqSetup;
import nl.ireserve.saltoks.spi.TokenManager;
import org.jspecify.annotations.Nullable;

/**
 * Everything one {@link nl.ireserve.saltoks.SaltoKsClient} is made of, wired once. The client facade
 * holds one of these; the parts are shared by every call and are thread-safe.
 */
public final class ClientCore implements AutoCloseable {
  private final ClientOptions options;
  private final FeignStack stack;
  private final ServerClock serverClock;
  private final TokenManager tokens;
  private final ConnectApi reads;
  private final ConnectApi commands;
  private final V11Api entries;
  private final GuestApi guests;
  private final OtpGuard otpGuard;
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
    this.serverClock = new ServerClock(options.clock(), options.nanoTime(), options.maxClockSkew());
    this.otpGuard = new OtpGuard(serverClock, options.clock(), options.callTimeout(), options.http().observer());
    this.stack = new FeignStack(options, serverClock, new Failures(options));
    this.tokens =
        customTokens != null
            ? customTokens
            : new PasswordGrantTokenManager(
                stack.identity(Checks.notNull("credentials", credentials)),
                credentials,
                options.clock(),
                options.tokenRefreshAhead());
    ConnectHeaders headers = new ConnectHeaders(tokens, options.userAgent());
    this.reads = stack.connect(headers, false);
    this.commands = stack.connect(headers, true);
    this.entries = stack.target(V11Api.class, "v1.1", headers, true); // entries and time schedules
    this.guests = stack.target(GuestApi.class, options.apiVersion(), headers, true);
    this.sites = new DefaultSites(reads, options.environment());
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
    return new DefaultIqs(reads, Checks.uuid("siteId", siteId), options.environment().apiUrl());
  }

  /** The IQ setup of a site. */
  public IqSetup iqSetup(String siteId) {
    return new DefaultIqSetup(this, Checks.uuid("siteId", siteId));
  }

  /** The entries of a site. */
  public Entries entries(String siteId) {
    return new DefaultEntries(entries, reads, Checks.uuid("siteId", siteId), options.clock());
  }

  /** The incidents of a site. */
  public Incidents incidents(String siteId) {
    return new DefaultIncidents(entries, Checks.uuid("siteId", siteId));
  }

  /** The users, guests and PINs of a site. */
  public Users users(String siteId) {
    return new DefaultUsers(guests, Checks.uuid("siteId", siteId), options.environment().apiUrl());
  }

  /** The access groups and time schedules of a site. */
  public AccessGroups accessGroups(String siteId) {
    return new DefaultAccessGroups(guests, entries, Checks.uuid("siteId", siteId), options.environment().apiUrl());
  }

  /** Whether the service account's site user has {@code remote_access} on a site. */
  public boolean remoteAccess(String siteId) {
    return Boolean.TRUE.equals(reads.siteMe(Checks.uuid("siteId", siteId)).remoteAccess());
  }

  /** Fetches a token now (if none is cached): the first step of every call, done on its own. */
  public void authenticate() {
    if (stack.isClosed()) { // a cached token would answer, but a closed client checks nothing any more
      throw new nl.ireserve.saltoks.exception.SaltoTransportException("authenticate was not done: this SaltoKsClient is"
          + " closed. Nothing was sent; use a client that is open (a closed one stays closed).", null, 0);
    }
    tokens.token();
  }

  /** Pooled connections. */
  public int openConnections() {
    return stack.pooledConnections();
  }

  /** The last measured skew of SALTO's clock. */
  public Optional<Duration> clockSkew() {
    return serverClock.skew();
  }

  /**
   * Signs in, and when no answer has told SALTO's time yet (a host-supplied token manager makes no
   * call of ours), makes {@code read} first: an OTP is never computed from the host's clock alone.
   */
  void knowServerTime(Runnable read) {
    tokens.token();
    if (!serverClock.known()) {
      try {
        read.run();
      } catch (nl.ireserve.saltoks.exception.SaltoApiException e) {
        // an error answer carries SALTO's Date too; the command itself will report the problem
      }
    }
  }

  ServerClock serverClock() {
    return serverClock;
  }

  TokenManager tokens() {
    return tokens;
  }

  OtpGuard otpGuard() {
    return otpGuard;
  }

  ConnectApi reads() {
    return reads;
  }

  ConnectApi commands() {
    return commands;
  }

  @Override
  public void close() {
    stack.close();
  }
}
