package nl.ireserve.saltoks.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import nl.ireserve.saltoks.DataSyncState;
import nl.ireserve.saltoks.Iq;
import nl.ireserve.saltoks.IqState;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.LockedState;
import org.junit.jupiter.api.Test;

class ModelMapperTest {
  private static JsonNode json(String s) throws Exception {
    return Json.MAPPER.readTree(s);
  }

  @Test
  void lock_unknownFieldsIgnored_unknownEnumKeptAsUnknown() throws Exception {
    Lock lock = ModelMapper.lock(json("{\"id\":\"l1\",\"customer_reference\":\"Lock Alpha\",\"online\":true,"
        + "\"locked_state\":\"half_open_new_value\",\"brand_new_field\":{\"x\":1},"
        + "\"iq\":{\"id\":\"i1\",\"customer_reference\":\"IQ\",\"is_online\":false,\"otp_enabled\":true}}"));
    assertThat(lock.lockedState()).isEqualTo(LockedState.UNKNOWN);
    assertThat(lock.name()).isEqualTo("Lock Alpha");
    assertThat(lock.iq().otpEnabled()).isTrue();
    assertThat(lock.iq().online()).isFalse();
  }

  @Test
  void iq_readsStates() throws Exception {
    Iq iq = ModelMapper.iq(json("{\"id\":\"i1\",\"state\":\"active\",\"data_sync_state\":\"not_synced\",\"otp_enabled\":true,\"online\":true}"));
    assertThat(iq.state()).isEqualTo(IqState.ACTIVE);
    assertThat(iq.dataSyncState()).isEqualTo(DataSyncState.NOT_SYNCED);
  }

  @Test
  void items_acceptsEnvelopeAndBareArray() throws Exception {
    assertThat(Json.items(json("{\"items\":[{\"id\":1},{\"id\":2}],\"next_page_link\":null,\"count\":2}"))).hasSize(2);
    assertThat(Json.items(json("[{\"id\":1}]"))).hasSize(1);
    assertThatThrownBy(() -> Json.items(json("{\"value\":1}"))).isInstanceOf(Json.MalformedAnswer.class);
  }

  @Test
  void errorBody_codeAsStringOrNumber() {
    assertThat(ErrorMapper.parse("{\"ErrorCode\":\"2202\",\"Message\":\"Otp is invalid\"}".getBytes()).code()).isEqualTo("2202");
    assertThat(ErrorMapper.parse("{\"ErrorCode\":3102,\"Message\":\"otp_invalid\"}".getBytes()).code()).isEqualTo("3102");
    assertThat(ErrorMapper.parse("<html>".getBytes()).json()).isFalse();
  }
}
