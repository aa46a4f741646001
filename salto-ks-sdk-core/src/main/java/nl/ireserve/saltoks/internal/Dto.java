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
      @Nullable String lockedState, @Nullable LockIq iq) {
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

  /** A page of entries ({@code GET /v1.1/sites/{id}/entries}). */
  record EntryPage(@Nullable List<Entry> items, @Nullable String continuationToken) {
    EntryPage {
      items = items == null ? List.of() : List.copyOf(items);
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

  record GroupLock(@Nullable String id, @Nullable String lockId) {}

  record GroupUser(@Nullable String id, @Nullable String userId) {}

  record TimeSchedule(@Nullable String id, @Nullable Boolean monday, @Nullable Boolean tuesday,
      @Nullable Boolean wednesday, @Nullable Boolean thursday, @Nullable Boolean friday,
      @Nullable Boolean saturday, @Nullable Boolean sunday, @Nullable String startTime, @Nullable String endTime,
      @Nullable String startDate, @Nullable String endDate) {}

  /** The body of {@code POST …/guests}. */
  record NewGuest(String alias, @Nullable String expiresAt) {}

  /** A {@code PATCH …/users/{id}} body: only the fields set are sent. */
  record UserPatch(@Nullable Boolean blocked, @Nullable Boolean usePin) {}

  /** The body of {@code PUT …/users/{id}/pin}. */
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
