package nl.ireserve.saltoks.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nl.ireserve.saltoks.testkit.FakeExchange.In;
import nl.ireserve.saltoks.testkit.FakeExchange.Out;
import org.jspecify.annotations.Nullable;

/**
 * Answers identity and Connect API requests from the {@link FakeState}, as public material describes
 * the real service. Paths are relative to the identity prefix ({@code /identity}) or the API prefix
 * ({@code /api}).
 */
final class FakeRouter {
  public static final String IDENTITY_PREFIX = "/identity";
  public static final String API_PREFIX = "/api";
  public static final String CONTROL_PREFIX = "/_fake/";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
  private static final String V = "/v1\\.[12]";
  private static final String SITE = V + "/sites/([^/]+)";
  /** What answers a request for a site's resource, once the site is known. */
  @FunctionalInterface
  private interface Handler {
    Out handle(FakeRouter router, In in, SiteRec site, Matcher path);
  }

  /** One row of the routing table: the route, its method and path, and what answers it. */
  private record Endpoint(FakeRoute route, String method, Pattern path, @Nullable Handler handler) {
    Endpoint(FakeRoute route, String method, String path, @Nullable Handler handler) {
      this(route, method, Pattern.compile(path), handler);
    }
  }

  /** The Connect API as one table (method, path pattern, handler); the list of sites needs no site. */
  private static final List<Endpoint> ENDPOINTS = List.of(
      new Endpoint(FakeRoute.LIST_SITES, "GET", V + "/sites", null),
      new Endpoint(FakeRoute.GET_SITE, "GET", SITE, (r, in, site, m) -> Out.json(200, site(site).toString())),
      new Endpoint(FakeRoute.SITE_ME, "GET", SITE + "/me", (r, in, site, m) -> Out.json(200, JSON.createObjectNode()
          .put("id", "c0ffee00-0000-4000-8000-" + site.id.substring(24))
          .<ObjectNode>set("user", JSON.createObjectNode().put("id", site.serviceUserId))
          .put("remote_access", site.remoteAccess)
          .put("blocked", false)
          .toString())),
      new Endpoint(FakeRoute.LIST_LOCKS, "GET", SITE + "/locks", (r, in, site, m) -> r.listLocks(in, site)),
      new Endpoint(FakeRoute.GET_LOCK, "GET", SITE + "/locks/([^/]+)",
          (r, in, site, m) -> withLock(site, m, l -> Out.json(200, lock(l).toString()))),
      new Endpoint(FakeRoute.OPEN_LOCK, "PATCH", SITE + "/locks/([^/]+)/locking",
          (r, in, site, m) -> withLock(site, m, l -> r.open(in, site, l))),
      new Endpoint(FakeRoute.LIST_IQS, "GET", SITE + "/iqs", (r, in, site, m) -> r.listIqs(in, site)),
      new Endpoint(FakeRoute.GET_IQ, "GET", SITE + "/iqs/([^/]+)",
          (r, in, site, m) -> withIq(site, m, iq -> r.iqRoute(in, FakeRoute.GET_IQ, iq))),
      new Endpoint(FakeRoute.IQ_SECRET, "GET", SITE + "/iqs/([^/]+)/secret",
          (r, in, site, m) -> withIq(site, m, iq -> r.iqRoute(in, FakeRoute.IQ_SECRET, iq))),
      new Endpoint(FakeRoute.IQ_SEND_PIN, "GET", SITE + "/iqs/([^/]+)/pin",
          (r, in, site, m) -> withIq(site, m, iq -> r.iqRoute(in, FakeRoute.IQ_SEND_PIN, iq))),
      new Endpoint(FakeRoute.IQ_CHANGE_PIN, "PUT", SITE + "/iqs/([^/]+)/pin",
          (r, in, site, m) -> withIq(site, m, iq -> r.iqRoute(in, FakeRoute.IQ_CHANGE_PIN, iq))),
      new Endpoint(FakeRoute.LIST_ENTRIES, "GET", "/v1\\.1/sites/([^/]+)/entries", (r, in, site, m) -> r.log(in,
          site.entries.stream().map(e -> new Logged(e.id(), e.at(), e.storedAt(), e.lock(), entry(e, site))))),
      new Endpoint(FakeRoute.LIST_INCIDENTS, "GET", "/v1\\.1/sites/([^/]+)/incidents", (r, in, site, m) -> r.log(in,
          site.incidents.stream().map(i -> new Logged(i.id(), i.at(), i.storedAt(), i.lock(), incident(i, site))))),
      new Endpoint(FakeRoute.LIST_ENTRIES, "GET", "/v1\\.2/sites/([^/]+)/entries", // measured: entries are v1.1 only
          (r, in, site, m) -> Out.empty(405)),
      new Endpoint(FakeRoute.USERS, "GET", SITE + "/users", (r, in, site, m) -> r.listUsers(in, site)),
      new Endpoint(FakeRoute.USERS, "GET", SITE + "/users/([^/]+)",
          (r, in, site, m) -> withUser(site, m, u -> Out.json(200, user(u).toString()))),
      new Endpoint(FakeRoute.CREATE_GUEST, "POST", SITE + "/guests", (r, in, site, m) -> r.createGuest(in, site)),
      new Endpoint(FakeRoute.PATCH_USER, "PATCH", SITE + "/users/([^/]+)",
          (r, in, site, m) -> withUser(site, m, u -> patchUser(in, u))),
      new Endpoint(FakeRoute.DELETE_USER, "DELETE", SITE + "/users/([^/]+)",
          (r, in, site, m) -> withUser(site, m, u -> deleteUser(site, u))),
      new Endpoint(FakeRoute.USER_PIN, "PUT", SITE + "/users/([^/]+)/pin",
          (r, in, site, m) -> withUser(site, m, u -> r.generatePin(in, site, u))),
      new Endpoint(FakeRoute.ROLES, "GET", SITE + "/roles", (r, in, site, m) -> r.list(in, roles(), false)),
      new Endpoint(FakeRoute.SUBSCRIPTION, "GET", SITE + "/subscription", (r, in, site, m) -> subscription(site)),
      new Endpoint(FakeRoute.ACCESS_GROUPS, "GET", SITE + "/access_groups", (r, in, site, m) -> r.listGroups(in, site)),
      new Endpoint(FakeRoute.ACCESS_GROUPS, "POST", SITE + "/access_groups", (r, in, site, m) -> r.createGroup(in, site)),
      new Endpoint(FakeRoute.ACCESS_GROUPS, "DELETE", SITE + "/access_groups/([^/]+)",
          (r, in, site, m) -> withGroup(site, m, g -> {
            site.groups.remove(g.id);
            return Out.empty(204);
          })),
      new Endpoint(FakeRoute.GROUP_LOCKS, "GET", SITE + "/access_groups/([^/]+)/locks",
          (r, in, site, m) -> withGroup(site, m, g -> r.groupLocks(site, g))),
      new Endpoint(FakeRoute.GROUP_LOCKS, "POST", SITE + "/access_groups/([^/]+)/locks",
          (r, in, site, m) -> withGroup(site, m, g -> r.addGroupLock(in, site, g))),
      new Endpoint(FakeRoute.GROUP_LOCKS, "DELETE", SITE + "/access_groups/([^/]+)/locks/([^/]+)",
          (r, in, site, m) -> withGroup(site, m, g -> g.lockIds.remove(m.group(3))
              ? Out.empty(204) : error(404, "2202", "Lock not found"))),
      new Endpoint(FakeRoute.GROUP_USERS, "GET", SITE + "/access_groups/([^/]+)/users",
          (r, in, site, m) -> withGroup(site, m, g -> r.groupUsers(site, g))),
      new Endpoint(FakeRoute.GROUP_USERS, "POST", SITE + "/access_groups/([^/]+)/users",
          (r, in, site, m) -> withGroup(site, m, g -> r.addGroupUser(in, site, g))),
      new Endpoint(FakeRoute.GROUP_USERS, "DELETE", SITE + "/access_groups/([^/]+)/users/([^/]+)",
          (r, in, site, m) -> withGroup(site, m, g -> g.userIds.remove(m.group(3))
              ? Out.empty(204) : error(404, "2202", "User not found"))),
      new Endpoint(FakeRoute.TIME_SCHEDULES, "GET", "/v1\\.1/sites/([^/]+)/access_groups/([^/]+)/time_schedules",
          (r, in, site, m) -> withGroup(site, m, g -> {
            List<JsonNode> all = new ArrayList<>();
            g.schedules.values().forEach(sc -> all.add(schedule(sc)));
            return r.list(in, all, false);
          })),
      new Endpoint(FakeRoute.TIME_SCHEDULES, "POST", "/v1\\.1/sites/([^/]+)/access_groups/([^/]+)/time_schedules",
          (r, in, site, m) -> withGroup(site, m, g -> putSchedule(in, g, null))),
      new Endpoint(FakeRoute.TIME_SCHEDULES, "PATCH",
          "/v1\\.1/sites/([^/]+)/access_groups/([^/]+)/time_schedules/([^/]+)",
          (r, in, site, m) -> withGroup(site, m, g -> g.schedules.containsKey(m.group(3))
              ? putSchedule(in, g, m.group(3)) : error(404, "2202", "Time schedule not found"))),
      new Endpoint(FakeRoute.TIME_SCHEDULES, "DELETE",
          "/v1\\.1/sites/([^/]+)/access_groups/([^/]+)/time_schedules/([^/]+)",
          (r, in, site, m) -> withGroup(site, m, g -> g.schedules.remove(m.group(3)) != null
              ? Out.empty(204) : error(404, "2202", "Time schedule not found"))),
      new Endpoint(FakeRoute.ACTIVATED_IQS, "GET", V + "/me/([^/]+)/activated_iqs",
          (r, in, site, m) -> r.activatedIqs(in, site)));

