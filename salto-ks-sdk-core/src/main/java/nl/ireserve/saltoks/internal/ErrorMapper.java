package nl.ireserve.saltoks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javax.annotation.Nullable;
import nl.ireserve.saltoks.SaltoApiException;
import nl.ireserve.saltoks.SaltoAuthenticationException;
import nl.ireserve.saltoks.SaltoAuthenticationException.Reason;
import nl.ireserve.saltoks.SaltoNotFoundException;
import nl.ireserve.saltoks.SaltoOtpBlockedException;
import nl.ireserve.saltoks.SaltoOtpInvalidException;
import nl.ireserve.saltoks.SaltoPermissionException;
import nl.ireserve.saltoks.SaltoRateLimitedException;
import nl.ireserve.saltoks.SaltoServerException;

/**
 * Turns an HTTP error answer into the typed exception with a message that says what to check. The
 * body is parsed for SALTO's {@code ErrorCode}/{@code Message} (v1.x), OAuth's {@code
 * error}/{@code error_description}, or RFC 7807; it is never copied into a message.
 */
public final class ErrorMapper {
  static final String OTP_CAUSES =
      "Likely causes: the IQ secret was rotated (the IQ was activated in the KS mobile app), the"
          + " IQ PIN is wrong, or this host's clock is off";

  private final String environment;
  private final Clock clock;

