package nl.ireserve.saltoks.testkit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An incident of a site's log, stored (visible to {@code GET …/incidents}) from {@code storedAt}. */
record IncidentRec(String id, String category, @Nullable String detail, @Nullable LockRec lock,
    IqRec iq, Instant at, Instant storedAt) {}