  private final FakeState state;

  public FakeRouter(FakeState state) {
    this.state = state;
  }

  /** Which endpoint a method and full path address. */
  public static FakeRoute route(String method, String fullPath) {
    if (fullPath.equals(IDENTITY_PREFIX + "/connect/token") && method.equals("POST")) {
      return FakeRoute.TOKEN;
    }
    if (fullPath.startsWith(CONTROL_PREFIX)) {
      return FakeRoute.CONTROL;
    }
    if (!fullPath.startsWith(API_PREFIX + "/")) {
      return FakeRoute.UNKNOWN;
    }
    Endpoint e = endpoint(method, fullPath.substring(API_PREFIX.length()));
    return e == null ? FakeRoute.UNKNOWN : e.route();
  }

  private static @Nullable Endpoint endpoint(String method, String path) {
    for (Endpoint e : ENDPOINTS) {
      if (e.method().equals(method) && e.path().matcher(path).matches()) {
        return e;
      }
    }
    return null;
  }

  /** Answers one request. */
  public Out handle(In in, FakeRoute route) {
    synchronized (state) {
      Out out = route == FakeRoute.TOKEN ? token(in) : api(in, route);
      return out.withHeader(
          "Date", DateTimeFormatter.RFC_1123_DATE_TIME.format(state.now().atOffset(java.time.ZoneOffset.UTC)));
    }
  }

