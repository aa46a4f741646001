package nl.ireserve.saltoks;

import java.util.List;

/**
 * The access groups of a site (salto-ks-api.md §4.6, §4.7): locks, members by platform user id, and time
 * schedules (API v1.1) in the site's local time.
 */
public interface AccessGroups {
  /**
   * Every access group.
   *
   * @return the groups
   */
  List<AccessGroup> list();

  /**
   * Creates a group.
   *
   * @param name its name ({@code customer_reference})
   * @return the group
   */
  AccessGroup create(String name);

  /**
   * Deletes a group.
   *
   * @param groupId the group
   */
  void delete(String groupId);

  /**
   * The locks of a group.
   *
   * @param groupId the group
   * @return the lock ids
   */
  List<String> locks(String groupId);

  /**
   * Adds a lock to a group.
   *
   * @param groupId the group
   * @param lockId the lock
   */
  void addLock(String groupId, String lockId);

  /**
   * Removes a lock from a group.
   *
   * @param groupId the group
   * @param lockId the lock
   */
  void removeLock(String groupId, String lockId);

  /**
   * The members of a group.
   *
   * @param groupId the group
   * @return their platform user ids
   */
  List<String> users(String groupId);

  /**
   * Adds a user by platform user id (a site-user id answers 404). Right after the user was created this
   * can answer 404 for about a minute (retry).
   *
   * @param groupId the group
   * @param userId the platform user id
   */
  void addUser(String groupId, String userId);

  /**
   * Removes a user.
   *
   * @param groupId the group
   * @param userId the platform user id
   */
  void removeUser(String groupId, String userId);

  /**
   * The time schedules of a group.
   *
   * @param groupId the group
   * @return the schedules
   */
  List<TimeSchedule> schedules(String groupId);

  /**
   * Creates a time schedule.
   *
   * @param groupId the group
   * @param schedule the schedule (its id is ignored)
   * @return the schedule as SALTO stored it (end time with seconds)
   */
  TimeSchedule createSchedule(String groupId, TimeSchedule schedule);

  /**
   * Changes a time schedule.
   *
   * @param groupId the group
   * @param schedule the schedule, with its id
   * @return the schedule as SALTO stored it
   */
  TimeSchedule updateSchedule(String groupId, TimeSchedule schedule);

  /**
   * Deletes a time schedule.
   *
   * @param groupId the group
   * @param scheduleId the schedule
   */
  void deleteSchedule(String groupId, String scheduleId);
}
