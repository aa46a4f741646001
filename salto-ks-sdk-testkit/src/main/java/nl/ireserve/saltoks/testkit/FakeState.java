package nl.ireserve.saltoks.testkit;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The fake's whole world: accounts, tokens, sites, locks, IQs, and what happened. Every method is
 * synchronized on this object; WireMock serves requests on many threads.
 */
final class FakeState {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String SECRET_ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

  /** Creates a guest: a seat when one is free, else suspended (measured: still a 201). */
  public synchronized UserRec addGuest(SiteRec site, String alias, @Nullable Instant expiresAt) {
    long subscribed = site.users.values().stream().filter(u -> u.subscriptionState.equals("subscribed")).count();
    UserRec u = new UserRec(alias, List.of("site_guest"), subscribed < site.seats ? "subscribed" : "suspended",
        expiresAt, now());
    site.users.put(u.id, u);
    return u;
  }

  /** Whether a write made at {@code at} shows in the site's lists yet ({@link SiteRec#listLag}). */
  public synchronized boolean listed(SiteRec site, @Nullable Instant at) {
    return at == null || !now().isBefore(at.plus(site.listLag));
  }

  /** Whether a user is still inside its propagation delay (its PIN 403, its group join 404). */
  public synchronized boolean propagating(SiteRec site, UserRec u) {
    return now().isBefore(u.createdAt.plus(site.propagation));
  }

  /** A fresh 6-digit PIN, unique on the site. */
  public synchronized String newPin(SiteRec site) {
    while (true) {
      String pin = String.format("%06d", RANDOM.nextInt(1_000_000));
      if (site.users.values().stream().noneMatch(u -> pin.equals(u.pin))) {
        return pin;
      }
    }
  }

  /**
   * Whether a keypad PIN opens a lock at an instant: a user with that PIN, not blocked, with a seat and
   * {@code use_pin}, the PIN not expired, in a group that has the lock and a schedule covering the site's
   * local time then.
   */
  public synchronized boolean pinOpens(SiteRec site, String pin, LockRec lock, Instant at) {
    java.time.LocalDateTime local = java.time.LocalDateTime.ofInstant(at, site.timeZone);
    for (UserRec u : site.users.values()) {
      if (!lock.hasKeypad() || !pin.equals(u.pin) || u.blocked || !u.usePin
          || !u.subscriptionState.equals("subscribed") || (u.pinExpiry != null && !at.isBefore(u.pinExpiry))) {
        continue;
      }
      for (GroupRec g : site.groups.values()) {
        if (g.userIds.contains(u.userId) && g.lockIds.contains(lock.id)
            && g.schedules.values().stream().anyMatch(sc -> sc.covers(local))) {
          return true;
        }
      }
    }
    return false;
  }

  /** A token and its expiry. */
  private record TokenRec(Instant expiresAt) {}

  private final FakeClock clock;
  private final Map<String, SiteRec> sites = new LinkedHashMap<>();
  private final Map<String, TokenRec> tokens = new HashMap<>();
  private final List<FakeOpening> openings = new ArrayList<>();
  private final List<SentPinEmail> outbox = new ArrayList<>();
  private final List<RecordedRequest> requests = new ArrayList<>();
  private final Map<String, Integer> otpAttempts = new HashMap<>();
  private final List<String> issuedTokens = new ArrayList<>();
  private final List<String> receivedOtps = new ArrayList<>();

  String clientId;
  String clientSecret;
  String username;
  String password;
  boolean passwordFlowEnabled = true;
  Duration tokenLifetime = Duration.ofHours(1);
  int pageSize = 100;
  private int ratePerSecond;
  private int throttled;
  private final java.util.ArrayDeque<Long> admitted = new java.util.ArrayDeque<>();
  boolean sitesAsBareArray;
  int otpFailuresBeforeBlock = 3;
  boolean lockFollowsPinChanges;
  Duration otpLookBack = Duration.ofMinutes(3);
  Duration otpLookAhead = Duration.ofMinutes(3);
  Duration serverSkew = Duration.ZERO;
  int tokenRequests;
  boolean accountHasRights = true;

  /** An empty world with the given credentials. */
  public FakeState(
      FakeClock clock, String clientId, String clientSecret, String username, String password) {
    this.clock = clock;
    this.clientId = clientId;
    this.clientSecret = clientSecret;
    this.username = username;
    this.password = password;
  }

  /** The server's own time: the shared clock plus the configured skew. */
  public synchronized Instant now() {
    return clock.instant().plus(serverSkew);
  }

