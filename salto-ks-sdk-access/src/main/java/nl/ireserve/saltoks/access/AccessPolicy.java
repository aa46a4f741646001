package nl.ireserve.saltoks.access;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import nl.ireserve.saltoks.diagnostics.Finding;
import nl.ireserve.saltoks.diagnostics.Report;
import nl.ireserve.saltoks.mapping.internal.Args;
import org.jspecify.annotations.Nullable;

/**
 * The administrator's configuration of manual section 3, and the pure rule it defines: a reservation
 * may open its door when its status is one of {@link #allowedStatuses()}, payment is complete if
 * {@link #paymentRequired()}, and the time is inside {@code [start − minutesBefore, end +
 * graceMinutesAfter)}.
 *
 * <pre>{@code
 * AccessPolicy policy = AccessPolicy.builder()
 *     .allowedStatuses("Confirmed", "Paid")          // 3.1
 *     .minutesBefore(30)                             // 3.2: hotel 30–60, sports 15
 *     .lastOpenField("Reservation changed 01")       // 3.3
 *     .statusAfterOpening("23-LOCKOPOPEN")           // 3.4
 *     .build();
 * policy.lint().findings().forEach(w -> screen.warn(w.evidence(), w.fix()));
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@link #evaluate} does no I/O and allocates little.
 */
public final class AccessPolicy {
  /** Policy check: no status may open. */
  public static final String NO_STATUS_ALLOWED = "No status allowed";
  /** Policy check: access starts more than a day before the start. */
  public static final String EARLY_ACCESS = "Early access";
  /** Policy check: the status after opening may not open, so the guest is locked out. */
  public static final String STATUS_AFTER_OPENING_LOCKS_OUT = "Status after opening locks out";
  /** Policy check: payment is not required. */
  public static final String PAYMENT_NOT_REQUIRED = "Payment not required";

  /** The largest "minutes before" accepted: one year. Above a day {@link #lint()} already warns. */
  public static final int MAX_MINUTES = 525_600;

  private static final DateTimeFormatter DISPLAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

  private final Set<String> allowedStatuses;
  private final int minutesBefore;
  private final int graceMinutesAfter;
  private final boolean paymentRequired;
  private final @Nullable String lastOpenField;
  private final @Nullable String statusAfterOpening;
  private final long beforeSeconds;
  private final long graceSeconds;

  private AccessPolicy(Builder b) {
    this.allowedStatuses = Set.copyOf(b.allowedStatuses);
    this.minutesBefore = b.minutesBefore;
    this.graceMinutesAfter = b.graceMinutesAfter;
    this.paymentRequired = b.paymentRequired;
    this.lastOpenField = b.lastOpenField;
    this.statusAfterOpening = b.statusAfterOpening;
    this.beforeSeconds = minutesBefore * 60L;
    this.graceSeconds = graceMinutesAfter * 60L;
  }

  /** A builder: no status allowed, 0 minutes before, no grace, payment not required. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    Builder b = new Builder().allowedStatuses(allowedStatuses).minutesBefore(minutesBefore)
        .graceMinutesAfter(graceMinutesAfter).paymentRequired(paymentRequired);
    if (lastOpenField != null) {
      b.lastOpenField(lastOpenField); // through the setters: the copy is validated like any other
    }
    if (statusAfterOpening != null) {
      b.statusAfterOpening(statusAfterOpening);
    }
    return b;
  }

  /** The statuses in which the door may open (manual 3.1). */
  public Set<String> allowedStatuses() {
    return allowedStatuses;
  }

  /** How many minutes before the start access begins (manual 3.2). */
  public int minutesBefore() {
    return minutesBefore;
  }

  /** How many minutes after the end access still works. */
  public int graceMinutesAfter() {
    return graceMinutesAfter;
  }

  /** Whether payment must be complete. */
  public boolean paymentRequired() {
    return paymentRequired;
  }

  /** The reservation field that records the last open action (manual 3.3), if set. */
  public Optional<String> lastOpenField() {
    return Optional.ofNullable(lastOpenField);
  }

  /** The status set after the first opening (manual 3.4, check-in), if set. */
  public Optional<String> statusAfterOpening() {
    return Optional.ofNullable(statusAfterOpening);
  }