  /** A mapper whose messages name the environment. */
  public ErrorMapper(String environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  /** Parsed error fields. */
  record ErrorBody(@Nullable String code, @Nullable String message, boolean json) {}

  static ErrorBody parse(byte[] body) {
    JsonNode n;
    try {
      n = Json.parse(body);
    } catch (IOException | RuntimeException e) {
      return new ErrorBody(null, null, false);
    }
    if (n == null || !n.isObject()) {
      return new ErrorBody(null, null, n != null);
    }
    String code = first(n, "ErrorCode", "errorCode", "error_code", "error");
    String message = first(n, "Message", "message", "error_description", "title");
    return new ErrorBody(code, message, true);
  }

  private static @Nullable String first(JsonNode n, String... fields) {
    for (String f : fields) {
      String v = Json.text(n, f);
      if (v != null && !v.isBlank()) {
        return v.strip();
      }
    }
    return null;
  }

  /** Maps an error answer of the Connect API. */
  public SaltoApiException api(Operation op, HttpAnswer a, int attempts) {
    ErrorBody b = parse(a.body());
    SaltoApiException.Details d = details(a, b, attempts);
    String code = b.code() == null ? "" : b.code();
    String text = b.message() == null ? "" : b.message().toLowerCase(Locale.ROOT);
    String head = head(op, a.status(), b, a.requestId());
    int s = a.status();
    boolean otpCode = code.equals("3102") || text.contains("otp_");
    if (s == 401) {
      return new SaltoAuthenticationException(
          head
              + "SALTO KS rejected the access token. Check that the client id and secret belong to"
              + " the "
              + environment
              + " environment (acceptance ≠ production) and have not expired (manual 1.6,"
              + " problem 3: 401 → incorrect client ID/secret).",
          d,
          Reason.TOKEN_REJECTED);
    }
    if ((s == 403 && (otpCode || text.contains("blocked"))) || text.contains("otp_blocked")) {
      return new SaltoOtpBlockedException(
          head
              + "Remote opening is blocked for this IQ after repeated wrong one-time passwords; the"
              + " block clears by itself after about 20 minutes (tags keep working). "
              + OTP_CAUSES
              + ". Verify or replace the IQ key before opening again.",
          d);
    }
    if ((s == 400 && otpCode) || text.contains("otp_invalid") || (s == 404 && text.contains("otp"))) {
      return new SaltoOtpInvalidException(
          head
              + "SALTO KS refused the one-time password. "
              + OTP_CAUSES
              + ". No further one-time password is sent for this IQ until its key is verified"
              + " again or replaced.",
          d);
    }
    if (s == 403) {
      String why =
          code.equals("2212")
              ? "The site has no valid SALTO KS subscription; ask the site owner to renew it."
              : "The KS service account lacks rights for this operation. Give it administrative"
                  + " rights on the site (manual 1.5, problem 3: 403 → insufficient"
                  + " permissions).";
      return new SaltoPermissionException(head + why, d);
    }
    if (s == 404) {
      return new SaltoNotFoundException(
          head
              + "Not found for this account in the "
              + environment
              + " environment. Check the id and the environment (acceptance vs production), and"
              + " that the Site UID and UUID match (problem 3). A 404 on every path means the"
              + " environment itself is down.",
          d);
    }
    if (s == 429) {
      return new SaltoRateLimitedException(
          head + "SALTO KS asked to slow down (too many requests). Try again later.", d);
    }
    if (s >= 500 || !b.json()) {
      return new SaltoServerException(
          head
              + (b.json()
                  ? "SALTO KS had a server error; usually temporary. Try again later."
                  : "The answer is not SALTO's JSON (an HTML page from a proxy or firewall?)."
                      + " Check the network path to SALTO and try again later."),
          d);
    }
    return new SaltoApiException(head + advice400(code), d);
  }

  private static String advice400(String code) {
    switch (code) {
      case "1100":
        return "SALTO KS called the request invalid (1100). When a site is involved, check that the"
            + " site's UUID is used, not its site UID.";
      case "1101":
        return "SALTO KS refused a value in the request (1101).";
      case "1102":
        return "SALTO KS refused the query filter (1102).";
      case "2210":
        return "The site is not released yet (2210); finish its installation in SALTO KS.";
      case "2203":
        return "SALTO KS does not allow this operation (2203).";
      default:
        return "SALTO KS refused the request.";
    }
  }

  /** Maps an error answer of the identity server's token endpoint. */
  public SaltoApiException token(Operation op, HttpAnswer a, int attempts) {
    ErrorBody b = parse(a.body());
    SaltoApiException.Details d = details(a, b, attempts);
    String code = b.code() == null ? "" : b.code();
    String head = head(op, a.status(), b, a.requestId());
    if (code.equals("invalid_client") || (a.status() == 401 && code.isEmpty())) {
      return new SaltoAuthenticationException(
          head
              + "The identity server rejected the client id or client secret. Check that they were"
              + " copied without spaces, belong to the "
              + environment
              + " environment (acceptance ≠ production) and have not expired (manual 1.6).",
          d,
          Reason.INVALID_CLIENT);
    }
    if (code.equals("invalid_grant")) {
      return new SaltoAuthenticationException(
          head
              + "The identity server rejected the KS user name or password. Use the KS service"
              + " account (not a personal e-mail address) and its current password (manual 1.5).",
          d,
          Reason.INVALID_GRANT);
    }
    if (code.equals("invalid_scope")
        || code.equals("unauthorized_client")
        || code.equals("unsupported_grant_type")) {
      return new SaltoAuthenticationException(
          head
              + "This client id may not use the password flow with scope user_api.full_access."
              + " Ask SALTO (api@my-clay.com) to enable the password flow for it.",
          d,
          Reason.FLOW_NOT_ENABLED);
    }
    if (a.status() == 404 || a.status() >= 500 || !b.json()) {
      return new SaltoServerException(
          head
              + "The "
              + environment
              + " identity server is not answering as expected; the environment may be down"
              + " (acceptance has outages) or the identity URL is wrong. Try again later.",
          d);
    }
    if (a.status() == 429) {
      return new SaltoRateLimitedException(head + "The identity server asked to slow down.", d);
    }
    return new SaltoAuthenticationException(
        head + "The identity server refused the sign-in. Check the client id/secret and the KS"
            + " service account (manual 1.5, 1.6).",
        d,
        Reason.OTHER);
  }

  /** A 2xx answer whose body is not what the Connect API sends. */
  public SaltoServerException malformed(Operation op, HttpAnswer a, String what, int attempts) {
    return new SaltoServerException(
        "SALTO KS answered "
            + op.name()
            + " with HTTP "
            + a.status()
            + " but the answer is not readable ("
            + what
            + ")"
            + requestIdPart(a.requestId())
            + ". A proxy may have replaced it; try again later.",
        new SaltoApiException.Details(a.status(), null, null, a.requestId(), null, attempts));
  }

  private SaltoApiException.Details details(HttpAnswer a, ErrorBody b, int attempts) {
    return new SaltoApiException.Details(
        a.status(), b.code(), b.message(), a.requestId(), retryAfter(a), attempts);
  }

  private static String head(Operation op, int status, ErrorBody b, @Nullable String requestId) {
    StringBuilder sb = new StringBuilder("SALTO KS answered ").append(op.name()).append(" with HTTP ");
    sb.append(status);
    if (b.code() != null && b.code().length() <= 40) {
      sb.append(" (").append(b.code().replaceAll("[^A-Za-z0-9_.-]", "?")).append(')');
    }
    sb.append(requestIdPart(requestId)).append(". ");
    return sb.toString();
  }

  private static String requestIdPart(@Nullable String requestId) {
    return requestId == null ? "" : " [request id " + requestId.replaceAll("[^A-Za-z0-9_.:-]", "?") + "]";
  }

  /** The {@code Retry-After} delay in seconds or as an HTTP date, or {@code null}. */
  @Nullable Duration retryAfter(HttpAnswer a) {
    String v = a.header("retry-after");
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
    Instant serverNow = ServerClock.parseHttpDate(a.header("date"));
    Duration d = Duration.between(serverNow != null ? serverNow : clock.instant(), at);
    return d.isNegative() ? Duration.ZERO : d;
  }
}
