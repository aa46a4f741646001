package nl.ireserve.saltoks;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.internal.Checks;
import org.jspecify.annotations.Nullable;

/**
 * The incidents of one site ({@code GET /v1.1/sites/{id}/incidents}): what went wrong with its hardware —
 * a lock or IQ losing its connection and getting it back, a low battery, a clock failure, an operation
 * the lock did not complete, a reset, alarms. Obtained from {@link SiteClient#incidents()}; paged and
 * filtered like {@link Entries} (the same {@link Entries.Query}, the continuation token in the {@code
 * CLP-Continuation-Token} header), and late and out of order like them.
 */
public interface Incidents {
  /**
   * The incidents a query selects, newest first, fetched a page at a time as the stream is consumed.
   *
   * @param query what to read (lock, time range, page size, limit)
   * @return the incidents
   * @throws SaltoKsException when a page cannot be read (thrown while the stream is consumed)
   */
  Stream<Incident> query(Entries.Query query);

  /**
   * The incidents a query selects, as a list.
   *
   * @param query what to read
   * @return the incidents, newest first
   */
  default List<Incident> list(Entries.Query query) {
    try (Stream<Incident> s = query(query)) {
      return s.collect(Collectors.toUnmodifiableList());
    }
  }

  /**
   * One incident, with SALTO's raw values kept as they came.
   *
   * @param id the incident's id
   * @param type what happened, read from {@code event_category}
   * @param category {@code event_category} as SALTO sent it (kept for types this SDK does not know)
   * @param detail {@code event_detail}, or null
   * @param lockId the lock's UUID, or null for an IQ's incident
   * @param lockName the lock's name, or null
   * @param iqId the IQ's UUID, or null
   * @param iqName the IQ's name, or null
   * @param at when it happened ({@code utc_date_time})
   * @param localTime the local time of it ({@code local_date_time}), or null
   */
  record Incident(String id, Type type, String category, @Nullable String detail, @Nullable String lockId,
      @Nullable String lockName, @Nullable String iqId, @Nullable String iqName, Instant at,
      @Nullable LocalDateTime localTime) {
    /** Validates the required fields. */
    public Incident {
      Checks.notNull("id", id);
      Checks.notNull("type", type);
      Checks.notNull("category", category);
      Checks.notNull("at", at);
    }

    /**
     * Whether this incident says the door may not open: a lost connection, a low battery, a clock
     * failure, an operation not completed, a reset, a tamper alarm.
     *
     * @return whether it hinders opening
     */
    public boolean hindersOpening() {
      switch (type) {
        case LOCK_CONNECTION_LOST:
        case IQ_CONNECTION_LOST:
        case LOW_BATTERY_WARNING:
        case LOCK_CLOCK_FAILURE:
        case OPERATION_NOT_COMPLETED:
        case LOCK_RESET:
        case TAMPER_ALARM_START:
          return true;
        default:
          return false;
      }
    }

    @Override
    public String toString() {
      return "Incident[" + at + ", " + category + (detail == null ? "" : "/" + detail)
          + (lockName == null ? "" : ", lock " + lockName) + (iqName == null ? "" : ", IQ " + iqName) + "]";
    }

    /** The incident types of SALTO's {@code IncidentType}. */
    public enum Type {
      /** SALTO's {@code unknown}, or a value this SDK version does not know (see {@link #category()}). */
      UNKNOWN,
      /** An intrusion alarm started. */
      INTRUSION_ALARM_START,
      /** An intrusion alarm ended. */
      INTRUSION_ALARM_END,
      /** A tamper alarm started. */
      TAMPER_ALARM_START,
      /** A tamper alarm ended. */
      TAMPER_ALARM_END,
      /** The door was left open. */
      DOOR_LEFT_OPEN_ALARM_START,
      /** The door left open was closed. */
      DOOR_LEFT_OPEN_ALARM_END,
      /** The lock lost its connection to its IQ. */
      LOCK_CONNECTION_LOST,
      /** The lock's connection came back. */
      LOCK_CONNECTION_RESTORED,
      /** A programming device was connected to the lock. */
      LOCK_PPD_CONNECTED,
      /** The lock's battery is low. */
      LOW_BATTERY_WARNING,
      /** The lock's clock failed. */
      LOCK_CLOCK_FAILURE,
      /** The lock's time was set. */
      LOCK_TIME_SET,
      /** The lock did not complete an operation. */
      OPERATION_NOT_COMPLETED,
      /** The lock was reset. */
      LOCK_RESET,
      /** Ending easy office mode failed. */
      EASY_OFFICE_MODE_END_FAILED,
      /** The IQ lost its connection to the cloud. */
      IQ_CONNECTION_LOST,
      /** The IQ's connection came back. */
      IQ_CONNECTION_RESTORED;

      /**
       * Reads SALTO's wire value; unknown or missing values give {@link #UNKNOWN}.
       *
       * @param wire the JSON value, may be null
       * @return the matching constant
       */
      public static Type fromWire(@Nullable String wire) {
        return Checks.wireEnum(values(), wire, UNKNOWN);
      }
    }
  }
}
