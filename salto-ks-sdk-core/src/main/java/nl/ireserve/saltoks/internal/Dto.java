package nl.ireserve.saltoks.internal;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Connect API's JSON, as records that Jackson binds with snake_case names ({@link Json#MAPPER}).
 * Unknown fields are ignored. Required fields are checked in the compact constructors, so an answer
 * without them fails while it is decoded ({@link AnswerDecoder}), the one place where malformed
 * answers become exceptions. {@link ModelMapper} turns these into the public records.
 */
final class Dto {
  private Dto() {}

  /**
   * One page of a list: the {@code {items, next_page_link}} envelope, or a bare array (then without a
   * next page). Decoded by {@link AnswerDecoder}.
   */
  record Page<T>(List<T> items, @Nullable String nextPageLink) {
    Page {
      items = List.copyOf(items);
    }
  }

  record Site(String id, @Nullable String siteUid, @Nullable String customerReference,
      @Nullable String timeZone) {
    Site {
      required(id, "a site", "id");
    }
  }

  record Lock(String id, @Nullable String customerReference, @Nullable Boolean online,
      @Nullable String lockedState, @Nullable LockIq iq, @Nullable String lockType, @Nullable String batteryLevel,
      @Nullable Boolean privacyMode, @Nullable Boolean leftOpenAlarm, @Nullable Boolean intrusionAlarm,
      @Nullable String iqLinkState, @Nullable Integer offlineAccessKeysCount,
      @Nullable Integer offlineAccessKeysLimit) {
    Lock {
      required(id, "a lock", "id");
    }
  }

  record LockIq(String id, @Nullable String customerReference, @Nullable Boolean isOnline,
      @Nullable Boolean otpEnabled) {
    LockIq {
      required(id, "a lock's iq", "id");
    }
  }

  record Iq(String id, @Nullable String customerReference, @Nullable Boolean online,
      @Nullable String state, @Nullable Boolean otpEnabled, @Nullable String dataSyncState) {
    Iq {
      required(id, "an iq", "id");
    }
  }


  /** The platform user behind a site user ({@code user.id}: what entries and group membership use). */
  record PlatformUser(@Nullable String id) {}

  /**
   * A page of entries or incidents ({@code GET /v1.1/sites/{id}/entries|incidents}): items and the
   * continuation token for the next page (in the body, as measured in 2026; it goes back in the {@code
   * CLP-Continuation-Token} request header).
   */
  record LogPage<T>(@Nullable List<T> items, @Nullable String continuationToken) {
    LogPage {
      items = items == null ? List.of() : List.copyOf(items);
    }
  }

  /** An incident ({@code IncidentResponse}); only the fields the SDK reads. */
  record Incident(String id, @Nullable String eventCategory, @Nullable String eventDetail, String utcDateTime,
      @Nullable String localDateTime, @Nullable String lockId, @Nullable String lockCustomerReference,
      @Nullable String iqId, @Nullable String iqCustomerReference) {
    Incident {
      required(id, "an incident", "id");
      required(utcDateTime, "an incident", "utc_date_time");
    }
  }

  /** An entry, as SALTO sends it; only the fields the SDK reads. */
  record Entry(String id, @Nullable String eventCategory, @Nullable String eventDetail, String utcDateTime,
      @Nullable String localDateTime, @Nullable String lockId, @Nullable String lockCustomerReference,
      @Nullable String userId, @Nullable String userFirstName, @Nullable String userLastName,
      @Nullable String userAlias, @Nullable String iqId, @Nullable String accessBy) {
    Entry {
      required(id, "an entry", "id");
      required(utcDateTime, "an entry", "utc_date_time");
    }
  }

  /**
   * A site user ({@code …/users}, {@code …/guests}, the service account's {@code …/me}): two ids, the site
   * user's and the platform user's.
   */
  record SiteUser(String id, @Nullable PlatformUser user, @Nullable String alias, @Nullable List<Role> roles,
      @Nullable Boolean blocked, @Nullable Boolean usePin, @Nullable String subscriptionState,
      @Nullable String expiresAt, @Nullable Boolean remoteAccess) {
    SiteUser {
      required(id, "a site user", "id");
    }
  }

