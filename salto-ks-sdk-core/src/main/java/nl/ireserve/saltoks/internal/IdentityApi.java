package nl.ireserve.saltoks.internal;

import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;

/** The identity server's token endpoint, declared for Feign. */
interface IdentityApi {
  @RequestLine("POST /connect/token")
  @Headers({
    "Authorization: {basic}",
    "Content-Type: application/x-www-form-urlencoded",
    "Accept: application/json"
  })
  Response token(@Param("basic") String basicAuth, String formBody);
}
