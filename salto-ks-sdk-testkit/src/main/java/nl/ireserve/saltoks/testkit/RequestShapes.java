package nl.ireserve.saltoks.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The request bodies the Connect API takes, as SALTO's OpenAPI document for v1.1 types them (and, for
 * {@code POST /v1.2/…/guests}, which that document predates, as measured): every schema is {@code
 * additionalProperties: false}, booleans are not nullable. A body that does not match answers 400 with
 * {@code ErrorCode 1100}, as the real API (ASP.NET model binding) does — an unknown field, a {@code null}
 * where the schema says non-nullable, a value of the wrong type or format, a required field missing. The
 * fake is as strict as the document, so a request the real API would refuse, the fake refuses.
 */
final class RequestShapes {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern UUID =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  /** .NET's TimeSpan as the document's {@code date-span}: {@code HH:mm} or {@code HH:mm:ss}. */
  private static final Pattern TIME_SPAN = Pattern.compile("([01]?[0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?");

  /** What a field holds. */
  enum Kind { STRING, BOOLEAN, UUID, DATE_TIME, TIME_SPAN, STRING_ARRAY, LOCKED_STATE }

  /** One field of a schema. */
  record Field(Kind kind, boolean nullable, boolean required) {}

  /** A request schema: its name in the document, and its fields. */
  record Shape(String name, Map<String, Field> fields) {}

  private static final Map<String, Shape> SHAPES = new LinkedHashMap<>();

  static {
    shape(FakeRoute.CREATE_GUEST, "POST", "guest (v1.2, measured)",
        "alias", f(Kind.STRING, false, true), "expires_at", f(Kind.DATE_TIME, true, false));
    shape(FakeRoute.PATCH_USER, "PATCH", "PatchSiteUserRequest",
        "first_name", f(Kind.STRING, true, false), "last_name", f(Kind.STRING, true, false),
        "email", f(Kind.STRING, true, false), "role_ids", f(Kind.STRING_ARRAY, true, false),
        "alias", f(Kind.STRING, true, false), "tag_id", f(Kind.UUID, true, false),
        "toggle_easy_office_mode", f(Kind.BOOLEAN, false, false),
        "toggle_manual_office_mode", f(Kind.BOOLEAN, false, false), "blocked", f(Kind.BOOLEAN, false, false),
        "override_privacy_mode", f(Kind.BOOLEAN, false, false), "use_pin", f(Kind.BOOLEAN, false, false));
    shape(FakeRoute.USER_PIN, "PUT", "PutSiteUserPinRequest", "expiry_date", f(Kind.DATE_TIME, true, false));
    shape(FakeRoute.ACCESS_GROUPS, "POST", "PostAccessGroupRequest", "customer_reference", f(Kind.STRING, false, true));
    shape(FakeRoute.GROUP_LOCKS, "POST", "PostAccessGroupLockRequest", "lock_id", f(Kind.UUID, false, true));
    shape(FakeRoute.GROUP_USERS, "POST", "PostAccessGroupUserRequest", "user_id", f(Kind.UUID, false, true));
    shape(FakeRoute.TIME_SCHEDULES, "POST", "PostAccessGroupTimeScheduleRequest", schedule(true));
    shape(FakeRoute.TIME_SCHEDULES, "PATCH", "PatchTimeScheduleRequest", schedule(false));
    shape(FakeRoute.OPEN_LOCK, "PATCH", "LockingRequest",
        "locked_state", f(Kind.LOCKED_STATE, false, true), "otp", f(Kind.STRING, true, false));
    shape(FakeRoute.IQ_CHANGE_PIN, "PUT", "PutPinRequest",
        "otp", f(Kind.STRING, false, true), "delta", f(Kind.STRING, false, true));
  }

  private RequestShapes() {}

  private static Field f(Kind kind, boolean nullable, boolean required) {
    return new Field(kind, nullable, required);
  }

  private static Object[] schedule(boolean timesRequired) {
    return new Object[] {
      "monday", f(Kind.BOOLEAN, false, false), "tuesday", f(Kind.BOOLEAN, false, false),
      "wednesday", f(Kind.BOOLEAN, false, false), "thursday", f(Kind.BOOLEAN, false, false),
      "friday", f(Kind.BOOLEAN, false, false), "saturday", f(Kind.BOOLEAN, false, false),
      "sunday", f(Kind.BOOLEAN, false, false), "start_time", f(Kind.TIME_SPAN, false, timesRequired),
      "end_time", f(Kind.TIME_SPAN, false, timesRequired), "start_date", f(Kind.DATE_TIME, true, false),
      "end_date", f(Kind.DATE_TIME, true, false)
    };
  }