  record Role(@Nullable String id, @Nullable String code, @Nullable String customerReference) {}

  record Subscription(@Nullable Integer userAmount, @Nullable String type, @Nullable List<String> features) {}

  record AccessGroup(String id, @Nullable String customerReference) {
    AccessGroup {
      required(id, "an access group", "id");
    }
  }

  /**
   * A lock in an access group: the document's {@code LockSummaryResponse {id, customer_reference}}, where
   * {@code id} is the lock's id. {@code lock_id} is read too, for a server that answers the request's shape.
   */
  record GroupLock(@Nullable String id, @Nullable String lockId, @Nullable String customerReference) {
    @Nullable String lock() {
      return lockId != null && !lockId.isBlank() ? lockId : id;
    }
  }

  /**
   * A user in an access group: the document's {@code UserShortResponse {id, first_name, last_name}}, where
   * {@code id} is the platform user id (the one {@code POST …/users} takes as {@code user_id}).
   * {@code user_id} is read too, for a server that answers the request's shape.
   */
  record GroupUser(@Nullable String id, @Nullable String userId) {
    @Nullable String user() {
      return userId != null && !userId.isBlank() ? userId : id;
    }
  }

  /** A time schedule as SALTO answers it. */
  record TimeSchedule(@Nullable String id, @Nullable Boolean monday, @Nullable Boolean tuesday,
      @Nullable Boolean wednesday, @Nullable Boolean thursday, @Nullable Boolean friday,
      @Nullable Boolean saturday, @Nullable Boolean sunday, @Nullable String startTime, @Nullable String endTime,
      @Nullable String startDate, @Nullable String endDate) {}

  /**
   * The body of {@code POST} and {@code PATCH …/time_schedules}: the document's {@code
   * PostAccessGroupTimeScheduleRequest} / {@code PatchTimeScheduleRequest}, which have no {@code id}.
   */
  record ScheduleBody(boolean monday, boolean tuesday, boolean wednesday, boolean thursday, boolean friday,
      boolean saturday, boolean sunday, String startTime, String endTime, String startDate, String endDate) {}

  /** The body of {@code POST …/guests}. */
  record NewGuest(String alias, @Nullable String expiresAt) {}

  /** A {@code PATCH …/users/{id}} body: only the fields set are sent ({@link Json#MAPPER} leaves nulls out). */
  record UserPatch(@Nullable Boolean blocked, @Nullable Boolean usePin) {}

  /** The body of {@code PUT …/users/{id}/pin}: {@code expiry_date} a date-time, or left out (never expires). */
  record PinRequest(@Nullable String expiryDate) {}

  record NewGroup(String customerReference) {}

  record LockRef(String lockId) {}

  record UserRef(String userId) {}

  record ActivatedIq(@Nullable String iqId, @Nullable Boolean activated,
      @Nullable String activationDate) {}

  record Secret(String secret) {
    Secret {
      required(secret, "an IQ secret", "secret");
    }
  }

  record Token(String accessToken, @Nullable Long expiresIn) {
    Token {
      required(accessToken, "a token answer", "access_token");
    }
  }

  /** The body of {@code PATCH …/locking}. */
  record Locking(String lockedState, String otp) {
    @Override
    public String toString() {
      return "Locking[lockedState=" + lockedState + ", otp=****]";
    }
  }

  /** The body of {@code PUT …/iqs/{iq}/pin}. */
  record PinChange(String otp, String delta) {
    @Override
    public String toString() {
      return "PinChange[otp=****, delta=****]";
    }
  }

  private static void required(@Nullable String value, String what, String field) {
    if (value == null || value.isBlank()) {
      throw new MalformedAnswer(what + " without \"" + field + "\"");
    }
  }

  /** A 2xx answer that is not what the Connect API sends; never carries the body. */
  static final class MalformedAnswer extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedAnswer(String what) {
      super(what, null, false, false);
    }
  }
}