  /** The first instant the reservation may open. */
  public Instant opensAt(Reservation r) {
    return r.start().minusSeconds(beforeSeconds);
  }

  /** The first instant the reservation may no longer open. */
  public Instant closesAt(Reservation r) {
    return r.end().plusSeconds(graceSeconds);
  }

  /**
   * Decides, with times shown in UTC. See {@link #evaluate(Reservation, Instant, ZoneId)}.
   *
   * @param r the reservation
   * @param now the instant to decide for
   * @return the decision
   */
  public AccessDecision evaluate(Reservation r, Instant now) {
    return evaluate(r, now, ZoneOffset.UTC);
  }

  /**
   * Decides whether the reservation may open now, listing every reason it may not. Pure: no I/O, no
   * clock; mapping, IQ key and lock state are added by {@link AccessService}.
   *
   * @param r the reservation
   * @param now the instant to decide for
   * @param displayZone the site's time zone, for the times in messages
   * @return the decision
   */
  public AccessDecision evaluate(Reservation r, Instant now, ZoneId displayZone) {
    Instant opens = opensAt(r);
    Instant closes = closesAt(r);
    List<DenialReason> reasons = new ArrayList<>(2);
    if (!allowedStatuses.contains(r.status())) {
      reasons.add(new DenialReason(DenialReason.Code.STATUS_NOT_ALLOWED,
          "status \"" + r.status() + "\" may not open the door" + (allowedStatuses.isEmpty()
              ? " (no status is selected)" : "; allowed: " + String.join(", ", sorted())),
          "Confirm or pay the reservation, or select its status under \"Lock may open based on"
              + " status\" (manual 3.1).",
          null));
    }
    if (now.isBefore(opens)) {
      reasons.add(new DenialReason(DenialReason.Code.TOO_EARLY,
          "too early: access opens at " + show(opens, displayZone) + " (" + minutesBefore
              + " minutes before the start at " + show(r.start(), displayZone) + ")",
          "Wait until " + show(opens, displayZone) + ", or raise \"Time before (in minutes)\" (manual 3.2).",
          opens));
    } else if (!now.isBefore(closes)) {
      reasons.add(new DenialReason(DenialReason.Code.TOO_LATE,
          "too late: access ended at " + show(closes, displayZone) + " (end " + show(r.end(), displayZone)
              + (graceMinutesAfter > 0 ? " plus " + graceMinutesAfter + " minutes" : "") + ")",
          "Check the reservation's end time and time zone (manual problem 5).",
          closes));
    }
    if (paymentRequired && !r.paymentComplete()) {
      reasons.add(new DenialReason(DenialReason.Code.PAYMENT_MISSING,
          "payment has not been completed", "Complete the payment (manual problem 1, point 4).", null));
    }
    return new AccessDecision(r.id(), now, opens, closes, reasons);
  }

  private List<String> sorted() {
    List<String> s = new ArrayList<>(allowedStatuses);
    s.sort(null);
    return s;
  }

  static String show(Instant t, ZoneId zone) {
    return DISPLAY.format(t.atZone(zone));
  }

  /**
   * Warnings about risky settings, for the administrator's screen (empty when none).
   *
   * @return the policy check: a warning for each risky setting, none when the policy is sound
   */
  public Report lint() {
    List<Finding> out = new ArrayList<>();
    if (allowedStatuses.isEmpty()) {
      out.add(Finding.of(NO_STATUS_ALLOWED, Finding.Status.WARN,
          "no status is selected under \"Lock may open based on status\": nobody can open a door",
          "Select the statuses that may open.", "3.1"));
    }
    if (minutesBefore > 1440) {
      out.add(Finding.of(EARLY_ACCESS, Finding.Status.WARN,
          "access starts " + minutesBefore + " minutes (" + Duration.ofMinutes(minutesBefore).toHours()
              + " hours) before the start: risk of early access",
          "Hotels use 30 to 60 minutes, sports facilities 15.", "3.2"));
    }
    if (statusAfterOpening != null && !allowedStatuses.contains(statusAfterOpening)) {
      out.add(Finding.of(STATUS_AFTER_OPENING_LOCKS_OUT, Finding.Status.WARN,
          "after the first opening the status becomes \"" + statusAfterOpening + "\", which may not"
              + " open the door: the guest is locked out after the first opening",
          "Select \"" + statusAfterOpening + "\" under \"Lock may open based on status\" too.", "3.1, 3.4"));
    }
    if (!paymentRequired) {
      out.add(Finding.of(PAYMENT_NOT_REQUIRED, Finding.Status.WARN,
          "payment is not required to open",
          "The manual advises opening only for paid or definitively confirmed reservations.", "3.1"));
    }
    return new Report("Policy check (manual 3)", out);
  }


