package nl.ireserve.saltoks.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Feign's {@link feign.codec.Decoder} for 2xx answers: binds JSON into {@link Dto} records, and reads
 * a list from the {@code {items, next_page_link}} envelope or a bare array. Only reads are decoded;
 * a command's answer is void (its 2xx is its result, and an unreadable body does not undo its
 * effect).
 *
 * <p>The one place where a malformed answer becomes an error: it throws a {@link Failure} that the
 * {@link RetryLoop} turns into a {@link nl.ireserve.saltoks.exception.SaltoServerException}. A body that breaks
 * off while it is read is a transport failure, retried like one.
 */
final class AnswerDecoder implements feign.codec.Decoder {
  private final Failures failures;

  AnswerDecoder(Failures failures) {
    this.failures = failures;
  }

  @Override
  public Object decode(feign.Response response, Type type) {
    Operation op = Operation.of(response.request());
    byte[] body;
    try {
      body = Bodies.read(response, Bodies.MAX_BODY);
    } catch (IOException e) {
      throw failures.bodyBrokeOff(response.request(), e);
    }
    if (body.length == 0) {
      throw failures.malformed(response, op, "an empty or oversized body");
    }
    JavaType javaType = Json.MAPPER.constructType(type);
    try {
      return javaType.getRawClass() == Dto.Page.class
          ? page(body, javaType.containedType(0))
          : Json.MAPPER.readValue(body, javaType);
    } catch (Dto.MalformedAnswer e) {
      throw failures.malformed(response, op, e.getMessage());
    } catch (IOException e) {
      throw failures.malformed(response, op, describe(e));
    }
  }

  private static Dto.Page<?> page(byte[] body, JavaType itemType) throws IOException {
    JsonNode root = Json.MAPPER.readTree(body);
    JsonNode array = root.isArray() ? root : root.path("items");
    if (!array.isArray()) {
      throw new Dto.MalformedAnswer("a list answer had neither an items array nor a bare array");
    }
    List<Object> items = new ArrayList<>(array.size());
    for (JsonNode item : array) {
      if (!item.isObject()) {
        throw new Dto.MalformedAnswer("a list item that is not a JSON object");
      }
      items.add(Json.MAPPER.treeToValue(item, itemType));
    }
    JsonNode next = root.isObject() ? root.get("next_page_link") : null;
    String link = next != null && next.isTextual() && !next.asText().isBlank() ? next.asText() : null;
    return new Dto.Page<>(items, link);
  }

  /** What was wrong, without the body: Jackson's messages quote the input, so only the kind. */
  private static String describe(IOException e) {
    Throwable c = e.getCause();
    if (c instanceof Dto.MalformedAnswer) {
      return c.getMessage();
    }
    return e instanceof JsonProcessingException ? "not the JSON the Connect API sends" : "not JSON";
  }
}
