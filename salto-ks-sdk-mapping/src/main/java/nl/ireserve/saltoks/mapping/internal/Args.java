package nl.ireserve.saltoks.mapping.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Argument checks of the mapping and access packages: a null or a bad value is an {@link
 * IllegalArgumentException} naming the field and the fix.
 * Text that reaches a store or a log is checked to be well-formed: no control characters (a newline
 * forges a log line), no unpaired surrogate (a JDBC driver stores it as '?', so two ids would become
 * one), and a length limit.
 */
public final class Args {
  private static final int MAX_ECHO = 40;

  private Args() {}

  /**
   * Requires a store scoped to a site to be the given site's: another customer's links never serve a guest,
   * and a relink never writes into another customer's rows. A store not scoped to any site passes.
   *
   * @param field the parameter, for the message
   * @param storeSite the store's site, or empty
   * @param mine the site it is used for
   */
  public static void sameSite(String field, java.util.Optional<nl.ireserve.saltoks.Site> storeSite,
      nl.ireserve.saltoks.Site mine) {
    if (storeSite.isPresent() && !(storeSite.get().id().equals(mine.id())
        && storeSite.get().environment().equals(mine.environment()))) {
      throw new IllegalArgumentException(field + " is the store of site " + storeSite.get().id() + " ("
          + storeSite.get().environment() + "), not of site " + mine.id() + " (" + mine.environment()
          + "); obtain the store for this site, e.g. jdbcStores.mappings(site)");
    }
  }

  /** Requires a non-null value: a null is an {@link IllegalArgumentException} naming the field. */
  public static <T> T notNull(String field, @Nullable T value) {
    if (value == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    return value;
  }

  /**
   * Requires a name that can be stored and logged faithfully: at most {@code maxLength} UTF-16 units,
   * no control character (a newline forges a log line), no unpaired surrogate (stored as '?'). Blank
   * and padded names are allowed: SALTO's own names can be so.
   */
  public static String name(String field, @Nullable String value, int maxLength) {
    notNull(field, value);
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " is " + value.length() + " characters long; at most " + maxLength + " are allowed");
    }
    wellFormed(field, value, true);
    return value;
  }

  /**
   * Requires well-formed text, as ids and statuses are: not blank, no leading or trailing whitespace,
   * no control character or line separator, no invisible format character, no unpaired surrogate, at
   * most {@code maxLength} UTF-16 units.
   */
  public static String text(String field, @Nullable String value, int maxLength) {
    notNull(field, value);
    if (value.isBlank()) {
      throw new IllegalArgumentException(field + " is blank");
    }
    if (value.length() > maxLength) {
      throw new IllegalArgumentException(
          field + " is " + value.length() + " characters long; at most " + maxLength + " are allowed");
    }
    if (!value.equals(value.strip())) {
      throw new IllegalArgumentException(
          field + " starts or ends with whitespace (\"" + echo(value) + "\"); remove it");
    }
    wellFormed(field, value, false);
    return value;
  }

  /**
   * No control character or line separator (they break log lines), no unpaired surrogate (stored as
   * '?'), and, unless {@code formatAllowed}, no invisible format character (a zero-width space or a
   * direction override makes two ids look the same).
   */
  private static void wellFormed(String field, String value, boolean formatAllowed) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      int type = Character.getType(c);
      if (Character.isISOControl(c) || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
        throw new IllegalArgumentException(field + " contains a control character at position " + i
            + " (such as a newline or tab); remove it");
      }
      if (!formatAllowed && type == Character.FORMAT) {
        throw new IllegalArgumentException(field + " contains an invisible format character (U+"
            + String.format("%04X", (int) c) + ") at position " + i + "; remove it");
      }
      if (Character.isHighSurrogate(c) && i + 1 < value.length()
          && Character.isLowSurrogate(value.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw new IllegalArgumentException(field + " contains a broken character (an unpaired UTF-16"
            + " surrogate) at position " + i + "; it cannot be stored faithfully, so fix the value");
      }
    }
  }

  /** Requires a SALTO KS UUID, as used for locks and IQs; returns it in lower case. */
  public static String uuid(String field, @Nullable String value) {
    notNull(field, value);
    try {
      String lower = value.toLowerCase(Locale.ROOT);
      if (value.length() == 36 && UUID.fromString(value).toString().equals(lower)) {
        return lower;
      }
    } catch (IllegalArgumentException e) {
      // reported below
    }
    throw new IllegalArgumentException(field + " must be a UUID such as"
        + " 3fa85f64-5717-4562-b3fc-2c963f66afa6, got \"" + echo(value) + "\"");
  }

  /** Requires a positive duration. */
  public static Duration positive(String field, @Nullable Duration value) {
    notNull(field, value);
    if (value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(field + " must be positive, got " + value);
    }
    return value;
  }

  /** A value shortened and made printable for a message (only ever used for non-secret input). */
  public static String echo(String value) {
    StringBuilder sb = new StringBuilder();
    value.codePoints().limit(MAX_ECHO).forEach(cp ->
        sb.appendCodePoint(Character.isISOControl(cp) || Character.isSurrogate((char) cp) ? '?' : cp));
    return value.codePointCount(0, value.length()) <= MAX_ECHO
        ? sb.toString() : sb + "…(" + value.length() + " chars)";
  }
}
