package nl.ireserve.saltoks.internal;

import java.net.URI;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import nl.ireserve.saltoks.AccessGroup;
import nl.ireserve.saltoks.AccessGroups;
import nl.ireserve.saltoks.TimeSchedule;

/** {@link AccessGroups} of one site; time schedules through API v1.1. */
final class DefaultAccessGroups implements AccessGroups {
  private final GuestApi api;
  private final V11Api v11;
  private final String siteId;
  private final URI apiUrl;

  DefaultAccessGroups(GuestApi api, V11Api v11, String siteId, URI apiUrl) {
    this.api = api;
    this.v11 = v11;
    this.siteId = siteId;
    this.apiUrl = apiUrl;
  }

  @Override
  public List<AccessGroup> list() {
    return Pages.all("GET …/sites/{id}/access_groups (list access groups)", api.listGroups(siteId),
        api::groupsPage, apiUrl).stream().map(g -> new AccessGroup(g.id(), Objects.toString(g.customerReference(), "")))
        .collect(Collectors.toUnmodifiableList());
  }

  @Override
  public AccessGroup create(String name) {
    Dto.AccessGroup g = api.createGroup(siteId, new Dto.NewGroup(Checks.text("name", name, 200)));
    return new AccessGroup(g.id(), Objects.toString(g.customerReference(), name));
  }

  @Override
  public void delete(String groupId) {
    api.deleteGroup(siteId, Checks.uuid("groupId", groupId));
  }

  @Override
  public List<String> locks(String groupId) {
    return onePage(api.groupLocks(siteId, Checks.uuid("groupId", groupId))).stream()
        .map(Dto.GroupLock::lock).filter(Objects::nonNull).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public void addLock(String groupId, String lockId) {
    api.addGroupLock(siteId, Checks.uuid("groupId", groupId), new Dto.LockRef(Checks.uuid("lockId", lockId)));
  }

  @Override
  public void removeLock(String groupId, String lockId) {
    api.removeGroupLock(siteId, Checks.uuid("groupId", groupId), Checks.uuid("lockId", lockId));
  }

  @Override
  public List<String> users(String groupId) {
    return onePage(api.groupUsers(siteId, Checks.uuid("groupId", groupId))).stream()
        .map(Dto.GroupUser::user).filter(Objects::nonNull).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public void addUser(String groupId, String userId) {
    api.addGroupUser(siteId, Checks.uuid("groupId", groupId), new Dto.UserRef(Checks.uuid("userId", userId)));
  }

  @Override
  public void removeUser(String groupId, String userId) {
    api.removeGroupUser(siteId, Checks.uuid("groupId", groupId), Checks.uuid("userId", userId));
  }

  @Override
  public List<TimeSchedule> schedules(String groupId) {
    return onePage(v11.schedules(siteId, Checks.uuid("groupId", groupId))).stream()
        .map(DefaultAccessGroups::schedule).collect(Collectors.toUnmodifiableList());
  }

  @Override
  public TimeSchedule createSchedule(String groupId, TimeSchedule schedule) {
    Checks.notNull("schedule", schedule);
    return schedule(v11.createSchedule(siteId, Checks.uuid("groupId", groupId), wire(schedule)));
  }

  @Override
  public TimeSchedule updateSchedule(String groupId, TimeSchedule schedule) {
    Checks.notNull("schedule", schedule);
    String id = Checks.notNull("schedule.id", schedule.id());
    return schedule(v11.updateSchedule(siteId, Checks.uuid("groupId", groupId), id, wire(schedule)));
  }

  @Override
  public void deleteSchedule(String groupId, String scheduleId) {
    v11.deleteSchedule(siteId, Checks.uuid("groupId", groupId), Checks.text("scheduleId", scheduleId, 64));
  }

  private static <T> List<T> onePage(Dto.Page<T> page) {
    if (page.nextPageLink() != null) {
      throw Failures.unusableList("SALTO KS paged a group's members; this SDK reads one page of them");
    }
    return page.items();
  }

  private static Dto.ScheduleBody wire(TimeSchedule s) {
    Set<DayOfWeek> d = s.days();
    return new Dto.ScheduleBody(d.contains(DayOfWeek.MONDAY), d.contains(DayOfWeek.TUESDAY),
        d.contains(DayOfWeek.WEDNESDAY), d.contains(DayOfWeek.THURSDAY), d.contains(DayOfWeek.FRIDAY),
        d.contains(DayOfWeek.SATURDAY), d.contains(DayOfWeek.SUNDAY), timeOfDay(s.startTime()),
        timeOfDay(s.endTime()), dateTime(s.from()), dateTime(s.until()));
  }

  /** {@code HH:mm}, or {@code HH:mm:ss} when the time has seconds (the schedule refuses fractions). */
  private static String timeOfDay(LocalTime t) {
    return t.getSecond() == 0 ? String.format("%02d:%02d", t.getHour(), t.getMinute())
        : String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
  }

  /** A local date-time to the second ({@code yyyy-MM-ddTHH:mm:ss}); the schedule refuses fractions. */
  private static String dateTime(LocalDateTime t) {
    return t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
  }

  private static TimeSchedule schedule(Dto.TimeSchedule d) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    Boolean[] flags = {d.monday(), d.tuesday(), d.wednesday(), d.thursday(), d.friday(), d.saturday(), d.sunday()};
    for (int i = 0; i < 7; i++) {
      if (Boolean.TRUE.equals(flags[i])) {
        days.add(DayOfWeek.of(i + 1));
      }
    }
    try {
      return new TimeSchedule(d.id(), LocalDateTime.parse(Objects.requireNonNull(d.startDate())),
          LocalDateTime.parse(Objects.requireNonNull(d.endDate())), days,
          LocalTime.parse(Objects.requireNonNull(d.startTime())), LocalTime.parse(Objects.requireNonNull(d.endTime())));
    } catch (NullPointerException | DateTimeParseException | IllegalArgumentException e) {
      throw Failures.unusableList("SALTO KS answered a time schedule without valid dates, times or days");
    }
  }
}
