package nl.ireserve.saltoks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import nl.ireserve.saltoks.exception.SaltoAccessorPinMissingException;
import nl.ireserve.saltoks.exception.SaltoApiException.Details;
import nl.ireserve.saltoks.exception.SaltoApiException;
import nl.ireserve.saltoks.exception.SaltoAuthenticationException.Reason;
import nl.ireserve.saltoks.exception.SaltoAuthenticationException;
import nl.ireserve.saltoks.exception.SaltoNotFoundException;
import nl.ireserve.saltoks.exception.SaltoOpenOutcomeUnknownException;
import nl.ireserve.saltoks.exception.SaltoOtpBlockedException;
import nl.ireserve.saltoks.exception.SaltoOtpInvalidException;
import nl.ireserve.saltoks.exception.SaltoPermissionException;
import nl.ireserve.saltoks.exception.SaltoPinNotSetException;
import nl.ireserve.saltoks.exception.SaltoRateLimitedException;
import nl.ireserve.saltoks.exception.SaltoServerException;
import org.jspecify.annotations.Nullable;

/**
 * Feign's {@link feign.codec.ErrorDecoder}, and the SDK's error mapping: turns an HTTP error answer
 * into the typed exception, with a message that says what to check, and says whether the
 * {@link RetryLoop} may send the call again. Statuses and codes are mapped by a table of rules, read
 * top-down. The body is parsed for SALTO's {@code ErrorCode}/{@code Message} (v1.x), OAuth's {@code
 * error}/{@code error_description}, or RFC 7807; it is never copied into a message.
 *
 * <p>One instance for the Connect API ({@link #connectApi}) and one for the identity server's token
 * endpoint ({@link #identity}); they differ in their rules only.
 */
final class ErrorMapper implements feign.codec.ErrorDecoder {
  static final String OTP_CAUSES =
      "Likely causes: the IQ secret was rotated (the IQ was activated in the KS mobile app), the"
          + " IQ PIN is wrong, or this host's clock is off";
  private static final int MAX_ERROR_BODY = 64 * 1024;

  /** What an error answer said. */
  record Facts(int status, String code, String text, boolean json, Details details, String head,
      boolean sentBody) {
    boolean otpCode() {
      return code.equals("3102") || text.contains("otp_");
    }
  }

  /** Makes the exception for an answer that matched a rule. */
  @FunctionalInterface
  interface Maker {
    SaltoApiException make(Facts f);
  }

  /** One row of the table: when it applies, and what it makes. */
  record Rule(Predicate<Facts> when, Maker make) {}

  /** 1100 for a request with a body: SALTO read the body as not matching its request schema. */
  private static final String ADVICE_1100_BODY = "SALTO KS called the request body invalid (1100): a field"
      + " its schema does not name, a null where it takes a value, or a value of the wrong type or format."
      + " The SDK sends only the documented fields; check the values given (ids, times), and report this"
      + " with the request id if they are right.";

  private static final Map<String, String> ADVICE_400 = Map.of(
      "1100", "SALTO KS called the request invalid (1100). When a site is involved, check that the"
          + " site's UUID is used, not its site UID.",
      "1101", "SALTO KS refused a value in the request (1101).",
      "1102", "SALTO KS refused the query filter (1102).",
      "2210", "The site is not released yet (2210); finish its installation in SALTO KS.",
      "2203", "SALTO KS does not allow this operation (2203).");

  private final List<Rule> rules;
  private final boolean reauthorizeOn401;
  private final Clock clock;

  private ErrorMapper(List<Rule> rules, boolean reauthorizeOn401, Clock clock) {
    this.rules = rules;
    this.reauthorizeOn401 = reauthorizeOn401;
    this.clock = clock;
  }

