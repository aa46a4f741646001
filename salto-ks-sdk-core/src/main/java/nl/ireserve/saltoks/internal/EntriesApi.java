package nl.ireserve.saltoks.internal;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import nl.ireserve.saltoks.internal.Operation.Call;

/**
 * The entries endpoint, declared for Feign relative to the version-1.1 base URL: measured, entries exist
 * only there ({@code /v1.2/…/entries} answers 405), whatever version the client uses otherwise.
 */
@Headers("Accept: application/json")
interface EntriesApi {
  @Call("GET /v1.1/sites/{id}/entries (read entries)")
  @RequestLine("GET /sites/{siteId}/entries?$top={top}&$orderby=utc_date_time%20desc")
  Dto.EntryPage first(@Param("siteId") String siteId, @Param("top") int top);

  @Call("GET /v1.1/sites/{id}/entries (read entries)")
  @RequestLine("GET /sites/{siteId}/entries?$top={top}&$orderby=utc_date_time%20desc&continuation_token={token}")
  Dto.EntryPage next(@Param("siteId") String siteId, @Param("top") int top, @Param("token") String token);
}
