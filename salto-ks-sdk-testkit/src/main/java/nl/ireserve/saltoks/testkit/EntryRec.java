package nl.ireserve.saltoks.testkit;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** An entry of a site's log, stored (visible to {@code GET …/entries}) from {@code storedAt}. */
record EntryRec(String id, String category, @Nullable String detail, @Nullable String accessBy,
    LockRec lock, @Nullable String userId, Instant at, Instant storedAt) {}
