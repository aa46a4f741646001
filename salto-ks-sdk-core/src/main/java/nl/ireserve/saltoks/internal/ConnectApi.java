package nl.ireserve.saltoks.internal;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;
import java.net.URI;
import java.util.Map;

/**
 * The Connect API endpoints, declared for Feign. Every method returns the raw {@link Response} so
 * that status, headers and body are handled in one place ({@link AnswerReader}).
 */
@Headers("Accept: application/json")
interface ConnectApi {
  @RequestLine("GET /v1.2/sites")
  @Headers("Authorization: {auth}")
  Response listSites(@Param("auth") String auth);

  @RequestLine("GET /v1.2/sites/{siteId}")
  @Headers("Authorization: {auth}")
  Response getSite(@Param("auth") String auth, @Param("siteId") String siteId);

  @RequestLine("GET /v1.2/sites/{siteId}/locks")
  @Headers("Authorization: {auth}")
  Response listLocks(@Param("auth") String auth, @Param("siteId") String siteId);

  @RequestLine("GET /v1.2/sites/{siteId}/locks/{lockId}")
  @Headers("Authorization: {auth}")
  Response getLock(
      @Param("auth") String auth, @Param("siteId") String siteId, @Param("lockId") String lockId);

  @RequestLine("PATCH /v1.2/sites/{siteId}/locks/{lockId}/locking")
  @Headers({"Authorization: {auth}", "Content-Type: application/json"})
  Response openLock(
      @Param("auth") String auth,
      @Param("siteId") String siteId,
      @Param("lockId") String lockId,
      Map<String, Object> body);

  @RequestLine("GET /v1.2/sites/{siteId}/iqs")
  @Headers("Authorization: {auth}")
  Response listIqs(@Param("auth") String auth, @Param("siteId") String siteId);

  @RequestLine("GET /v1.2/sites/{siteId}/iqs/{iqId}")
  @Headers("Authorization: {auth}")
  Response getIq(
      @Param("auth") String auth, @Param("siteId") String siteId, @Param("iqId") String iqId);

  @RequestLine("GET /v1.2/me/{siteId}/activated_iqs")
  @Headers("Authorization: {auth}")
  Response activatedIqs(@Param("auth") String auth, @Param("siteId") String siteId);

  @RequestLine("GET /v1.2/sites/{siteId}/iqs/{iqId}/secret")
  @Headers("Authorization: {auth}")
  Response iqSecret(
      @Param("auth") String auth, @Param("siteId") String siteId, @Param("iqId") String iqId);

  @RequestLine("GET /v1.2/sites/{siteId}/iqs/{iqId}/pin?send_email=true")
  @Headers("Authorization: {auth}")
  Response sendIqPin(
      @Param("auth") String auth, @Param("siteId") String siteId, @Param("iqId") String iqId);

  @RequestLine("PUT /v1.2/sites/{siteId}/iqs/{iqId}/pin")
  @Headers({"Authorization: {auth}", "Content-Type: application/json"})
  Response changeIqPin(
      @Param("auth") String auth,
      @Param("siteId") String siteId,
      @Param("iqId") String iqId,
      Map<String, Object> body);

  /** Follows a {@code next_page_link}; the URI replaces the base URL. */
  @RequestLine("GET")
  @Headers("Authorization: {auth}")
  Response page(URI next, @Param("auth") String auth);
}