  // ---- arrangement ----

  public synchronized SiteRec addSite(String siteUid, String name, ZoneId zone) {
    SiteRec s = new SiteRec(UUID.randomUUID().toString(), siteUid, name, zone);
    sites.put(s.id, s);
    return s;
  }

  public synchronized IqRec addIq(SiteRec site, String name, String secret, @Nullable String pin, boolean activated) {
    IqRec iq = new IqRec(UUID.randomUUID().toString(), name, secret, pin, activated);
    if (activated) {
      iq.activationDate = now();
    }
    site.iqs.put(iq.id, iq);
    return iq;
  }

  /** Adds an IQ the service account has not activated: random secret, no PIN yet. */
  public synchronized IqRec addUnactivatedIq(SiteRec site, String name) {
    return addIq(site, name, randomSecret(), null, false);
  }

  public synchronized LockRec addLock(SiteRec site, String name, IqRec iq) {
    if (!site.iqs.containsKey(iq.id)) {
      throw new IllegalArgumentException("IQ " + iq.name + " belongs to another site");
    }
    LockRec l = new LockRec(UUID.randomUUID().toString(), name, iq);
    site.locks.put(l.id, l);
    return l;
  }

  /** Runs an arrangement step under the state's lock. */
  public synchronized void update(Runnable change) {
    change.run();
  }

  static String randomSecret() {
    StringBuilder sb = new StringBuilder(16);
    for (int i = 0; i < 16; i++) {
      sb.append(SECRET_ALPHABET.charAt(RANDOM.nextInt(SECRET_ALPHABET.length())));
    }
    return sb.toString();
  }

  static String randomPin() {
    return String.format("%04d", RANDOM.nextInt(10_000));
  }

  /** Rotates an IQ's secret, as activating the IQ in the KS mobile app does. */
  public synchronized void rotateSecret(IqRec iq) {
    String next;
    do {
      next = randomSecret();
    } while (next.equals(iq.secret));
    iq.secret = next;
  }

  /**
   * Resets the service account's activation at an IQ, as SALTO does on request: a new first secret
   * can be read, and a new PIN e-mailed.
   */
  public synchronized void resetActivation(IqRec iq) {
    rotateSecret(iq);
    iq.activated = false;
    iq.activationDate = null;
    iq.pin = null;
    iq.lockPin = null;
    iq.otpFailures.clear();
    iq.blockedUntil = null;
    iq.pinSet = false;
  }

  // ---- tokens ----

  synchronized String issueToken() {
    tokenRequests++;
    String token = "fake-" + UUID.randomUUID() + UUID.randomUUID().toString().replace("-", "");
    tokens.put(token, new TokenRec(now().plus(tokenLifetime)));
    issuedTokens.add(token);
    return token;
  }

  synchronized void countTokenRequest() {
    tokenRequests++;
  }

  synchronized boolean tokenValid(@Nullable String token) {
    if (token == null) {
      return false;
    }
    TokenRec t = tokens.get(token);
    return t != null && now().isBefore(t.expiresAt());
  }

  public synchronized void revokeTokens() {
    tokens.clear();
  }

  public synchronized int tokenRequests() {
    return tokenRequests;
  }

  // ---- lookups ----

  synchronized @Nullable SiteRec site(String id) {
    return sites.get(id);
  }

  synchronized Collection<SiteRec> siteValues() {
    return new ArrayList<>(sites.values());
  }

  // ---- what happened ----

  synchronized void recordOpening(SiteRec site, LockRec lock) {
    Instant now = now();
    openings.add(new FakeOpening(site.id, lock.id, lock.name, now));
    if (site.dropEntries > 0) {
      site.dropEntries--;
    } else if (site.logsRemoteOpenings) {
      addEntry(site, "lock_opened", null, "remote", lock, site.serviceUserId, now, now.plus(site.entryLag));
    }
  }

  /** Adds an incident to a site's log, visible at once. */
  public synchronized IncidentRec addIncident(SiteRec site, String category, @Nullable String detail,
      @Nullable LockRec lock, IqRec iq) {
    Instant now = now();
    IncidentRec i = new IncidentRec(UUID.randomUUID().toString(), category, detail, lock, iq, now, now);
    site.incidents.add(i);
    return i;
  }

  /**
   * Whether one more Connect API request fits under the rate limit now ({@link #rateLimit}); counts it
   * when it does. Real time, not the fake clock: a burst is real.
   */
  synchronized boolean admit() {
    if (ratePerSecond <= 0) {
      return true;
    }
    long now = System.nanoTime();
    while (!admitted.isEmpty() && now - admitted.peekFirst() >= 1_000_000_000L) {
      admitted.removeFirst();
    }
    if (admitted.size() >= ratePerSecond) {
      throttled++;
      return false;
    }
    admitted.addLast(now);
    return true;
  }

