package nl.ireserve.saltoks.internal;

import feign.Headers;
import feign.RequestLine;
import nl.ireserve.saltoks.internal.Operation.Call;

/**
 * The identity server's token endpoint, declared for Feign. Client authentication (HTTP Basic) is
 * added by Feign's {@link feign.auth.BasicAuthRequestInterceptor}.
 */
interface IdentityApi {
  @Call("POST /connect/token (sign in)")
  @RequestLine("POST /connect/token")
  @Headers({"Content-Type: application/x-www-form-urlencoded", "Accept: application/json"})
  Dto.Token token(String formBody);
}