  @Override
  public String toString() {
    return "AccessPolicy[allowedStatuses=" + sorted() + ", minutesBefore=" + minutesBefore
        + ", graceMinutesAfter=" + graceMinutesAfter + ", paymentRequired=" + paymentRequired
        + ", lastOpenField=" + lastOpenField + ", statusAfterOpening=" + statusAfterOpening + "]";
  }

  /** Builds an {@link AccessPolicy}; each setter validates at once. */
  public static final class Builder {
    private final Set<String> allowedStatuses = new LinkedHashSet<>();
    private int minutesBefore;
    private int graceMinutesAfter;
    private boolean paymentRequired;
    private @Nullable String lastOpenField;
    private @Nullable String statusAfterOpening;

    private Builder() {}

    /**
     * The statuses that may open (replaces any set before).
     *
     * @param statuses the statuses, as the host names them
     * @return this builder
     */
    public Builder allowedStatuses(String... statuses) {
      Args.notNull("statuses", statuses);
      return allowedStatuses(java.util.Arrays.asList(statuses));
    }

    /**
     * The statuses that may open (replaces any set before).
     *
     * @param statuses the statuses
     * @return this builder
     */
    public Builder allowedStatuses(Collection<String> statuses) {
      Args.notNull("statuses", statuses);
      List<String> valid = new ArrayList<>();
      for (String s : statuses) {
        valid.add(Args.text("status", s, 100)); // all checked before any is taken: nothing half-set
      }
      allowedStatuses.clear();
      allowedStatuses.addAll(valid);
      return this;
    }

    /**
     * Minutes of access before the start (manual 3.2; the manual's example is 1440).
     *
     * @param minutes 0 to {@value AccessPolicy#MAX_MINUTES}
     * @return this builder
     */
    public Builder minutesBefore(int minutes) {
      this.minutesBefore = minutes("minutesBefore", minutes);
      return this;
    }

    /**
     * Minutes of access after the end. Default 0.
     *
     * @param minutes 0 to {@value AccessPolicy#MAX_MINUTES}
     * @return this builder
     */
    public Builder graceMinutesAfter(int minutes) {
      this.graceMinutesAfter = minutes("graceMinutesAfter", minutes);
      return this;
    }

    private static int minutes(String field, int minutes) {
      if (minutes < 0) {
        throw new IllegalArgumentException(field + " must not be negative, got " + minutes);
      }
      if (minutes > MAX_MINUTES) {
        throw new IllegalArgumentException(field + " of " + minutes + " is more than a year ("
            + MAX_MINUTES + "); that is surely a typing error");
      }
      return minutes;
    }

    /**
     * Whether payment must be complete. Default false.
     *
     * @param required whether it must
     * @return this builder
     */
    public Builder paymentRequired(boolean required) {
      this.paymentRequired = required;
      return this;
    }

    /**
     * The reservation field that records the last open action (manual 3.3), such as "Reservation
     * changed 01".
     *
     * @param field the field's name
     * @return this builder
     */
    public Builder lastOpenField(String field) {
      this.lastOpenField = Args.text("lastOpenField", field, 100);
      return this;
    }

    /**
     * The status the reservation gets after its first opening (manual 3.4), such as "23-LOCKOPOPEN".
     *
     * @param status the status
     * @return this builder
     */
    public Builder statusAfterOpening(String status) {
      this.statusAfterOpening = Args.text("statusAfterOpening", status, 100);
      return this;
    }

    /** Builds the policy. */
    public AccessPolicy build() {
      return new AccessPolicy(this);
    }
  }
}
