package nl.ireserve.saltoks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import feign.Request;
import feign.Response;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import nl.ireserve.saltoks.Iq.DataSyncState;
import nl.ireserve.saltoks.Iq.IqState;
import nl.ireserve.saltoks.Iq;
import nl.ireserve.saltoks.Lock.LockedState;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.RetryPolicy;
import nl.ireserve.saltoks.SaltoEnvironment;
import nl.ireserve.saltoks.exception.SaltoKsException;
import nl.ireserve.saltoks.exception.SaltoServerException;
import nl.ireserve.saltoks.spi.Observer;
import org.junit.jupiter.api.Test;

/** The decoder, the DTO records and the mappers, on answers built by hand. */
class DecodingTest {
  private static final Failures FAILURES = new Failures(new ClientOptions(
      SaltoEnvironment.custom("http://127.0.0.1:1", "http://127.0.0.1:1"),
      java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1), java.time.Duration.ofSeconds(1),
      RetryPolicy.none(), "ua", Clock.systemUTC(), System::nanoTime, java.time.Duration.ZERO, java.time.Duration.ofSeconds(60), 4, nl.ireserve.saltoks.SiteLimits.defaults(),
      "v1.2", null, new ClientOptions.HttpOptions(null, null, null, null, null, 8, java.time.Duration.ofSeconds(30),
          null, nl.ireserve.saltoks.spi.Observer.NONE)));
  private static final AnswerDecoder DECODER = new AnswerDecoder(FAILURES);

  private static Response answer(int status, String body) {
    Request request = Request.create(Request.HttpMethod.GET, "http://127.0.0.1:1/x",
        Collections.emptyMap(), null, StandardCharsets.UTF_8, null);
    return Response.builder().status(status).request(request).headers(Collections.emptyMap())
        .body(body, StandardCharsets.UTF_8).build();
  }

  private static Object decode(String body, java.lang.reflect.Type type) {
    return DECODER.decode(answer(200, body), type);
  }

  private static java.lang.reflect.Type pageOf(Class<?> item) throws Exception {
    return ConnectApi.class.getMethod(item == Dto.Lock.class ? "listLocks" : "listIqs", String.class)
        .getGenericReturnType();
  }

  @Test
  void lock_unknownFieldsIgnored_unknownEnumKeptAsUnknown() {
    Lock lock = ModelMapper.lock((Dto.Lock) decode("{\"id\":\"l1\",\"customer_reference\":\"Lock Alpha\","
        + "\"online\":true,\"locked_state\":\"half_open_new_value\",\"brand_new_field\":{\"x\":1},"
        + "\"iq\":{\"id\":\"i1\",\"customer_reference\":\"IQ\",\"is_online\":false,\"otp_enabled\":true}}",
        Dto.Lock.class));
    assertThat(lock.lockedState()).isEqualTo(LockedState.UNKNOWN);
    assertThat(lock.name()).isEqualTo("Lock Alpha");
    assertThat(lock.iq().otpEnabled()).isTrue();
    assertThat(lock.iq().online()).isFalse();
  }

  @Test
  void iq_readsStates() {
    Iq iq = ModelMapper.iq((Dto.Iq) decode("{\"id\":\"i1\",\"state\":\"active\","
        + "\"data_sync_state\":\"not_synced\",\"otp_enabled\":true,\"online\":true}", Dto.Iq.class));
    assertThat(iq.state()).isEqualTo(IqState.ACTIVE);
    assertThat(iq.dataSyncState()).isEqualTo(DataSyncState.NOT_SYNCED);
  }

  @Test
  void page_acceptsEnvelopeAndBareArray() throws Exception {
    Dto.Page<?> envelope = (Dto.Page<?>) decode("{\"items\":[{\"id\":\"a\"},{\"id\":\"b\"}],"
        + "\"next_page_link\":\"/v1.2/x?page=2\",\"count\":2}", pageOf(Dto.Lock.class));
    assertThat(envelope.items()).hasSize(2).allMatch(i -> i instanceof Dto.Lock);
    assertThat(envelope.nextPageLink()).isEqualTo("/v1.2/x?page=2");
    Dto.Page<?> bare = (Dto.Page<?>) decode("[{\"id\":\"a\"}]", pageOf(Dto.Iq.class));
    assertThat(bare.items()).hasSize(1);
    assertThat(bare.nextPageLink()).isNull();
  }

  @Test
  void malformedAnswers_becomeServerErrorsWithoutTheBody() throws Exception {
    for (String body : List.of("{\"value\":\"secret-ish\"}", "<html>secret-ish</html>", "", "{\"id\":\" \"}")) {
      java.lang.reflect.Type type = body.startsWith("{\"value") ? pageOf(Dto.Lock.class) : Dto.Lock.class;
      assertThatThrownBy(() -> decode(body, type))
          .isInstanceOfSatisfying(Failure.class, f -> {
            SaltoKsException e = f.toException(1);
            assertThat(e).isInstanceOf(SaltoServerException.class);
            assertThat(e.getMessage()).contains("not readable").doesNotContain("secret-ish");
          });
    }
  }

  @Test
  void errorCode_asStringOrNumber_andNonJson() {
    ErrorMapper mapper = ErrorMapper.connectApi("acceptance", Clock.systemUTC());
    Operation op = new Operation("GET x", false, "");
    assertThat(mapper.map(op, 400, "{\"ErrorCode\":\"2202\",\"Message\":\"Otp is invalid\"}".getBytes(),
        null, null, 1, false).errorCode()).contains("2202");
    assertThat(mapper.map(op, 400, "{\"ErrorCode\":3102,\"Message\":\"otp_invalid\"}".getBytes(),
        null, null, 1, false).errorCode()).contains("3102");
    assertThat(mapper.map(op, 400, "<html>".getBytes(), null, null, 1, false))
        .isInstanceOf(SaltoServerException.class);
  }

  @Test
  void error1100_isHintedByWhatWasSent_aBodyOrASitesId() {
    ErrorMapper mapper = ErrorMapper.connectApi("acceptance", Clock.systemUTC());
    Operation op = new Operation("PATCH x", true, "");
    byte[] invalid = "{\"ErrorCode\":\"1100\",\"Message\":\"The request is invalid.\"}".getBytes();

    String withBody = mapper.map(op, 400, invalid, null, null, 1, true).getMessage();
    String withoutBody = mapper.map(op, 400, invalid, null, null, 1, false).getMessage();

    assertThat(withBody).contains("request body").contains("null").doesNotContain("site UID");
    assertThat(withoutBody).contains("UUID").contains("site UID");
  }

  @Test
  void error3104_isTheAccessorPinMissing_notANotFound() {
    ErrorMapper mapper = ErrorMapper.connectApi("acceptance", Clock.systemUTC());
    Operation op = new Operation("PATCH open", true, "");
    byte[] body = "{\"ErrorCode\":\"3104\",\"Message\":\"Cannot find pin for accessor\"}".getBytes();

    assertThat(mapper.map(op, 404, body, null, null, 1, true))
        .isInstanceOf(nl.ireserve.saltoks.exception.SaltoAccessorPinMissingException.class)
        .hasMessageContaining("IQ PIN").hasMessageNotContaining("Not found for this account");
  }
}