  // ---- identity ----

  private Out token(In in) {
    String[] client = basic(in.header("Authorization"));
    Map<String, String> form = form(in.body());
    if (client == null || !client[0].equals(state.clientId) || !client[1].equals(state.clientSecret)) {
      state.countTokenRequest();
      return oauthError(401, "invalid_client", "Client authentication failed");
    }
    if (!"password".equals(form.get("grant_type"))) {
      state.countTokenRequest();
      return oauthError(400, "unsupported_grant_type", null);
    }
    String scope = form.getOrDefault("scope", "");
    if (!state.passwordFlowEnabled || !List.of(scope.split(" ")).contains("user_api.full_access")) {
      state.countTokenRequest();
      return oauthError(400, "invalid_scope", null);
    }
    if (!state.username.equals(form.get("username")) || !state.password.equals(form.get("password"))) {
      state.countTokenRequest();
      return oauthError(400, "invalid_grant", "invalid_username_or_password");
    }
    ObjectNode t = JSON.createObjectNode();
    t.put("access_token", state.issueToken());
    t.put("expires_in", state.tokenLifetime.getSeconds());
    t.put("token_type", "Bearer");
    t.put("scope", "user_api.full_access");
    return Out.json(200, t.toString()).withHeader("Cache-Control", "no-store");
  }

  private static Out oauthError(int status, String error, @Nullable String description) {
    ObjectNode e = JSON.createObjectNode().put("error", error);
    if (description != null) {
      e.put("error_description", description);
    }
    return Out.json(status, e.toString());
  }

