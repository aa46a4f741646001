package nl.ireserve.saltoks.access;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;

/**
 * What the SDK needs to know of an i-Reserve reservation. Immutable; built with {@link #builder()}:
 *
 * <pre>{@code
 * Reservation r = Reservation.builder()
 *     .id("R-1001").objectId("room-101").status("Paid")
 *     .start(start).end(end)
 *     .paymentComplete(true)
 *     .timeZone(ZoneId.of("Europe/Amsterdam"))   // optional
 *     .build();
 * }</pre>
 */
public final class Reservation {
  private final String id;
  private final String objectId;
  private final String status;
  private final Instant start;
  private final Instant end;
  private final boolean paymentComplete;
  private final @Nullable ZoneId timeZone;

  private Reservation(Builder b) {
    this.id = Args.text("id", b.id, 200);
    this.objectId = Args.text("objectId", b.objectId, 200);
    this.status = Args.text("status", b.status, 100);
    this.start = inRange("start", b.start);
    this.end = inRange("end", b.end);
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("end (" + end + ") must be after start (" + start + ")");
    }
    this.paymentComplete = b.paymentComplete;
    this.timeZone = b.timeZone;
  }

  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

  /** A reservation time between 1970 and 9999: window arithmetic on it never overflows. */
  private static Instant inRange(String field, @Nullable Instant value) {
    Args.notNull(field, value);
    if (value.isBefore(EARLIEST) || value.isAfter(LATEST)) {
      throw new IllegalArgumentException(field + " (" + value + ") must lie between " + EARLIEST + " and "
          + LATEST + "; check how the reservation's time was converted");
    }
    return value;
  }

  /** A builder; id, object id, status, start and end are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder with this reservation's values. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.id = id;
    b.objectId = objectId;
    b.status = status;
    b.start = start;
    b.end = end;
    b.paymentComplete = paymentComplete;
    b.timeZone = timeZone;
    return b;
  }

  /** The reservation's id. */
  public String id() {
    return id;
  }

  /** The booked object (for example Room 101's id). */
  public String objectId() {
    return objectId;
  }

  /** The reservation's current status, as the host names it ("Confirmed", "Paid", …). */
  public String status() {
    return status;
  }

  /** When the reservation starts. */
  public Instant start() {
    return start;
  }

  /** When it ends (after {@link #start()}). */
  public Instant end() {
    return end;
  }

  /** Whether payment has been completed. */
  public boolean paymentComplete() {
    return paymentComplete;
  }

  /**
   * The time zone the host shows the reservation's times in, if known (used to spot a mismatch with
   * the site's zone, manual problem 5).
   */
  public @Nullable ZoneId timeZone() {
    return timeZone;
  }

  /**
   * The same reservation in another status (as after check-in).
   *
   * @param newStatus the status
   * @return a new reservation
   */
  public Reservation withStatus(String newStatus) {
    return toBuilder().status(newStatus).build();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Reservation)) {
      return false;
    }
    Reservation r = (Reservation) o;
    return id.equals(r.id) && objectId.equals(r.objectId) && status.equals(r.status)
        && start.equals(r.start) && end.equals(r.end) && paymentComplete == r.paymentComplete
        && Objects.equals(timeZone, r.timeZone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, objectId, status, start, end, paymentComplete, timeZone);
  }

  @Override
  public String toString() {
    return "Reservation[id=" + id + ", objectId=" + objectId + ", status=" + status + ", start=" + start
        + ", end=" + end + ", paymentComplete=" + paymentComplete + ", timeZone=" + timeZone + "]";
  }

  /** Builds a {@link Reservation}; each value is checked when {@link #build()} runs. */
  public static final class Builder {
    private @Nullable String id;
    private @Nullable String objectId;
    private @Nullable String status;
    private @Nullable Instant start;
    private @Nullable Instant end;
    private boolean paymentComplete;
    private @Nullable ZoneId timeZone;

    private Builder() {}

    /**
     * The reservation's id. Required; at most 200 characters of well-formed text.
     *
     * @param id the id
     * @return this builder
     */
    public Builder id(String id) {
      this.id = Args.notNull("id", id);
      return this;
    }

    /**
     * The booked object's id. Required; at most 200 characters of well-formed text.
     *
     * @param objectId the object's id
     * @return this builder
     */
    public Builder objectId(String objectId) {
      this.objectId = Args.notNull("objectId", objectId);
      return this;
    }

    /**
     * The reservation's current status. Required.
     *
     * @param status the status
     * @return this builder
     */
    public Builder status(String status) {
      this.status = Args.notNull("status", status);
      return this;
    }

    /**
     * When the reservation starts. Required.
     *
     * @param start the instant
     * @return this builder
     */
    public Builder start(Instant start) {
      this.start = Args.notNull("start", start);
      return this;
    }

    /**
     * When the reservation ends; after the start. Required.
     *
     * @param end the instant
     * @return this builder
     */
    public Builder end(Instant end) {
      this.end = Args.notNull("end", end);
      return this;
    }

    /**
     * Whether payment has been completed. Default false.
     *
     * @param paymentComplete whether it has
     * @return this builder
     */
    public Builder paymentComplete(boolean paymentComplete) {
      this.paymentComplete = paymentComplete;
      return this;
    }

    /**
     * The time zone the host shows the reservation's times in. Optional.
     *
     * @param timeZone the zone, or null when unknown
     * @return this builder
     */
    public Builder timeZone(@Nullable ZoneId timeZone) {
      this.timeZone = timeZone;
      return this;
    }

    /**
     * Builds the reservation; the builder stays usable.
     *
     * @return the reservation
     * @throws IllegalArgumentException when a required value was not set or is bad (the message names
     *     it)
     */
    public Reservation build() {
      return new Reservation(this);
    }
  }
}
