package nl.ireserve.saltoks.internal;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import java.net.URI;
import nl.ireserve.saltoks.internal.Operation.Call;

/**
 * The Connect API endpoints, declared for Feign, relative to the versioned base URL ({@code …/v1.2}
 * or {@code …/v1.1}). Each says with {@link Call} what it is, for messages and for the retry loop.
 * Reads return {@link Dto} records; commands return nothing (their 2xx is their result).
 */
@Headers("Accept: application/json")
interface ConnectApi {
  @Call("GET …/sites (list sites)")
  @RequestLine("GET /sites")
  Dto.Page<Dto.Site> listSites();

  @Call("GET …/sites (list sites)")
  @RequestLine("GET")
  Dto.Page<Dto.Site> sitesPage(URI next);

  @Call("GET …/sites/{id} (read site)")
  @RequestLine("GET /sites/{siteId}")
  Dto.Site getSite(@Param("siteId") String siteId);

  @Call("GET …/sites/{id}/me (the service account's site user)")
  @RequestLine("GET /sites/{siteId}/me")
  Dto.SiteUser siteMe(@Param("siteId") String siteId);

  @Call("GET …/sites/{id}/locks (list locks)")
  @RequestLine("GET /sites/{siteId}/locks")
  Dto.Page<Dto.Lock> listLocks(@Param("siteId") String siteId);

  @Call("GET …/sites/{id}/locks (list locks)")
  @RequestLine("GET")
  Dto.Page<Dto.Lock> locksPage(URI next);

  @Call("GET …/sites/{id}/locks/{lock} (read lock)")
  @RequestLine("GET /sites/{siteId}/locks/{lockId}")
  Dto.Lock getLock(@Param("siteId") String siteId, @Param("lockId") String lockId);

  @Call(value = "PATCH …/sites/{id}/locks/{lock}/locking (remote open)", command = true,
      unknownOutcomeAdvice = "Check the lock's entries in SALTO KS before opening again.")
  @RequestLine("PATCH /sites/{siteId}/locks/{lockId}/locking")
  @Headers("Content-Type: application/json")
  void openLock(@Param("siteId") String siteId, @Param("lockId") String lockId, Dto.Locking body);

  @Call("GET …/sites/{id}/iqs (list IQs)")
  @RequestLine("GET /sites/{siteId}/iqs")
  Dto.Page<Dto.Iq> listIqs(@Param("siteId") String siteId);

  @Call("GET …/sites/{id}/iqs (list IQs)")
  @RequestLine("GET")
  Dto.Page<Dto.Iq> iqsPage(URI next);

  @Call("GET …/sites/{id}/iqs/{iq} (read IQ)")
  @RequestLine("GET /sites/{siteId}/iqs/{iqId}")
  Dto.Iq getIq(@Param("siteId") String siteId, @Param("iqId") String iqId);

  @Call("GET …/me/{site}/activated_iqs (IQ activation status)")
  @RequestLine("GET /me/{siteId}/activated_iqs")
  Dto.Page<Dto.ActivatedIq> activatedIqs(@Param("siteId") String siteId);

  @Call("GET …/me/{site}/activated_iqs (IQ activation status)")
  @RequestLine("GET")
  Dto.Page<Dto.ActivatedIq> activatedIqsPage(URI next);

  @Call("GET …/sites/{id}/iqs/{iq}/secret (fetch IQ secret)")
  @RequestLine("GET /sites/{siteId}/iqs/{iqId}/secret")
  Dto.Secret iqSecret(@Param("siteId") String siteId, @Param("iqId") String iqId);

  @Call(value = "GET …/sites/{id}/iqs/{iq}/pin?send_email=true (GET PIN)", command = true,
      unknownOutcomeAdvice = "Check the service account's mailbox for the PIN e-mail before asking"
          + " again.")
  @RequestLine("GET /sites/{siteId}/iqs/{iqId}/pin?send_email=true")
  void sendIqPin(@Param("siteId") String siteId, @Param("iqId") String iqId);

  @Call(value = "PUT …/sites/{id}/iqs/{iq}/pin (set IQ PIN)", command = true,
      unknownOutcomeAdvice = "The PIN may or may not have changed: verify the new key, and if that"
          + " fails the old one, with IqSetup.verify before storing either.")
  @RequestLine("PUT /sites/{siteId}/iqs/{iqId}/pin")
  @Headers("Content-Type: application/json")
  void changeIqPin(@Param("siteId") String siteId, @Param("iqId") String iqId, Dto.PinChange body);
}
