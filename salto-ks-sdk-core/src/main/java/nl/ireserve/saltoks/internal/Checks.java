package nl.ireserve.saltoks.internal;

import java.time.Duration;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Argument validation with messages that name the field and say how to fix it.
 *
 * <p>Every check throws {@link IllegalArgumentException}, also for {@code null}, so that callers see
 * one exception type for bad input. Values are echoed only when they are not secret and are
 * shortened when long.
 */
public final class Checks {
  private static final Pattern SITE_UID_PATTERN = Pattern.compile("[A-Za-z]{2}[0-9]{6,}");
  private static final int MAX_ECHO = 40;

  private Checks() {}

  /** Requires a non-null value: a null argument is an {@link IllegalArgumentException} naming it. */
  public static <T> T notNull(String field, @Nullable T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return value;
  }

  /**
   * Requires a non-blank string without leading or trailing whitespace; the value is never echoed,
   * so this is the check for secrets.
   */
  public static String secretText(String field, @Nullable String value, String whereFrom) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null: " + whereFrom);
    }
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank: " + whereFrom);
    }
    if (!value.equals(value.strip())) {
      throw new IllegalArgumentException(
          field
              + " starts or ends with whitespace; it was probably copied with a space."
              + " Remove the space and paste it again ("
              + whereFrom
              + ")");
    }
    return value;
  }

  /** Like {@link #secretText} but for values that may be echoed, with a length bound. */
  public static String text(String field, @Nullable String value, int maxLength) {
    notNull(field, value);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank");
    }
    if (!value.equals(value.strip())) {
      throw new IllegalArgumentException(
          field + " starts or ends with whitespace (\"" + echo(value) + "\"); remove it");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " is " + value.length() + " characters long; at most " + maxLength + " are allowed");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
          || type == Character.FORMAT || type == Character.SURROGATE) {
        throw new IllegalArgumentException(field + " contains a control, invisible or broken character at"
            + " position " + i + "; remove it");
      }
    }
    return value;
  }

  /**
   * Requires a SALTO KS UUID (as used in API paths). A value that looks like a human site UID gets a
   * message saying it must be resolved first.
   */
  public static String uuid(String field, @Nullable String value) {
    notNull(field, value);
    if (isUuid(value)) {
      return isLowerCase(value) ? value : value.toLowerCase(java.util.Locale.ROOT);
    }
    String stripped = value.strip();
    if (isUuid(stripped)) {
      throw new IllegalArgumentException(
          field + " has leading or trailing whitespace around a UUID; remove it");
    }
    if (SITE_UID_PATTERN.matcher(stripped).matches()) {
      throw new IllegalArgumentException(
          field
              + " must be the site's UUID, but \""
              + echo(value)
              + "\" looks like a human site UID. Resolve it to the UUID first"
              + " (client.sites().findByUid(\""
              + echo(stripped)
              + "\")); SALTO answers 400 ErrorCode 1100 when a site UID is used in a path");
    }
    throw new IllegalArgumentException(
        field
            + " must be a UUID such as 3fa85f64-5717-4562-b3fc-2c963f66afa6, got \""
            + echo(value)
            + "\"");
  }

  /** Whether a string is a canonical UUID (8-4-4-4-12 hex digits); no allocation, no regex. */
  static boolean isUuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      if (i == 8 || i == 13 || i == 18 || i == 23) {
        if (c != '-') {
          return false;
        }
      } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLowerCase(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 'A' && c <= 'Z') {
        return false;
      }
    }
    return true;
  }

  /** Requires a positive duration. */
  public static Duration positive(String field, @Nullable Duration value) {
    notNull(field, value);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
    return value;
  }

  /** Requires a zero or positive duration. */
  public static Duration notNegative(String field, @Nullable Duration value) {
    notNull(field, value);
    if (value.isNegative()) {
      throw new IllegalArgumentException(field + " must not be negative, got " + value);
    }
    return value;
  }

  /**
   * Reads an enum from SALTO's {@code snake_case} wire value; unknown or missing values give {@code
   * unknown}.
   */
  public static <E extends Enum<E>> E wireEnum(E[] values, @Nullable String wire, E unknown) {
    if (wire == null) {
      return unknown;
    }
    String name = wire.strip().toUpperCase(java.util.Locale.ROOT);
    for (E e : values) {
      if (e.name().equals(name)) {
        return e;
      }
    }
    return unknown;
  }

  /** Shortens a value for an error message (only ever used for non-secret input). */
  public static String echo(String value) {
    String printable = value.replaceAll("\\p{Cntrl}", "?");
    return printable.length() <= MAX_ECHO
        ? printable
        : printable.substring(0, MAX_ECHO) + "…(" + value.length() + " chars)";
  }
}