  private static @Nullable String[] basic(@Nullable String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return null;
    }
    return new String[] {
      URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
      URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)
    };
  }

  private static Map<String, String> form(String body) {
    Map<String, String> out = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  // ---- Connect API ----

  private Out api(In in, FakeRoute route) {
    String auth = in.header("Authorization");
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : null;
    if (!state.tokenValid(token)) {
      return Out.empty(401).withHeader("WWW-Authenticate", "Bearer");
    }
    if (!state.admit()) {
      return Out.json(429, JSON.createObjectNode().put("Message", "Too many requests").toString())
          .withHeader("Retry-After", "1");
    }
    if (!state.accountHasRights && route != FakeRoute.UNKNOWN) {
      return error(403, "2203", "User does not have permission for this operation");
    }
    String path = in.path().substring(API_PREFIX.length());
    Endpoint e = endpoint(in.method(), path);
    if (e == null || e.route() != route) {
      return error(404, "2202", "Resource not found");
    }
    if (e.handler() == null) {
      List<JsonNode> all = new ArrayList<>();
      state.siteValues().forEach(s -> all.add(site(s)));
      return list(in, all, state.sitesAsBareArray);
    }
    Matcher m = e.path().matcher(path);
    m.matches();
    String siteId = m.group(1);
    if (!UUID.matcher(siteId).matches()) {
      return error(400, "1100", "The request is invalid.");
    }
    Out invalidBody = RequestShapes.check(route, in.method(), in.body());
    if (invalidBody != null) {
      return invalidBody;
    }
    SiteRec site = state.site(siteId);
    if (site == null) {
      return error(404, "2202", "Site not found");
    }
    if (!site.accessible) {
      return error(403, "2203", "User does not have permission for this operation");
    }
    return e.handler().handle(this, in, site, m);
  }

  /** An item of a log (entry or incident): what paging and filtering need, and its JSON. */
  private record Logged(String id, java.time.Instant at, java.time.Instant storedAt, @Nullable LockRec lock,
      ObjectNode json) {}

  /**
   * {@code GET /v1.1/sites/{id}/entries|incidents?$top=N&$orderby=utc_date_time desc[&$filter=…]}, the next
   * page asked for with the {@code CLP-Continuation-Token} request header (salto-ks-api.md §10; a token
   * in the query is not part of the API and is ignored, as ASP.NET ignores unknown parameters): the items
   * stored by now, newest first, a page at a time. The token names the last item handed out, so an item
   * stored late (older than that one) is not on a later page: "query a time range again". {@code $filter}
   * takes {@code lock_id eq '…'} and {@code utc_date_time ge|gt|le|lt datetime'…'} (or a quoted ISO time)
   * joined by {@code and}; anything else answers 400 1102.
   */
  private Out log(In in, java.util.stream.Stream<Logged> items) {
    int top;
    try {
      top = Integer.parseInt(in.query().getOrDefault("$top", "100"));
    } catch (NumberFormatException e) {
      return error(400, "1101", "$top must be a number");
    }
    String order = in.query().getOrDefault("$orderby", "utc_date_time desc");
    if (top < 1 || top > 1000 || !order.equals("utc_date_time desc")) {
      return error(400, "1101", "The request is invalid.");
    }
    java.util.function.Predicate<Logged> filter;
    try {
      filter = ODataFilter.parse(in.query().get("$filter"));
    } catch (IllegalArgumentException e) {
      return error(400, "1102", "The query specified in the URI is not valid.");
    }
    java.time.Instant now = state.now();
    java.util.Comparator<Logged> newestFirst = java.util.Comparator.comparing(Logged::at)
        .thenComparing(Logged::id).reversed();
    List<Logged> visible = new ArrayList<>();
    items.filter(e -> !e.storedAt().isAfter(now)).filter(filter).sorted(newestFirst).forEach(visible::add);
    String after = in.header("CLP-Continuation-Token");
    if (after == null || after.isBlank()) {
      after = in.header("continuationToken");
    }
    if (after != null && !after.isBlank()) {
      String[] parts;
      try {
        parts = new String(Base64.getUrlDecoder().decode(after.strip()), StandardCharsets.UTF_8).split("\\|");
        java.time.Instant.parse(parts[0]);
      } catch (RuntimeException e) {
        return error(400, "1100", "The continuation token is invalid.");
      }
      Logged last = new Logged(parts[1], java.time.Instant.parse(parts[0]), now, null, JSON.createObjectNode());
      visible.removeIf(e -> newestFirst.compare(e, last) <= 0);
    }
    ObjectNode env = JSON.createObjectNode();
    ArrayNode out = env.putArray("items");
    List<Logged> page = visible.subList(0, Math.min(top, visible.size()));
    page.forEach(e -> out.add(e.json()));
    if (visible.size() > page.size()) {
      Logged last = page.get(page.size() - 1);
      env.put("continuation_token", Base64.getUrlEncoder().encodeToString(
          (last.at() + "|" + last.id()).getBytes(StandardCharsets.UTF_8)));
    } else {
      env.putNull("continuation_token");
    }
    return Out.json(200, env.toString());
  }

  /** The OData {@code $filter} the fake takes on entries and incidents. */
  private static final class ODataFilter {
    private static final Pattern TERM = Pattern.compile(
        "\\s*(lock_id|utc_date_time)\\s+(eq|ge|gt|le|lt)\\s+(?:datetime|guid)?'([^']*)'\\s*");

    static java.util.function.Predicate<Logged> parse(@Nullable String filter) {
      java.util.function.Predicate<Logged> all = x -> true;
      if (filter == null || filter.isBlank()) {
        return all;
      }
      for (String term : filter.split("(?i)\\s+and\\s+")) {
        Matcher m = TERM.matcher(term);
        if (!m.matches()) {
          throw new IllegalArgumentException("not a term the fake takes");
        }
        String field = m.group(1);
        String op = m.group(2);
        String value = m.group(3);
        if (field.equals("lock_id")) {
          if (!op.equals("eq")) {
            throw new IllegalArgumentException("lock_id takes eq");
          }
          all = all.and(x -> x.lock() != null && x.lock().id.equalsIgnoreCase(value));
        } else {
          java.time.Instant t = time(value);
          switch (op) {
            case "ge": all = all.and(x -> !x.at().isBefore(t)); break;
            case "gt": all = all.and(x -> x.at().isAfter(t)); break;
            case "le": all = all.and(x -> !x.at().isAfter(t)); break;
            case "lt": all = all.and(x -> x.at().isBefore(t)); break;
            default: throw new IllegalArgumentException("utc_date_time takes ge, gt, le, lt");
          }
        }
      }
      return all;
    }

    private static java.time.Instant time(String v) {
      try {
        return java.time.Instant.parse(v);
      } catch (java.time.DateTimeException e) {
        try {
          return java.time.LocalDateTime.parse(v).toInstant(java.time.ZoneOffset.UTC);
        } catch (java.time.DateTimeException again) {
          throw new IllegalArgumentException("not a time");
        }
      }
    }
  }

  private static ObjectNode incident(IncidentRec i, SiteRec site) {
    return logItem(i.id(), i.category(), i.detail(), i.at(), i.lock(), i.iq(), site);
  }

  private static ObjectNode entry(EntryRec e, SiteRec site) {
    ObjectNode n = logItem(e.id(), e.category(), e.detail(), e.at(), e.lock(), e.lock().iq, site);
    n.put("user_id", e.userId());
    n.put("access_by", e.accessBy());
    n.put("ttl_in_seconds", 7_776_000);
    n.put("expiration_date_time", e.storedAt().plus(Duration.ofDays(90)).toString());
    return n;
  }

  /** The fields entries and incidents share ({@code EntryResponse}, {@code IncidentResponse}). */
  private static ObjectNode logItem(String id, String category, @Nullable String detail, java.time.Instant at,
      @Nullable LockRec lock, IqRec iq, SiteRec site) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", id);
    n.put("event_category", category);
    n.put("event_detail", detail);
    n.put("utc_date_time", at.toString());
    n.put("local_date_time", at.atZone(site.timeZone).toLocalDateTime().toString());
    n.put("lock_id", lock == null ? null : lock.id);
    n.put("lock_customer_reference", lock == null ? null : lock.name);
    n.put("iq_id", iq.id);
    n.put("iq_customer_reference", iq.name);
    return n;
  }

  // ---- users, guests, PINs, access groups, time schedules (§4.5–4.7) ----

  private Out listUsers(In in, SiteRec site) {
    List<JsonNode> all = new ArrayList<>();
    site.users.values().stream().filter(u -> state.listed(site, u.createdAt)).forEach(u -> all.add(user(u)));
    return list(in, all, false);
  }

  private static ObjectNode user(UserRec u) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", u.id);
    n.putObject("user").put("id", u.userId).putNull("email");
    ArrayNode roles = n.putArray("roles");
    u.roles.forEach(code -> roles.addObject().put("code", code).put("customer_reference", code));
    n.put("alias", u.alias);
    n.put("blocked", u.blocked);
    n.put("use_pin", u.usePin);
    n.put("subscription_state", u.subscriptionState);
    n.put("expires_at", u.expiresAt == null ? null : u.expiresAt.toString());
    return n;
  }

  private static Out withUser(SiteRec site, Matcher m, java.util.function.Function<UserRec, Out> then) {
    UserRec u = site.users.get(m.group(2));
    return u == null ? error(404, "2202", "User not found") : then.apply(u);
  }

  private static Out withGroup(SiteRec site, Matcher m, java.util.function.Function<GroupRec, Out> then) {
    GroupRec g = site.groups.get(m.group(2));
    return g == null ? error(404, "2202", "Access group not found") : then.apply(g);
  }

  private Out createGuest(In in, SiteRec site) {
    JsonNode body = parse(in.body());
    String alias = body == null ? "" : body.path("alias").asText("");
    if (alias.isBlank()) {
      return error(400, "1101", "The alias field is required.");
    }
    java.time.Instant expires = null;
    if (body.hasNonNull("expires_at")) {
      try {
        expires = java.time.Instant.parse(body.get("expires_at").asText());
      } catch (java.time.DateTimeException e) {
        return error(400, "1101", "expires_at is not a date");
      }
    }
    return Out.json(201, user(state.addGuest(site, alias, expires)).toString());
  }

  private static Out patchUser(In in, UserRec u) {
    JsonNode body = parse(in.body());
    if (body == null || body.has("subscription_state")) {
      return error(400, "1101", "The request is invalid.");
    }
    if (body.has("blocked")) {
      u.blocked = body.get("blocked").asBoolean();
    }
    if (body.has("use_pin")) {
      u.usePin = body.get("use_pin").asBoolean();
    }
    return Out.json(200, user(u).toString());
  }

  private static Out deleteUser(SiteRec site, UserRec u) {
    site.users.remove(u.id); // the seat is free at once
    site.groups.values().forEach(g -> g.userIds.remove(u.userId));
    return Out.empty(202);
  }

  private Out generatePin(In in, SiteRec site, UserRec u) {
    if (state.propagating(site, u)) {
      return error(403, "2203", "User does not have permission for this operation on this user");
    }
    JsonNode body = parse(in.body());
    java.time.Instant expiry = null;
    if (body != null && body.hasNonNull("expiry_date")) {
      expiry = instant(body.get("expiry_date").asText(), site.timeZone);
      java.time.Instant now = state.now();
      if (expiry.isBefore(now.plus(Duration.ofDays(1)).minus(Duration.ofMinutes(5)))
          || expiry.isAfter(now.plus(Duration.ofDays(366)))) {
        return error(400, "1101", "Allowed values for expiry_date are from 1 day to 1 year.");
      }
    }
    u.pinExpiry = expiry;
    u.pin = state.newPin(site); // every call rotates it
    return Out.json(200, JSON.getNodeFactory().textNode(u.pin).toString());
  }

  private static List<JsonNode> roles() {
    List<JsonNode> out = new ArrayList<>();
    for (String code : new String[] {"site_user", "site_admin", "site_guest"}) {
      out.add(JSON.createObjectNode().put("id", java.util.UUID.nameUUIDFromBytes(code.getBytes(StandardCharsets.UTF_8))
          .toString()).put("code", code).put("customer_reference", code));
    }
    return out;
  }

  private static Out subscription(SiteRec site) {
    ObjectNode n = JSON.createObjectNode().put("user_amount", site.seats).put("type", "fake");
    ArrayNode f = n.putArray("features");
    site.features.forEach(f::add);
    return Out.json(200, n.toString());
  }

  private Out listGroups(In in, SiteRec site) {
    List<JsonNode> all = new ArrayList<>();
    site.groups.values().stream().filter(g -> state.listed(site, g.writtenAt.get(g.id)))
        .forEach(g -> all.add(JSON.createObjectNode().put("id", g.id).put("customer_reference", g.name)));
    return list(in, all, false);
  }

  private Out createGroup(In in, SiteRec site) {
    JsonNode body = parse(in.body());
    String name = body == null ? "" : body.path("customer_reference").asText("");
    if (name.isBlank()) {
      return error(400, "1101", "The customer_reference field is required.");
    }
    GroupRec g = new GroupRec(name);
    g.writtenAt.put(g.id, state.now());
    site.groups.put(g.id, g);
    return Out.json(200, JSON.createObjectNode().put("id", g.id).put("customer_reference", name).toString());
  }

  /** A group's locks as the document answers them: {@code LockSummaryResponse {id, customer_reference}}. */
  private Out groupLocks(SiteRec site, GroupRec g) {
    return members(site, g, g.lockIds, (id, item) -> {
      LockRec l = site.locks.get(id);
      item.put("id", id).put("customer_reference", l == null ? null : l.name);
    });
  }

  /**
   * A group's users as the document answers them: {@code UserShortResponse {id, first_name, last_name}},
   * the id being the platform user id (what {@code POST …/users} takes as {@code user_id}).
   */
  private Out groupUsers(SiteRec site, GroupRec g) {
    return members(site, g, g.userIds, (id, item) -> item.put("id", id).putNull("first_name").putNull("last_name"));
  }

  private Out members(SiteRec site, GroupRec g, java.util.Set<String> ids,
      java.util.function.BiConsumer<String, ObjectNode> item) {
    ObjectNode env = JSON.createObjectNode();
    ArrayNode items = env.putArray("items");
    for (String id : listed(site, g, ids)) {
      item.accept(id, items.addObject());
    }
    env.putNull("next_page_link");
    env.put("count", items.size());
    return Out.json(200, env.toString());
  }

  /** A group's members as a lagging list shows them: those written long enough ago. */
  private List<String> listed(SiteRec site, GroupRec g, java.util.Set<String> ids) {
    List<String> out = new ArrayList<>();
    for (String id : ids) {
      if (state.listed(site, g.writtenAt.get(id))) {
        out.add(id);
      }
    }
    return out;
  }

  private Out addGroupLock(In in, SiteRec site, GroupRec g) {
    JsonNode body = parse(in.body());
    String lockId = body == null ? "" : body.path("lock_id").asText("");
    if (!site.locks.containsKey(lockId)) {
      return error(404, "2202", "Lock not found");
    }
    g.lockIds.add(lockId);
    g.writtenAt.put(lockId, state.now());
    return Out.empty(201);
  }

  private Out addGroupUser(In in, SiteRec site, GroupRec g) {
    JsonNode body = parse(in.body());
    String userId = body == null ? "" : body.path("user_id").asText("");
    UserRec u = site.users.values().stream().filter(x -> x.userId.equals(userId)).findFirst().orElse(null);
    if (u == null || state.propagating(site, u)) { // a site-user id is not found either: the measured trap
      return error(404, "2202", "User not found");
    }
    g.userIds.add(userId);
    g.writtenAt.put(userId, state.now());
    return Out.empty(201);
  }

  private static Out putSchedule(In in, GroupRec g, @Nullable String id) {
    JsonNode b = parse(in.body());
    if (b == null || b.has("days")) {
      return error(400, "1101", "The request is invalid.");
    }
    java.util.Set<java.time.DayOfWeek> days = java.util.EnumSet.noneOf(java.time.DayOfWeek.class);
    for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
      if (b.path(d.name().toLowerCase(java.util.Locale.ROOT)).asBoolean(false)) {
        days.add(d);
      }
    }
    if (days.isEmpty()) {
      return error(400, "1101", "At least one day should be selected");
    }
    try {
      java.time.LocalTime start = java.time.LocalTime.parse(b.path("start_time").asText());
      java.time.LocalTime end = java.time.LocalTime.parse(b.path("end_time").asText()).withSecond(59);
      ScheduleRec sc = new ScheduleRec(id == null ? java.util.UUID.randomUUID().toString() : id,
          days, start, end, java.time.LocalDateTime.parse(b.path("start_date").asText()),
          java.time.LocalDateTime.parse(b.path("end_date").asText()));
      g.schedules.put(sc.id(), sc);
      return Out.json(id == null ? 201 : 200, schedule(sc).toString());
    } catch (java.time.DateTimeException e) {
      return error(400, "1101", "The request is invalid.");
    }
  }

  private static ObjectNode schedule(ScheduleRec sc) {
    ObjectNode n = JSON.createObjectNode().put("id", sc.id());
    for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
      n.put(d.name().toLowerCase(java.util.Locale.ROOT), sc.days().contains(d));
    }
    n.put("start_time", sc.start().toString().length() == 5 ? sc.start() + ":00" : sc.start().toString());
    n.put("end_time", String.format("%02d:%02d:%02d", sc.end().getHour(), sc.end().getMinute(), sc.end().getSecond()));
    n.put("start_date", sc.from().toString());
    n.put("end_date", sc.until().toString());
    return n;
  }

  private Out listLocks(In in, SiteRec site) {
    List<JsonNode> locks = new ArrayList<>();
    site.locks.values().forEach(l -> locks.add(lock(l)));
    return list(in, locks, false);
  }

  private Out listIqs(In in, SiteRec site) {
    List<JsonNode> iqs = new ArrayList<>();
    site.iqs.values().forEach(i -> iqs.add(iq(i)));
    return list(in, iqs, false);
  }

  private static Out withLock(SiteRec site, Matcher m, java.util.function.Function<LockRec, Out> then) {
    LockRec lock = site.locks.get(m.group(2));
    return lock == null ? error(404, "2202", "Lock not found") : then.apply(lock);
  }

  private static Out withIq(SiteRec site, Matcher m, java.util.function.Function<IqRec, Out> then) {
    IqRec iq = site.iqs.get(m.group(2));
    return iq == null ? error(404, "2202", "Iq not found") : then.apply(iq);
  }

  private Out iqRoute(In in, FakeRoute route, IqRec iq) {
    switch (route) {
      case GET_IQ:
        return Out.json(200, iq(iq).toString());
      case IQ_SECRET:
        if (iq.activated) {
          return error(403, "2203", "Cannot get first secret for an already activated Iq.");
        }
        return Out.json(200, JSON.createObjectNode().put("secret", iq.secret).toString());
      case IQ_SEND_PIN:
        if (iq.activated) {
          return Out.json(403, JSON.createObjectNode().put("error", "command_forbidden").toString());
        }
        if (iq.pin == null) {
          iq.pin = FakeState.randomPin();
          iq.lockPin = iq.pin;
        }
        state.sendEmail(iq, iq.pin);
        return Out.empty(204);
      default:
        return changePin(in, iq);
    }
  }

  private Out changePin(In in, IqRec iq) {
    JsonNode body = parse(in.body());
    String otp = body == null ? null : text(body, "otp");
    String delta = body == null ? null : text(body, "delta");
    if (otp == null || otp.isBlank()) {
      return error(400, "1100", "The otp field is required.");
    }
    if (delta == null || !delta.matches("[0-9]{4}")) {
      return error(400, "1101", "The delta field must have 4 digits.");
    }
    Out refused = checkOtp(iq, otp, iq.pin, "pin"); // the cloud checks this one
    if (refused != null) {
      return refused;
    }
    iq.pin = FakeOtp.applyDelta(iq.pin, delta);
    iq.pinSet = true;
    if (state.lockFollowsPinChanges || iq.lockPin == null) {
      iq.lockPin = iq.pin;
    }
    if (!iq.activated) {
      iq.activated = true;
      iq.activationDate = state.now();
    }
    return Out.empty(204);
  }

  private Out open(In in, SiteRec site, LockRec lock) {
    JsonNode body = parse(in.body());
    String otp = body == null ? null : text(body, "otp");
    if (body == null || !"unlocked".equals(text(body, "locked_state"))) {
      return error(400, "1101", "locked_state must be unlocked");
    }
    if (otp == null || otp.isBlank()) {
      return error(404, "2202", "Otp is invalid");
    }
    if (lock.iq.pin == null) { // the service account never got an IQ PIN (measured in production)
      return error(404, "3104", "Cannot find pin for accessor");
    }
    if (!lock.iq.pinSet) {
      return error(400, "3102", "Request execution failed with code: pin_not_changed");
    }
    Out refused = checkOtp(lock.iq, otp, lock.iq.lockPin, "locking"); // the IQ checks it, with its own PIN
    if (refused != null) {
      return refused;
    }
    state.recordOpening(site, lock);
    return Out.json(200, "{}");
  }

  /** Checks an OTP for an IQ, counting failures up to the block; null when it is right. */
  /**
   * Checks an OTP against a PIN. Wrong OTPs are counted per command, as SALTO was seen to do: after
   * {@code otpFailuresBeforeBlock} wrong ones in a row, the next call is answered {@code otp_blocked}
   * and the IQ is blocked for 20 minutes.
   */
  private @Nullable Out checkOtp(IqRec iq, String otp, @Nullable String pin, String command) {
    state.recordOtpAttempt(iq.id, otp);
    java.time.Instant now = state.now();
    if (iq.blockedUntil != null && now.isBefore(iq.blockedUntil)) {
      return otpError(403, "otp_blocked");
    }
    int failures = iq.otpFailures.getOrDefault(command, 0);
    if (failures >= state.otpFailuresBeforeBlock) {
      iq.blockedUntil = now.plus(Duration.ofMinutes(20));
      iq.otpFailures.clear();
      return otpError(403, "otp_blocked");
    }
    boolean right = pin != null
        && FakeOtp.matches(otp, now, state.otpLookBack, state.otpLookAhead, iq.secret, pin);
    if (right) {
      iq.otpFailures.remove(command);
      return null;
    }
    iq.otpFailures.put(command, failures + 1);
    return otpError(400, "otp_invalid");
  }


  private static Out otpError(int status, String message) {
    return Out.json(status, JSON.createObjectNode().put("ErrorCode", 3102).put("Message", message).toString());
  }

  private Out activatedIqs(In in, SiteRec site) {
    List<JsonNode> items = new ArrayList<>();
    for (IqRec iq : site.iqs.values()) {
      ObjectNode n = JSON.createObjectNode();
      n.put("iq_id", iq.id);
      n.put("activated", iq.activated);
      if (iq.activationDate != null) {
        n.put("activation_date", iq.activationDate.toString());
      } else {
        n.putNull("activation_date");
      }
      items.add(n);
    }
    return list(in, items, false);
  }

  // ---- rendering ----

  private Out list(In in, List<JsonNode> all, boolean bare) {
    if (bare) {
      ArrayNode a = JSON.createArrayNode();
      all.forEach(a::add);
      return Out.json(200, a.toString());
    }
    int size = Math.max(1, state.pageSize);
    int page = 0;
    try {
      page = Math.max(0, Integer.parseInt(in.query().getOrDefault("page", "0")));
    } catch (NumberFormatException e) {
      return error(400, "1101", "page must be a number");
    }
    int from = Math.min(all.size(), page * size);
    int to = Math.min(all.size(), from + size);
    ObjectNode env = JSON.createObjectNode();
    ArrayNode items = env.putArray("items");
    all.subList(from, to).forEach(items::add);
    if (to < all.size()) {
      env.put("next_page_link", in.baseUrl() + in.path() + "?page=" + (page + 1));
    } else {
      env.putNull("next_page_link");
    }
    env.put("count", all.size());
    return Out.json(200, env.toString());
  }

  private static ObjectNode site(SiteRec s) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", s.id);
    n.put("site_uid", s.siteUid);
    n.put("customer_reference", s.name);
    n.put("time_zone", s.timeZone.getId());
    n.put("installation_state", "released");
    n.put("subscription_valid", true);
    n.put("pin_enabled", true);
    n.put("active_iq_amount", s.iqs.size());
    return n;
  }

  private static ObjectNode lock(LockRec l) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", l.id);
    n.put("customer_reference", l.name);
    n.put("online", l.online);
    n.put("locked_state", l.lockedState);
    n.put("lock_type", l.lockType);
    n.put("battery_level", l.battery);
    n.put("iq_link_state", l.iqLinkState);
    n.put("privacy_mode", l.privacyMode);
    n.put("left_open_alarm", l.leftOpenAlarm);
    n.put("intrusion_alarm", l.intrusionAlarm);
    n.put("offline_access_keys_count", l.offlineKeys);
    n.put("offline_access_keys_limit", l.offlineKeysLimit);
    ObjectNode iq = n.putObject("iq");
    iq.put("id", l.iq.id);
    iq.put("customer_reference", l.iq.name);
    iq.put("is_online", l.iq.online);
    iq.put("otp_enabled", l.iq.otpEnabled);
    iq.put("revision", "2.0");
    return n;
  }

  private static ObjectNode iq(IqRec i) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", i.id);
    n.put("customer_reference", i.name);
    n.put("online", i.online);
    n.put("state", "active");
    n.put("otp_enabled", i.otpEnabled);
    n.put("data_sync_state", "synced");
    n.put("restore_required", false);
    return n;
  }

  static Out error(int status, String code, String message) {
    return Out.json(status, JSON.createObjectNode().put("ErrorCode", code).put("Message", message).toString());
  }

  private static @Nullable JsonNode parse(String body) {
    try {
      return body.isBlank() ? null : JSON.readTree(body);
    } catch (Exception e) {
      return null;
    }
  }

  /**
   * A .NET DateTime as SALTO reads one: with an offset, that instant; without, the site's local time; a
   * bare date, midnight at its start (the trap of sending a date for "the last day").
   */
  private static java.time.Instant instant(String v, java.time.ZoneId zone) {
    try {
      return java.time.OffsetDateTime.parse(v).toInstant();
    } catch (java.time.DateTimeException e) {
      try {
        return java.time.LocalDateTime.parse(v).atZone(zone).toInstant();
      } catch (java.time.DateTimeException again) {
        return java.time.LocalDate.parse(v).atStartOfDay(zone).toInstant();
      }
    }
  }

  private static @Nullable String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }
}
