package nl.ireserve.saltoks.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the SDK. */
final class Json {
  /**
   * Shared, thread-safe mapper: snake_case names, unknown fields ignored when reading, and a {@code null}
   * field left out when writing. SALTO's request schemas are strict ({@code additionalProperties: false},
   * booleans not nullable): a request body carries exactly the fields the caller set, never {@code null}
   * for "leave as is" (salto-ks-api.md §10).
   */
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private Json() {}
}