  /** Answers 429 to Connect API requests beyond {@code perSecond} in any second (0: no limit). */
  public synchronized void rateLimit(int perSecond) {
    this.ratePerSecond = perSecond;
    this.admitted.clear();
  }

  /** How many requests were answered 429 by the rate limit. */
  public synchronized int throttled() {
    return throttled;
  }

  /** Adds an entry to a site's log. */
  public synchronized EntryRec addEntry(SiteRec site, String category, @Nullable String detail,
      @Nullable String accessBy, LockRec lock, @Nullable String userId, Instant at, Instant storedAt) {
    EntryRec e = new EntryRec(UUID.randomUUID().toString(), category, detail, accessBy, lock, userId, at, storedAt);
    site.entries.add(e);
    return e;
  }

  synchronized void recordOtpAttempt(String iqId, String otp) {
    otpAttempts.merge(iqId, 1, Integer::sum);
    receivedOtps.add(otp);
  }

  public synchronized List<String> issuedTokens() {
    return List.copyOf(issuedTokens);
  }

  public synchronized List<String> receivedOtps() {
    return List.copyOf(receivedOtps);
  }

  /** The OTP the IQ accepts now (its secret and the PIN the lock checks, at the server's time). */
  public synchronized String expectedOtp(IqRec iq) {
    if (iq.lockPin == null) {
      throw new IllegalStateException("IQ " + iq.name + " has no PIN yet");
    }
    return FakeOtp.of(now(), iq.secret, iq.lockPin);
  }

  public synchronized int otpAttempts(String iqId) {
    return otpAttempts.getOrDefault(iqId, 0);
  }

  synchronized void sendEmail(IqRec iq, String pin) {
    outbox.add(new SentPinEmail(username, iq.id, pin, now()));
  }

  synchronized void record(RecordedRequest r) {
    requests.add(r);
  }

  public synchronized List<FakeOpening> openings() {
    return List.copyOf(openings);
  }

  public synchronized List<SentPinEmail> outbox() {
    return List.copyOf(outbox);
  }

  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(requests);
  }

  /** Forgets what happened (openings, requests, e-mails, counters), keeping the world. */
  public synchronized void clearHistory() {
    openings.clear();
    sites.values().forEach(site -> site.entries.clear());
    outbox.clear();
    requests.clear();
    otpAttempts.clear();
    issuedTokens.clear();
    receivedOtps.clear();
    tokenRequests = 0;
  }

  /** Forgets everything: world, tokens, history, settings. */
  public synchronized void clearAll() {
    sites.clear();
    tokens.clear();
    clearHistory();
    passwordFlowEnabled = true;
    tokenLifetime = Duration.ofHours(1);
    pageSize = 100;
    ratePerSecond = 0;
    throttled = 0;
    admitted.clear();
    sitesAsBareArray = false;
    otpFailuresBeforeBlock = 3;
    otpLookBack = Duration.ofMinutes(3);
    otpLookAhead = Duration.ofMinutes(3);
    lockFollowsPinChanges = false;
    serverSkew = Duration.ZERO;
    accountHasRights = true;
  }

  // ---- settings (package-private fields are read by the router under this lock) ----

  public synchronized void passwordFlowEnabled(boolean enabled) {
    this.passwordFlowEnabled = enabled;
  }

  public synchronized void tokenLifetime(Duration lifetime) {
    this.tokenLifetime = lifetime;
  }

  public synchronized void pageSize(int size) {
    this.pageSize = size;
  }

  public synchronized void sitesAsBareArray(boolean bare) {
    this.sitesAsBareArray = bare;
  }

  public synchronized void otpFailuresBeforeBlock(int n) {
    this.otpFailuresBeforeBlock = n;
  }

  public synchronized void otpWindow(Duration lookBack, Duration lookAhead) {
    this.otpLookBack = lookBack;
    this.otpLookAhead = lookAhead;
  }

  public synchronized void lockFollowsPinChanges(boolean follows) {
    this.lockFollowsPinChanges = follows;
  }

  public synchronized void serverSkew(Duration skew) {
    this.serverSkew = skew;
  }

  public synchronized void accountHasRights(boolean rights) {
    this.accountHasRights = rights;
  }

  public synchronized String username() {
    return username;
  }
}
