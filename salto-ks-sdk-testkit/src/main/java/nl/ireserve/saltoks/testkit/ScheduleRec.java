package nl.ireserve.saltoks.testkit;


/** A time schedule, in the site's local time: dates, days, and a daily start and end (with seconds). */
record ScheduleRec(String id, java.util.Set<java.time.DayOfWeek> days, java.time.LocalTime start,
    java.time.LocalTime end, java.time.LocalDateTime from, java.time.LocalDateTime until) {
  /** Whether a local date-time is inside: from its start to before its end, on its days, in its hours. */
  public boolean covers(java.time.LocalDateTime t) {
    java.time.LocalTime time = t.toLocalTime().withNano(0);
    return !t.isBefore(from) && t.isBefore(until) && days.contains(t.getDayOfWeek())
        && !time.isBefore(start) && !time.isAfter(end);
  }
}