  /** The mapping of Connect API answers. */
  static ErrorMapper connectApi(String environment, Clock clock) {
    return new ErrorMapper(List.of(
        new Rule(f -> f.status() == 401, f -> new SaltoAuthenticationException(f.head()
            + "SALTO KS rejected the access token. Check that the client id and secret belong to the "
            + environment + " environment (acceptance ≠ production) and have not expired (manual 1.6,"
            + " problem 3: 401 → incorrect client ID/secret).", f.details(), Reason.TOKEN_REJECTED)),
        new Rule(f -> f.text().contains("pin_not_changed"),
            f -> new SaltoPinNotSetException(f.head() + "The IQ's PIN was never set for the service account"
                + " (pin_not_changed): its activation stopped after GET PIN. Set the PIN first: finish the"
                + " activation with IqSetup.activate, keeping the e-mailed PIN (manual 1.4).", f.details())),
        new Rule(f -> f.code().equals("3104") || f.text().contains("cannot find pin for accessor"),
            f -> new SaltoAccessorPinMissingException(f.head() + "SALTO KS has no IQ PIN for the service"
                + " account (3104, \"Cannot find pin for accessor\"): the account was never activated at this"
                + " lock's IQ, or its activation was removed. Activate the IQ for the service account (GET PIN,"
                + " then activate keeping the e-mailed PIN, manual 1.4); the lock itself exists.", f.details())),
        new Rule(f -> f.status() == 400 && f.code().equals("1100") && f.sentBody(),
            f -> new SaltoApiException(f.head() + ADVICE_1100_BODY, f.details())),
        new Rule(f -> (f.status() == 403 && (f.otpCode() || f.text().contains("blocked")))
                || f.text().contains("otp_blocked"),
            f -> new SaltoOtpBlockedException(f.head() + "Remote opening is blocked for this IQ after"
                + " repeated wrong one-time passwords; the block clears by itself after about 20"
                + " minutes (tags keep working). " + OTP_CAUSES
                + ". Verify or replace the IQ key before opening again.", f.details())),
        new Rule(f -> (f.status() == 400 && f.otpCode()) || f.text().contains("otp_invalid")
                || (f.status() == 404 && f.text().contains("otp")),
            f -> new SaltoOtpInvalidException(f.head() + "SALTO KS refused the one-time password. "
                + OTP_CAUSES + ". No further one-time password is sent for this IQ until its key is"
                + " verified again or replaced.", f.details())),
        new Rule(f -> f.status() == 403 && f.code().equals("2212"),
            f -> new SaltoPermissionException(f.head() + "The site has no valid SALTO KS subscription;"
                + " ask the site owner to renew it.", f.details())),
        new Rule(f -> f.status() == 403,
            f -> new SaltoPermissionException(f.head() + "The KS service account lacks rights for this"
                + " operation. Give it administrative rights on the site (manual 1.5, problem 3: 403 →"
                + " insufficient permissions).", f.details())),
        new Rule(f -> f.status() == 404,
            f -> new SaltoNotFoundException(f.head() + "Not found for this account in the " + environment
                + " environment. Check the id and the environment (acceptance vs production), and that"
                + " the Site UID and UUID match (problem 3). A 404 on every path means the environment"
                + " itself is down.", f.details())),
        new Rule(f -> f.status() == 429,
            f -> new SaltoRateLimitedException(f.head()
                + "SALTO KS asked to slow down (too many requests). Try again later.", f.details())),
        new Rule(f -> f.status() >= 500 && f.json(),
            f -> new SaltoServerException(f.head()
                + "SALTO KS had a server error; usually temporary. Try again later.", f.details())),
        new Rule(f -> !f.json(),
            f -> new SaltoServerException(f.head() + "The answer is not SALTO's JSON (an HTML page from a"
                + " proxy or firewall?). Check the network path to SALTO and try again later.",
                f.details())),
        new Rule(f -> true, f -> new SaltoApiException(
            f.head() + ADVICE_400.getOrDefault(f.code(), "SALTO KS refused the request."), f.details()))),
        true, clock);
  }

  /** The mapping of the identity server's token endpoint. */
  static ErrorMapper identity(String environment, Clock clock) {
    return new ErrorMapper(List.of(
        new Rule(f -> f.code().equals("invalid_client") || (f.status() == 401 && f.code().isEmpty()),
            f -> new SaltoAuthenticationException(f.head() + "The identity server rejected the client id"
                + " or client secret. Check that they were copied without spaces, belong to the "
                + environment + " environment (acceptance ≠ production) and have not expired (manual"
                + " 1.6).", f.details(), Reason.INVALID_CLIENT)),
        new Rule(f -> f.code().equals("invalid_grant"),
            f -> new SaltoAuthenticationException(f.head() + "The identity server rejected the KS user"
                + " name or password. Use the KS service account (not a personal e-mail address) and its"
                + " current password (manual 1.5).", f.details(), Reason.INVALID_GRANT)),
        new Rule(f -> List.of("invalid_scope", "unauthorized_client", "unsupported_grant_type")
                .contains(f.code()),
            f -> new SaltoAuthenticationException(f.head() + "This client id may not use the password"
                + " flow with scope user_api.full_access. Ask SALTO (api@my-clay.com) to enable the"
                + " password flow for it.", f.details(), Reason.FLOW_NOT_ENABLED)),
        new Rule(f -> f.status() == 404 || f.status() >= 500 || !f.json(),
            f -> new SaltoServerException(f.head() + "The " + environment + " identity server is not"
                + " answering as expected; the environment may be down (acceptance has outages) or the"
                + " identity URL is wrong. Try again later.", f.details())),
        new Rule(f -> f.status() == 429,
            f -> new SaltoRateLimitedException(f.head() + "The identity server asked to slow down.",
                f.details())),
        new Rule(f -> true, f -> new SaltoAuthenticationException(f.head() + "The identity server"
            + " refused the sign-in. Check the client id/secret and the KS service account (manual"
            + " 1.5, 1.6).", f.details(), Reason.OTHER))),
        false, clock);
  }

