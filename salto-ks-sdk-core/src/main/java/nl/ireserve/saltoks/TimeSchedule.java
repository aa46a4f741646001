package nl.ireserve.saltoks;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;
import nl.ireserve.saltoks.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * When an access group's members may pass: between two local date-times of the site, on some days,
 * between two local times of day. A stay is modelled as every day, 00:00–23:59, with the real window in
 * the dates (as every public client does it). Times are the site's local times, without a zone.
 *
 * @param id its id, or null before it is created
 * @param from the first local date-time
 * @param until the last local date-time
 * @param days the days of the week
 * @param startTime the daily start
 * @param endTime the daily end (SALTO answers it with seconds)
 */
public record TimeSchedule(@Nullable String id, LocalDateTime from, LocalDateTime until, Set<DayOfWeek> days,
    LocalTime startTime, LocalTime endTime) {
  /** Validates the fields. */
  public TimeSchedule {
    Checks.notNull("from", from);
    Checks.notNull("until", until);
    if (!from.isBefore(until)) {
      throw new IllegalArgumentException("from must be before until (got " + from + " and " + until + ")");
    }
    Checks.notNull("days", days);
    if (days.isEmpty()) {
      throw new IllegalArgumentException("days must name at least one day (SALTO refuses none with 1101)");
    }
    days = Set.copyOf(days);
    Checks.notNull("startTime", startTime);
    Checks.notNull("endTime", endTime);
    wholeSeconds("from", from.getNano());
    wholeSeconds("until", until.getNano());
    wholeSeconds("startTime", startTime.getNano());
    wholeSeconds("endTime", endTime.getNano());
  }

  private static void wholeSeconds(String field, int nanos) {
    if (nanos != 0) {
      throw new IllegalArgumentException(field + " has a fraction of a second; SALTO's schedules count whole"
          + " seconds: round it (a start up, an end down) before building the schedule");
    }
  }

  /**
   * Every day, all day, from {@code from} to {@code until}: a stay. A fraction of a second is rounded
   * inwards (the start up, the end down), so the schedule never lets a guest in earlier or later than the
   * window.
   *
   * @param from the stay's first local date-time
   * @param until its last
   * @return the schedule
   */
  public static TimeSchedule stay(LocalDateTime from, LocalDateTime until) {
    Checks.notNull("from", from);
    Checks.notNull("until", until);
    LocalDateTime start = from.getNano() == 0 ? from : from.withNano(0).plusSeconds(1);
    return new TimeSchedule(null, start, until.withNano(0), EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT,
        LocalTime.of(23, 59)); // SALTO reads an end minute as through its last second (answers 23:59:59)
  }

  /** The same schedule with an id. */
  public TimeSchedule withId(String id) {
    return new TimeSchedule(id, from, until, days, startTime, endTime);
  }
}
