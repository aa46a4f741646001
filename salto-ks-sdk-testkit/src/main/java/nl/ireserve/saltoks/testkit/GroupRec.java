package nl.ireserve.saltoks.testkit;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** An access group: its locks, its members (platform user ids) and its time schedules. */
final class GroupRec {
  public final String id = UUID.randomUUID().toString();
  public final String name;
  /** When it was created, and when each lock and member was added: what a lagging list hides. */
  public final Map<String, Instant> writtenAt = new HashMap<>();
  public final java.util.Set<String> lockIds = new java.util.LinkedHashSet<>();
  public final java.util.Set<String> userIds = new java.util.LinkedHashSet<>();
  public final Map<String, ScheduleRec> schedules = new LinkedHashMap<>();

  GroupRec(String name) {
    this.name = name;
  }
}
