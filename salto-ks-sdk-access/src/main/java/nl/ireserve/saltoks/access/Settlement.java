package nl.ireserve.saltoks.access;

import nl.ireserve.saltoks.Entries;
import org.jspecify.annotations.Nullable;

/**
 * What {@link AccessService#settle} (and {@link AccessService#confirm}) found and did about an opening whose
 * outcome SALTO's entries were to confirm.
 *
 * @param confirmation what the entries show, or null when there was nothing to look for or they could
 *     not be read
 * @param status the attempt's status now (OPENED or OPENED_RECORDING_FAILED when settled as opened,
 *     FAILED when settled as not opened, UNKNOWN when it stays unknown), or null when there is no sent
 *     attempt
 * @param explanation what happened and what to do, for a person
 */
public record Settlement(Entries.@Nullable Confirmation confirmation, OpenOutcome.@Nullable Status status,
    String explanation) {}
