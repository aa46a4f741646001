package nl.ireserve.saltoks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.annotation.Nullable;

/** The one Jackson configuration of the SDK and small tolerant readers on top of it. */
public final class Json {
  /** Shared, thread-safe mapper: unknown fields ignored. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL)
          .build();

  private Json() {}

  /** Parses bytes into a tree; {@code null} for an empty body. */
  public static @Nullable JsonNode parse(byte[] body) throws IOException {
    if (body.length == 0) {
      return null;
    }
    return MAPPER.readTree(body);
  }

  /** Serialises a value; used for request bodies built from maps. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a request body", e);
    }
  }

  /**
   * The elements of a list answer: accepts the {@code {items, next_page_link, count}} envelope and a
   * bare JSON array.
   */
  public static List<JsonNode> items(@Nullable JsonNode page) {
    List<JsonNode> out = new ArrayList<>();
    if (page == null) {
      throw new MalformedAnswer("an empty answer where a list was expected");
    }
    JsonNode array = page.isArray() ? page : page.path("items");
    if (!array.isArray()) {
      throw new MalformedAnswer("a list answer had neither an items array nor a bare array");
    }
    array.forEach(out::add);
    return out;
  }

  /** The {@code next_page_link} of an envelope, if present and not blank. */
  public static Optional<String> nextPageLink(@Nullable JsonNode page) {
    if (page == null || !page.isObject()) {
      return Optional.empty();
    }
    JsonNode link = page.get("next_page_link");
    if (link == null || !link.isTextual() || link.asText().isBlank()) {
      return Optional.empty();
    }
    return Optional.of(link.asText());
  }

  /** A text field or {@code null}; numbers are turned into text (SALTO's ErrorCode is either). */
  public static @Nullable String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull() || v.isContainerNode()) {
      return null;
    }
    return v.asText();
  }

  /** A required text field; a missing one is a malformed answer. */
  public static String requiredText(JsonNode node, String field, String what) {
    String v = text(node, field);
    if (v == null || v.isBlank()) {
      throw new MalformedAnswer(what + " without \"" + field + "\"");
    }
    return v;
  }

  /** A boolean field, {@code false} when missing. */
  public static boolean bool(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v != null && (v.isBoolean() ? v.booleanValue() : "true".equalsIgnoreCase(v.asText()));
  }

  /** An answer that is not what the Connect API sends. */
  public static final class MalformedAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates it with a description that never includes the body. */
    public MalformedAnswer(String what) {
      super(what);
    }
  }
}
