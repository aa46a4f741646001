package nl.ireserve.saltoks.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import javax.annotation.Nullable;
import nl.ireserve.saltoks.DataSyncState;
import nl.ireserve.saltoks.Iq;
import nl.ireserve.saltoks.IqState;
import nl.ireserve.saltoks.Lock;
import nl.ireserve.saltoks.LockIq;
import nl.ireserve.saltoks.LockedState;
import nl.ireserve.saltoks.Site;

/** Turns Connect API JSON into the public model; tolerant of unknown fields and enum values. */
public final class ModelMapper {
  private ModelMapper() {}

  /** A site object. */
  public static Site site(JsonNode n) {
    return new Site(
        Json.requiredText(n, "id", "a site"),
        nonNull(Json.text(n, "site_uid")),
        nonNull(Json.text(n, "customer_reference")),
        zone(Json.text(n, "time_zone")));
  }

  /** A lock object. */
  public static Lock lock(JsonNode n) {
    JsonNode iq = n.get("iq");
    LockIq lockIq =
        iq == null || !iq.isObject()
            ? null
            : new LockIq(
                Json.requiredText(iq, "id", "a lock's iq"),
                nonNull(Json.text(iq, "customer_reference")),
                Json.bool(iq, "is_online"),
                Json.bool(iq, "otp_enabled"));
    return new Lock(
        Json.requiredText(n, "id", "a lock"),
        nonNull(Json.text(n, "customer_reference")),
        Json.bool(n, "online"),
        LockedState.fromWire(Json.text(n, "locked_state")),
        lockIq);
  }

  /** An IQ object. */
  public static Iq iq(JsonNode n) {
    return new Iq(
        Json.requiredText(n, "id", "an iq"),
        nonNull(Json.text(n, "customer_reference")),
        Json.bool(n, "online"),
        IqState.fromWire(Json.text(n, "state")),
        Json.bool(n, "otp_enabled"),
        DataSyncState.fromWire(Json.text(n, "data_sync_state")));
  }

  private static String nonNull(@Nullable String s) {
    return s == null ? "" : s;
  }

  private static @Nullable ZoneId zone(@Nullable String id) {
    if (id == null || id.isBlank()) {
      return null;
    }
    try {
      return ZoneId.of(id);
    } catch (DateTimeException e) {
      return null;
    }
  }
}