  @Override
  public Exception decode(String methodKey, feign.Response response) {
    Operation op = Operation.of(response.request());
    int status = response.status();
    byte[] body = errorBody(response);
    Duration retryAfter = retryAfter(response);
    String requestId = Bodies.requestId(response);
    byte[] sent = response.request().body();
    boolean sentBody = sent != null && sent.length > 0;
    return new Failure(response.request(), status, retry(op, status), retryAfter,
        attempts -> exception(op, status, body, requestId, retryAfter, attempts, sentBody));
  }

  private static byte[] errorBody(feign.Response response) {
    try {
      return Bodies.read(response, MAX_ERROR_BODY);
    } catch (IOException e) {
      return new byte[0]; // the status is the answer; a broken-off error body changes nothing
    }
  }

  private Failure.Retry retry(Operation op, int status) {
    if (status == 401 && reauthorizeOn401) {
      return Failure.Retry.WITH_FRESH_TOKEN;
    }
    if (op.command() && mayHaveActed(status)) {
      return Failure.Retry.NO; // SALTO may have acted on the command: never sent again
    }
    boolean refusedBeforeActing = status == 429 || status == 503;
    boolean gatewayTrouble = status == 502 || status == 504;
    return refusedBeforeActing || (gatewayTrouble && op.isRead())
        ? Failure.Retry.AFTER_BACKOFF
        : Failure.Retry.NO;
  }

  /**
   * Whether a command answered with this status may still have been carried out: every server or
   * gateway error (500, 502, 504, a CDN's 52x, …) and a request timeout (408, 499), except the few
   * that say the request was not processed (501 not implemented, 503 unavailable, 505 version, 511 a
   * captive portal in the way). When in doubt, unknown: an unknown outcome is never re-sent.
   */
  private static boolean mayHaveActed(int status) {
    return (status >= 500 && status != 501 && status != 503 && status != 505 && status != 511)
        || status == 408 || status == 499;
  }

  private nl.ireserve.saltoks.exception.SaltoKsException exception(Operation op, int status, byte[] body,
      @Nullable String requestId, @Nullable Duration retryAfter, int attempts, boolean sentBody) {
    SaltoApiException mapped = map(op, status, body, requestId, retryAfter, attempts, sentBody);
    if (op.command() && mayHaveActed(status)) {
      return new SaltoOpenOutcomeUnknownException(
          op.name() + " got HTTP " + status + " from SALTO KS or a gateway in between; the command may"
              + " or may not have taken effect, so it is not sent again. " + op.unknownOutcomeAdvice(),
          mapped, attempts);
    }
    return mapped;
  }

  /** The typed exception for an error answer: the first rule that applies. */
  SaltoApiException map(Operation op, int status, byte[] body, @Nullable String requestId,
      @Nullable Duration retryAfter, int attempts, boolean sentBody) {
    JsonNode n = parse(body);
    boolean json = n != null;
    String code = n == null ? null : first(n, "ErrorCode", "errorCode", "error_code", "error");
    String message = n == null ? null : first(n, "Message", "message", "error_description", "title");
    Details details = new Details(status, code, message, requestId, retryAfter, attempts);
    Facts facts = new Facts(status, code == null ? "" : code,
        message == null ? "" : message.toLowerCase(Locale.ROOT), json, details,
        head(op, status, code, requestId), sentBody);
    for (Rule r : rules) {
      if (r.when().test(facts)) {
        return r.make().make(facts);
      }
    }
    throw new IllegalStateException("the last rule applies to every answer");
  }

  private static @Nullable JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static @Nullable String first(JsonNode n, String... fields) {
    if (!n.isObject()) {
      return null;
    }
    for (String f : fields) {
      JsonNode v = n.get(f);
      if (v != null && v.isValueNode() && !v.isNull() && !v.asText().isBlank()) {
        return v.asText().strip();
      }
    }
    return null;
  }

  private static String head(Operation op, int status, @Nullable String code, @Nullable String requestId) {
    StringBuilder sb = new StringBuilder("SALTO KS answered ").append(op.name()).append(" with HTTP ");
    sb.append(status);
    if (code != null && code.length() <= 40) {
      sb.append(" (").append(code.replaceAll("[^A-Za-z0-9_.-]", "?")).append(')');
    }
    return sb.append(requestIdPart(requestId)).append(". ").toString();
  }

  static String requestIdPart(@Nullable String requestId) {
    return requestId == null ? "" : " [request id " + requestId.replaceAll("[^A-Za-z0-9_.:-]", "?") + "]";
  }

  /** The {@code Retry-After} delay in seconds or as an HTTP date, or {@code null}. */
  private @Nullable Duration retryAfter(feign.Response r) {
    String v = Bodies.header(r, "retry-after");
    if (v == null || v.isBlank()) {
      return null;
    }
    v = v.strip();
    if (v.matches("[0-9]{1,9}")) {
      return Duration.ofSeconds(Long.parseLong(v));
    }
    Instant at = ServerClock.parseHttpDate(v);
    if (at == null) {
      return null;
    }
    Instant serverNow = ServerClock.parseHttpDate(Bodies.header(r, "date"));
    Duration d = Duration.between(serverNow != null ? serverNow : clock.instant(), at);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
