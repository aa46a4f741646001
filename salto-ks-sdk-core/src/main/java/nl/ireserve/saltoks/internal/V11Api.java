package nl.ireserve.saltoks.internal;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import nl.ireserve.saltoks.internal.Operation.Call;
import org.jspecify.annotations.Nullable;

/**
 * The endpoints used at version 1.1 whatever the client's version, declared for Feign relative to the
 * version-1.1 base URL: entries (measured: {@code /v1.2/…/entries} answers 405) and time schedules (used
 * through v1.1 by every client).
 */
@Headers({"Accept: application/json", "Content-Type: application/json"})
interface V11Api {
  /**
   * The first page of entries. {@code filter} is OData's {@code $filter} (lock and time range), left out
   * when null.
   */
  @Call("GET /v1.1/sites/{id}/entries (read entries)")
  @RequestLine("GET /sites/{siteId}/entries?$top={top}&$orderby=utc_date_time%20desc&$filter={filter}")
  Dto.LogPage<Dto.Entry> entries(@Param("siteId") String siteId, @Param("top") int top,
      @Param("filter") @Nullable String filter);

  /** A later page of entries: the continuation token goes back in the request header (salto-ks-api.md §10). */
  @Call("GET /v1.1/sites/{id}/entries (read entries)")
  @RequestLine("GET /sites/{siteId}/entries?$top={top}&$orderby=utc_date_time%20desc&$filter={filter}")
  @Headers("CLP-Continuation-Token: {token}")
  Dto.LogPage<Dto.Entry> entriesAfter(@Param("siteId") String siteId, @Param("top") int top,
      @Param("filter") @Nullable String filter, @Param("token") String token);

  /** The first page of incidents (lock and IQ connection, battery, alarms, …), like entries. */
  @Call("GET /v1.1/sites/{id}/incidents (read incidents)")
  @RequestLine("GET /sites/{siteId}/incidents?$top={top}&$orderby=utc_date_time%20desc&$filter={filter}")
  Dto.LogPage<Dto.Incident> incidents(@Param("siteId") String siteId, @Param("top") int top,
      @Param("filter") @Nullable String filter);

  /** A later page of incidents, the token in the request header. */
  @Call("GET /v1.1/sites/{id}/incidents (read incidents)")
  @RequestLine("GET /sites/{siteId}/incidents?$top={top}&$orderby=utc_date_time%20desc&$filter={filter}")
  @Headers("CLP-Continuation-Token: {token}")
  Dto.LogPage<Dto.Incident> incidentsAfter(@Param("siteId") String siteId, @Param("top") int top,
      @Param("filter") @Nullable String filter, @Param("token") String token);

  @Call("GET /v1.1/…/access_groups/{ag}/time_schedules (list time schedules)")
  @RequestLine("GET /sites/{siteId}/access_groups/{groupId}/time_schedules")
  Dto.Page<Dto.TimeSchedule> schedules(@Param("siteId") String siteId, @Param("groupId") String groupId);

  @Call(value = "POST /v1.1/…/access_groups/{ag}/time_schedules (create time schedule)", command = true,
      unknownOutcomeAdvice = "List the group's time schedules to see whether it was created.")
  @RequestLine("POST /sites/{siteId}/access_groups/{groupId}/time_schedules")
  Dto.TimeSchedule createSchedule(@Param("siteId") String siteId, @Param("groupId") String groupId,
      Dto.ScheduleBody body);

  @Call(value = "PATCH /v1.1/…/time_schedules/{ts} (change time schedule)", command = true,
      unknownOutcomeAdvice = "List the group's time schedules to see whether it changed.")
  @RequestLine("PATCH /sites/{siteId}/access_groups/{groupId}/time_schedules/{scheduleId}")
  Dto.TimeSchedule updateSchedule(@Param("siteId") String siteId, @Param("groupId") String groupId,
      @Param("scheduleId") String scheduleId, Dto.ScheduleBody body);

  @Call(value = "DELETE /v1.1/…/time_schedules/{ts} (delete time schedule)", command = true,
      unknownOutcomeAdvice = "List the group's time schedules to see whether it is gone.")
  @RequestLine("DELETE /sites/{siteId}/access_groups/{groupId}/time_schedules/{scheduleId}")
  void deleteSchedule(@Param("siteId") String siteId, @Param("groupId") String groupId,
      @Param("scheduleId") String scheduleId);
}