  private static void shape(FakeRoute route, String method, String name, Object... pairs) {
    Object[] flat = pairs.length == 1 && pairs[0] instanceof Object[] ? (Object[]) pairs[0] : pairs;
    Map<String, Field> fields = new LinkedHashMap<>();
    for (int i = 0; i < flat.length; i += 2) {
      fields.put((String) flat[i], (Field) flat[i + 1]);
    }
    SHAPES.put(method + " " + route, new Shape(name, Map.copyOf(fields)));
  }

  /** Whether a route and method take a body (and so are checked). */
  static boolean takesBody(FakeRoute route, String method) {
    return SHAPES.containsKey(method + " " + route);
  }

  /**
   * Checks a request body against its documented schema.
   *
   * @return the refusal, or null when the body matches (or the endpoint takes none)
   */
  static FakeExchange.@Nullable Out check(FakeRoute route, String method, String body) {
    Shape shape = SHAPES.get(method + " " + route);
    if (shape == null) {
      return null;
    }
    JsonNode root;
    try {
      root = body.isBlank() ? null : JSON.readTree(body);
    } catch (Exception e) {
      return refuse("The request body is not valid JSON.");
    }
    if (root == null || !root.isObject()) {
      return refuse("A non-empty request body is required.");
    }
    if (shape.name().startsWith("Post") && shape.name().contains("TimeSchedule") && root.has("days")) {
      return FakeRouter.error(400, "1101", "At least one day should be selected"); // measured for days:[]
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      Field field = shape.fields().get(name);
      if (field == null) {
        return refuse("The field '" + name + "' is not part of " + shape.name() + ".");
      }
      String problem = problem(field, root.get(name));
      if (problem != null) {
        return refuse("The JSON value of '" + name + "' " + problem + ". Path: $." + name);
      }
    }
    for (Map.Entry<String, Field> e : shape.fields().entrySet()) {
      if (e.getValue().required() && !root.has(e.getKey())) {
        return refuse("The " + e.getKey() + " field is required.");
      }
    }
    return null;
  }

  /** The shape of a body with no values: each field's JSON type ({@code {"use_pin":boolean}}), for tests. */
  static @Nullable String outline(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      JsonNode root = JSON.readTree(body);
      if (!root.isObject()) {
        return root.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
      }
      StringBuilder sb = new StringBuilder("{");
      for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        sb.append('"').append(e.getKey()).append("\":").append(e.getValue().getNodeType().name()
            .toLowerCase(java.util.Locale.ROOT));
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      return sb.append('}').toString();
    } catch (Exception e) {
      return "not json";
    }
  }

  private static @Nullable String problem(Field field, JsonNode v) {
    if (v.isNull()) {
      return field.nullable() ? null : "could not be converted: null is not allowed";
    }
    switch (field.kind()) {
      case BOOLEAN:
        return v.isBoolean() ? null : "could not be converted to System.Boolean";
      case STRING:
        return v.isTextual() ? null : "could not be converted to System.String";
      case UUID:
        return v.isTextual() && UUID.matcher(v.asText()).matches() ? null : "could not be converted to System.Guid";
      case TIME_SPAN:
        return v.isTextual() && TIME_SPAN.matcher(v.asText()).matches() ? null
            : "could not be converted to System.TimeSpan";
      case DATE_TIME:
        return v.isTextual() && dateTime(v.asText()) ? null : "could not be converted to System.DateTime";
      case STRING_ARRAY:
        if (!v.isArray()) {
          return "could not be converted to System.Collections.Generic.List";
        }
        for (JsonNode item : v) {
          if (!item.isTextual()) {
            return "could not be converted to System.Collections.Generic.List";
          }
        }
        return null;
      case LOCKED_STATE:
        return v.isTextual() && Set.of("none", "locked", "office_mode", "uncertain", "unlocked").contains(v.asText())
            ? null : "could not be converted to RequestLockStates";
      default:
        return "is not understood";
    }
  }

  /** What .NET's DateTime takes: an ISO date-time with or without an offset, or a bare date. */
  private static boolean dateTime(String s) {
    try {
      OffsetDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      // without an offset
    }
    try {
      LocalDateTime.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      // a date alone
    }
    try {
      LocalDate.parse(s);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static FakeExchange.Out refuse(String message) {
    return FakeRouter.error(400, "1100", message);
  }
}
